import { completeLanguages, lineHash, sourceHash, structureProblems, summarize, translationStatus } from './translations';
import type { CleanSection } from './draft-content';

describe('sourceHash', () => {
  it('is the SHA-256 of title and text, telling no title from an empty one and the parts apart', () => {
    expect(sourceHash({ title: null, text: 'a' })).toMatch(/^[0-9a-f]{64}$/);
    expect(sourceHash({ title: 'T', text: 'x' })).toBe(sourceHash({ title: 'T', text: 'x' }));
    expect(sourceHash({ title: null, text: 'x' })).not.toBe(sourceHash({ title: '', text: 'x' }));
    expect(sourceHash({ title: 'ab', text: 'c' })).not.toBe(sourceHash({ title: 'a', text: 'bc' }));
    expect(sourceHash({ title: 'T', text: 'x' })).not.toBe(sourceHash({ title: 'T', text: 'x.' }));
    expect(lineHash('I')).not.toBe(lineHash('II'));
  });
});

describe('translationStatus', () => {
  const currentHash = sourceHash({ title: null, text: 'now' });
  it('is ORIGINAL in the version language, whatever is stored', () => {
    expect(translationStatus('FR', 'FR', { currentHash, latest: null })).toBe('ORIGINAL');
    expect(translationStatus('FR', 'FR', { currentHash, latest: { sourceHash: 'x' } })).toBe('ORIGINAL');
  });
  it('is MISSING with no translation, CURRENT when made from the original as it is, STALE otherwise', () => {
    expect(translationStatus('EN', 'ES', { currentHash, latest: null })).toBe('MISSING');
    expect(translationStatus('EN', 'ES', { currentHash, latest: { sourceHash: currentHash } })).toBe('CURRENT');
    expect(translationStatus('EN', 'ES', { currentHash, latest: { sourceHash: sourceHash({ title: null, text: 'before' }) } })).toBe('STALE');
  });
});

describe('summarize', () => {
  it('counts per language in the order EN, FR, ES; complete when nothing is STALE or MISSING', () => {
    const statuses = [
      { EN: 'ORIGINAL', FR: 'CURRENT', ES: 'MISSING' },
      { EN: 'ORIGINAL', FR: 'CURRENT', ES: 'STALE' },
    ] as const;
    const summary = summarize(statuses.map((s) => (language) => s[language]));
    expect(summary).toEqual([
      { language: 'EN', current: 2, stale: 0, missing: 0, complete: true },
      { language: 'FR', current: 2, stale: 0, missing: 0, complete: true },
      { language: 'ES', current: 0, stale: 1, missing: 1, complete: false },
    ]);
    expect(completeLanguages(summary)).toEqual(['EN', 'FR']);
  });
  it('a version without guidelines is complete in every language', () => {
    expect(completeLanguages(summarize([]))).toEqual(['EN', 'FR', 'ES']);
  });
});

describe('structureProblems', () => {
  const g = (key: string) => ({ key, number: key, title: null, text: 't' });
  const original: CleanSection[] = [
    { number: 'I', heading: 'A', guidelines: [g('1.1'), g('1.2')] },
    { number: 'II', heading: 'B', guidelines: [g('2.1')] },
  ];
  it('accepts the same sections and keys, headings and texts aside', () => {
    expect(
      structureProblems(
        original,
        original.map((s) => ({ ...s, heading: 'autre' })),
      ),
    ).toEqual([]);
  });
  it('names the keys missing and extra', () => {
    const translated: CleanSection[] = [
      { number: 'I', heading: 'A', guidelines: [g('1.1'), g('1.3')] },
      { number: 'II', heading: 'B', guidelines: [] },
    ];
    expect(structureProblems(original, translated)).toEqual(['guidelines missing from the translation: 1.2, 2.1', 'guidelines not in the original: 1.3']);
  });
  it('names differing sections, and guidelines moved to another section', () => {
    expect(structureProblems(original, [{ number: 'I', heading: 'A', guidelines: [g('1.1'), g('1.2'), g('2.1')] }])).toEqual([
      'the sections differ: the original has I, II, the translation I',
    ]);
    const moved: CleanSection[] = [
      { number: 'I', heading: 'A', guidelines: [g('1.1')] },
      { number: 'II', heading: 'B', guidelines: [g('1.2'), g('2.1')] },
    ];
    expect(structureProblems(original, moved)).toEqual(['guidelines in another section than in the original: 1.2']);
  });
});
