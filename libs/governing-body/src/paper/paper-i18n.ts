import { createInstance, type TOptions } from 'i18next';
import type { Language } from '@tripartite/domain';
import { en } from './locales/en';
import { es } from './locales/es';
import { fr } from './locales/fr';
import type { PaperPhrases } from './locales/phrases';

/** The paper's phrases per language, as i18next resources (namespace "paper"). */
export const PAPER_PHRASES: Readonly<Record<Language, PaperPhrases>> = { EN: en, FR: fr, ES: es };

const CODES: Readonly<Record<Language, string>> = { EN: 'en', FR: 'fr', ES: 'es' };

// An instance of its own: the paper's phrases never mix with another i18next user's, and its
// settings are the paper's. Resources are in memory, so init is synchronous.
const i18n = createInstance();
void i18n.init({
  resources: Object.fromEntries(Object.entries(PAPER_PHRASES).map(([lang, phrases]) => [CODES[lang as Language], { paper: phrases }])),
  ns: ['paper'],
  defaultNS: 'paper',
  lng: 'en',
  // A phrase missing in a language is an error, never the English one or the key in its place.
  fallbackLng: false,
  initAsync: false,
  // md() has escaped the values already; what a person typed is never read as {{...}} or $t(...).
  interpolation: { escapeValue: false, skipOnVariables: true },
  parseMissingKeyHandler: (key) => {
    throw new Error(`The paper has no phrase "${key}" in this language`);
  },
});

export type PaperT = (key: string, options?: TOptions) => string;

/** The paper's phrases in one language: t('pointForDecision', { paragraph: 19 }). */
export function paperT(language: Language): PaperT {
  const t = i18n.getFixedT(CODES[language]);
  return (key, options) => t(key, options) as string;
}
