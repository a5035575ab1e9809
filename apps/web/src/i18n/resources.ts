// The pages' words in the three languages. English is the reference: French and Spanish have the type
// Strings<typeof en>, so a missing or extra key is a type error (and a vitest test checks no string is empty).
// Each language is a chunk of its own, fetched only by a reader who needs it (slow links: nobody downloads three
// languages to read one; the api names the reader's in a Link header of index.html, so it comes beside the main
// bundle). The areas' words (./areas) come with the pages that use them (loadAreas in ./i18n).
import type { en } from './en';
import type { Language } from './languages';
import type { Strings } from './strings';
import type { AreasEn } from './areas';

export type { Strings } from './strings';

export type Resource = Strings<typeof en>;

/** A language's words, from its chunk. */
export function loadResource(language: Language): Promise<Resource> {
  if (language === 'FR') return import('./fr').then((m) => m.fr);
  if (language === 'ES') return import('./es').then((m) => m.es);
  return import('./en').then((m) => m.en);
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en & AreasEn };
  }
}
