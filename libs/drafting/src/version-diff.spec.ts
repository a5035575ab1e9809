import { diffGuidelines, DiffableGuideline } from './version-diff';

const g = (key: string, text = `text of ${key}`, extra: Partial<DiffableGuideline> = {}): DiffableGuideline => ({
  key,
  number: key,
  title: null,
  text,
  ...extra,
});
const summary = (changes: ReturnType<typeof diffGuidelines>) => changes.map((c) => `${c.kind} ${c.key}`);

describe('diffGuidelines', () => {
  it('pairs by key: unchanged, modified text, title or number, added', () => {
    const before = [g('1.1'), g('1.2'), g('1.3'), g('1.4')];
    const after = [g('1.1'), g('1.2', 'new words'), g('1.3', undefined, { title: 'A title' }), g('1.4', undefined, { number: '1.4.' }), g('1.5')];
    const changes = diffGuidelines(before, after);
    expect(summary(changes)).toEqual(['UNCHANGED 1.1', 'MODIFIED 1.2', 'MODIFIED 1.3', 'MODIFIED 1.4', 'ADDED 1.5']);
    expect(changes[1].before?.text).toBe('text of 1.2');
    expect(changes[1].after?.text).toBe('new words');
    expect(changes[4].before).toBeNull();
  });

  it('follows the document order of the newer version', () => {
    expect(summary(diffGuidelines([g('a'), g('b'), g('c')], [g('c'), g('a'), g('b')]))).toEqual(['UNCHANGED c', 'UNCHANGED a', 'UNCHANGED b']);
  });

  it('places a removed guideline after its surviving predecessor, consecutive removals in their old order', () => {
    const before = [g('1'), g('2'), g('3'), g('4'), g('5')];
    const after = [g('1'), g('4'), g('6')];
    const changes = diffGuidelines(before, after);
    expect(summary(changes)).toEqual(['UNCHANGED 1', 'REMOVED 2', 'REMOVED 3', 'UNCHANGED 4', 'REMOVED 5', 'ADDED 6']);
    expect(changes[1]).toMatchObject({ before: { key: '2' }, after: null });
  });

  it('places removals with no surviving predecessor first, and follows a predecessor that moved', () => {
    expect(summary(diffGuidelines([g('0'), g('1'), g('2'), g('3')], [g('3'), g('1')]))).toEqual(['REMOVED 0', 'UNCHANGED 3', 'UNCHANGED 1', 'REMOVED 2']);
  });

  it('handles empty versions', () => {
    expect(diffGuidelines([], [])).toEqual([]);
    expect(summary(diffGuidelines([g('1')], []))).toEqual(['REMOVED 1']);
    expect(summary(diffGuidelines([], [g('1')]))).toEqual(['ADDED 1']);
  });

  it('treats a missing and a null title alike', () => {
    expect(
      summary(diffGuidelines([{ key: 'k', number: 'k', text: 't', title: null }], [{ key: 'k', number: 'k', text: 't', title: undefined as unknown as null }])),
    ).toEqual(['UNCHANGED k']);
  });
});
