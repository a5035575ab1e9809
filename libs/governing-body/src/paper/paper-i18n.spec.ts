import { LANGUAGES, type Language } from '@tripartite/domain';
import { PAPER_PHRASES, paperT } from './paper-i18n';
import type { PaperPhrases } from './locales/phrases';

const CODES: Record<Language, string> = { EN: 'en', FR: 'fr', ES: 'es' };
const SUFFIX = /_(ordinal_)?(zero|one|two|few|many|other)$/;

/** "a.b.c" for every leaf of the resources, with its value. */
function leaves(phrases: PaperPhrases, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(phrases)) {
    if (typeof value === 'string') found.set(`${prefix}${key}`, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) found.set(k, v);
  }
  return found;
}

/** Each phrase with the forms it has: [] for a plain one, the plural categories (with "ordinal_") for a plural. */
function phrases(language: Language): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const key of leaves(PAPER_PHRASES[language]).keys()) {
    const match = SUFFIX.exec(key);
    const base = match ? key.slice(0, match.index) : key;
    found.set(base, [...(found.get(base) ?? []), ...(match ? [`${match[1] ?? ''}${match[2]}`] : [])]);
  }
  return found;
}

describe("the paper's phrases", () => {
  it('has every phrase in every language, and every plural form the language needs', () => {
    const english = phrases('EN');
    for (const language of LANGUAGES) {
      const mine = phrases(language);
      expect({ language, phrases: [...mine.keys()].sort() }).toEqual({ language, phrases: [...english.keys()].sort() });
      const cardinal = new Intl.PluralRules(CODES[language]).resolvedOptions().pluralCategories;
      const ordinal = new Intl.PluralRules(CODES[language], { type: 'ordinal' }).resolvedOptions().pluralCategories;
      for (const [key, forms] of mine) {
        if (!forms.length) continue;
        const needed = forms[0].startsWith('ordinal_') ? ordinal.map((c) => `ordinal_${c}`) : cardinal;
        expect({ language, key, forms: [...forms].sort() }).toEqual({ language, key, forms: [...needed].sort() });
      }
    }
  });

  it('uses in each language the same values as English', () => {
    const values = (language: Language) =>
      new Map([...leaves(PAPER_PHRASES[language])].map(([k, v]) => [k.replace(SUFFIX, ''), [...v.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort()]));
    const english = values('EN');
    for (const language of LANGUAGES) {
      for (const [key, names] of values(language)) {
        // "count" may be left out of a plural form ("1 comment": the form says the number).
        expect({ language, key, names: names.filter((n) => n !== 'count') }).toEqual({
          language,
          key,
          names: english.get(key)!.filter((n) => n !== 'count'),
        });
      }
    }
  });

  it('fails loudly on a phrase it does not have, in any language', () => {
    for (const language of LANGUAGES) expect(() => paperT(language)('no.such.phrase')).toThrow('The paper has no phrase "no.such.phrase"');
  });
});
