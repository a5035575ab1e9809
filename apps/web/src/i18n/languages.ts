// The organization's three languages (the contract's enum Language) and their locales for Intl.

export const LANGUAGES = ['EN', 'FR', 'ES'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language in its own words, for the switch (not translated: a reader must find their own). */
export const LANGUAGE_NAMES: Record<Language, string> = { EN: 'English', FR: 'Français', ES: 'Español' };

/** Dates and numbers: British English (day first, 24 h), France, Spain. */
export const LOCALES: Record<Language, string> = { EN: 'en-GB', FR: 'fr-FR', ES: 'es-ES' };

/** i18next's and HTML's code: "en", "fr", "es". */
export const code = (language: Language): string => language.toLowerCase();

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The first of the browser's languages ("fr-CH", "es", "en-US") that is one of ours. */
export function fromBrowser(languages: readonly string[]): Language | null {
  for (const tag of languages) {
    const primary = tag.split('-')[0]?.toUpperCase();
    if (isLanguage(primary)) return primary;
  }
  return null;
}
