// The pages' words in the three languages. English is the reference: French and Spanish have the type
// Strings<typeof en>, so a missing or extra key is a type error (and a vitest test checks no string is empty).
import { en } from './en';
import { es } from './es';
import { fr } from './fr';

import type { Strings } from './strings';

export type { Strings } from './strings';

export type Resource = Strings<typeof en>;

export const resources = {
  en: { translation: en },
  fr: { translation: fr },
  es: { translation: es },
};

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
