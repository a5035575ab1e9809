/** The organization's official languages (DESIGN 6a); EN where none is chosen. */
export const LANGUAGES = ['EN', 'FR', 'ES'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'EN';
