// The organization's official languages (the contract's enum Language) and how a person's is decided.

import { LANGUAGES, type Language } from './enums';

export const DEFAULT_LANGUAGE: Language = 'EN';

/** The locale dates and numbers are written in for each language. */
export const LANGUAGE_LOCALES: Readonly<Record<Language, string>> = { EN: 'en-GB', FR: 'fr-FR', ES: 'es-ES' };

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/**
 * The language a user's pages and emails are in: their own choice, else their organization's default, else
 * English. Anything stored that is not one of the languages counts as no choice.
 */
export function effectiveLanguage(own: string | null | undefined, organizationDefault?: string | null): Language {
  if (isLanguage(own)) return own;
  if (isLanguage(organizationDefault)) return organizationDefault;
  return DEFAULT_LANGUAGE;
}
