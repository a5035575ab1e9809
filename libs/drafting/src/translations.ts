// Translations of a version's texts (DESIGN.md 6a), as pure rules: what a translation was made from, its status,
// a version's summary per language, and whether a translated edition matches the original's structure.
import { createHash } from 'node:crypto';
import { LANGUAGES, type Language, type TranslationStatus } from '@tripartite/domain';
import type { CleanSection } from './draft-content';

/** SHA-256 (hex) of an original guideline's title and text: a translation made from it is CURRENT while it matches. */
export function sourceHash(original: { title: string | null; text: string }): string {
  // JSON keeps the two apart (no title vs an empty one, and no separator a text could contain).
  return createHash('sha256')
    .update(JSON.stringify([original.title, original.text]))
    .digest('hex');
}

/** SHA-256 (hex) of an original one-line text: a section heading, an instrument title. */
export function lineHash(heading: string): string {
  return createHash('sha256')
    .update(JSON.stringify([heading]))
    .digest('hex');
}

export interface TranslationState {
  /** The hash of the original now. */
  currentHash: string;
  /** The translation in force (the latest set), if any. */
  latest: { sourceHash: string } | null;
}

/** ORIGINAL for the version's own language; else CURRENT, STALE (the original changed since) or MISSING. */
export function translationStatus(originalLanguage: Language, language: Language, state: TranslationState): TranslationStatus {
  if (language === originalLanguage) return 'ORIGINAL';
  if (!state.latest) return 'MISSING';
  return state.latest.sourceHash === state.currentHash ? 'CURRENT' : 'STALE';
}

export interface TranslationSummary {
  language: Language;
  current: number;
  stale: number;
  missing: number;
  /** Every guideline CURRENT (or ORIGINAL): the version can be read whole in this language. */
  complete: boolean;
}

/** Per language, how many guidelines are CURRENT, STALE and MISSING (each guideline given by its status in a language); the original counts as current. */
export function summarize(guidelines: readonly ((language: Language) => TranslationStatus)[]): TranslationSummary[] {
  return LANGUAGES.map((language) => {
    const counts = { current: 0, stale: 0, missing: 0 };
    for (const statusIn of guidelines) {
      const status = statusIn(language);
      if (status === 'ORIGINAL' || status === 'CURRENT') counts.current++;
      else if (status === 'STALE') counts.stale++;
      else counts.missing++;
    }
    return { language, ...counts, complete: counts.stale === 0 && counts.missing === 0 };
  });
}

/** The languages a version can be read whole in: the original, and every one with all guidelines CURRENT. */
export function completeLanguages(summary: readonly TranslationSummary[]): Language[] {
  return summary.filter((s) => s.complete).map((s) => s.language);
}

/**
 * Whether a translated edition has the original's structure: the same sections (by number, in order) holding the
 * same guidelines (by key). The problems name the keys and sections that differ; none means it matches.
 */
export function structureProblems(original: readonly CleanSection[], translated: readonly CleanSection[]): string[] {
  const problems: string[] = [];
  const keysOf = (sections: readonly CleanSection[]) => new Map(sections.flatMap((s) => s.guidelines.map((g) => [g.key, s.number] as const)));
  const before = keysOf(original);
  const after = keysOf(translated);
  const missing = [...before.keys()].filter((k) => !after.has(k));
  const extra = [...after.keys()].filter((k) => !before.has(k));
  if (missing.length) problems.push(`guidelines missing from the translation: ${missing.join(', ')}`);
  if (extra.length) problems.push(`guidelines not in the original: ${extra.join(', ')}`);
  const numbers = (sections: readonly CleanSection[]) => sections.map((s) => s.number).join(', ');
  if (numbers(original) !== numbers(translated)) {
    problems.push(`the sections differ: the original has ${numbers(original) || 'none'}, the translation ${numbers(translated) || 'none'}`);
  }
  const moved = [...after].filter(([key, section]) => before.has(key) && before.get(key) !== section).map(([key]) => key);
  if (moved.length && numbers(original) === numbers(translated)) problems.push(`guidelines in another section than in the original: ${moved.join(', ')}`);
  return problems;
}
