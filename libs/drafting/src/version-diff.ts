export const CHANGE_KINDS = ['ADDED', 'REMOVED', 'MODIFIED', 'UNCHANGED'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface DiffableGuideline {
  key: string;
  number: string;
  title: string | null;
  text: string;
}

export interface GuidelineChange<G extends DiffableGuideline = DiffableGuideline> {
  key: string;
  kind: ChangeKind;
  before: G | null;
  after: G | null;
}

/**
 * Pairs the guidelines of two versions by key (each list in document order).
 * MODIFIED: the number, title or text differs. The result follows the document
 * order of `after`; a REMOVED guideline is placed right after the guideline
 * that preceded it in `before` and still exists in `after` (wherever that one
 * now stands), or first when none of its predecessors survives. Consecutive
 * removed guidelines keep their order.
 */
export function diffGuidelines<G extends DiffableGuideline>(before: readonly G[], after: readonly G[]): GuidelineChange<G>[] {
  const afterByKey = new Map(after.map((g) => [g.key, g]));
  const beforeByKey = new Map(before.map((g) => [g.key, g]));

  // Removed guidelines grouped by the surviving key they follow ('' = none).
  const removedAfter = new Map<string, G[]>();
  let anchor = '';
  for (const g of before) {
    if (afterByKey.has(g.key)) {
      anchor = g.key;
    } else {
      const list = removedAfter.get(anchor) ?? [];
      list.push(g);
      removedAfter.set(anchor, list);
    }
  }
  // Keys are never empty (cleanContent), so '' cannot collide with a real one.
  const removed = (key: string): GuidelineChange<G>[] => (removedAfter.get(key) ?? []).map((g) => ({ key: g.key, kind: 'REMOVED', before: g, after: null }));

  const changes: GuidelineChange<G>[] = removed('');
  for (const g of after) {
    const old = beforeByKey.get(g.key) ?? null;
    const kind: ChangeKind = old === null ? 'ADDED' : sameContent(old, g) ? 'UNCHANGED' : 'MODIFIED';
    changes.push({ key: g.key, kind, before: old, after: g });
    changes.push(...removed(g.key));
  }
  return changes;
}

function sameContent(a: DiffableGuideline, b: DiffableGuideline): boolean {
  return a.number === b.number && (a.title ?? null) === (b.title ?? null) && a.text === b.text;
}
