import i18next, { type TFunction } from 'i18next';
import type { Language } from '@tripartite/domain';
import { en, type Messages } from './en';
import { es } from './es';
import { fr } from './fr';

/** The resources by i18next language code. */
export const MESSAGES: Readonly<Record<'en' | 'fr' | 'es', Messages>> = { en, fr, es };

const CODES: Readonly<Record<Language, keyof typeof MESSAGES>> = { EN: 'en', FR: 'fr', ES: 'es' };

/** Keys a render asked for that the language lacked (the templates' tests fail on any). */
export const missingKeys = new Set<string>();

// One instance, set up once and synchronously (resources in memory): no global i18next state is touched.
const i18n = i18next.createInstance();
void i18n.init({
  resources: Object.fromEntries(Object.entries(MESSAGES).map(([code, translation]) => [code, { translation }])),
  lng: 'en',
  // A missing French or Spanish text is a bug the tests catch, never English shown in its place.
  fallbackLng: false,
  supportedLngs: Object.keys(MESSAGES),
  initAsync: false,
  nsSeparator: false,
  returnNull: false,
  // The text part is plain text, and the HTML part escapes the whole rendered text (escapeHtml).
  interpolation: { escapeValue: false },
  saveMissing: true,
  missingKeyHandler: (lngs, _ns, key) => missingKeys.add(`${lngs.join(',')}:${key}`),
});

const fixed = new Map<Language, TFunction>();

/** The texts of one language. */
export function translator(language: Language): TFunction {
  let t = fixed.get(language);
  if (!t) fixed.set(language, (t = i18n.getFixedT(CODES[language] ?? 'en')));
  return t;
}
