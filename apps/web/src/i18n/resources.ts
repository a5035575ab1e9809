// The pages' words in the three languages. English is the reference: French and Spanish have the type
// Strings<typeof en>, so a missing or extra key is a type error (and a vitest test checks no string is empty).
// English is in the main bundle (the fallback, and most readers' language); French and Spanish are chunks of
// their own, fetched only by a reader who needs them (slow links: nobody downloads three languages to read one).
import { en } from './en';
import type { Language } from './languages';
import type { Strings } from './strings';

export type { Strings } from './strings';

export type Resource = Strings<typeof en>;

export const english = en;

/** A language's words: English at once, the others from their chunk. */
export function loadResource(language: Exclude<Language, 'EN'>): Promise<Resource> {
  return language === 'FR' ? import('./fr').then((m) => m.fr) : import('./es').then((m) => m.es);
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
