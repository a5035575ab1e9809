import { isUuid } from '@tripartite/common';

export { isUuid };

/** The distinct well-formed ids of a batch (a malformed id matches nothing rather than failing in SQL). */
export const validUuids = (ids: readonly string[]): string[] => [...new Set(ids.filter(isUuid))];

/** Rows grouped by parent id, every key present (an empty list when it has none). */
export function groupBy<T>(keys: readonly string[], rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) map.get(keyOf(row))?.push(row);
  return map;
}
