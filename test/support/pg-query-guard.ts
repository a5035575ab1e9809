// Every test file (jest setupFilesAfterEnv): a pg connection runs one statement at a time. A query sent while
// its client is still busy with another is queued by pg@8 (with a DeprecationWarning from the third on) and
// refused by pg@9; inside a transaction it means statements of one unit of work raced each other. Each such
// query is recorded here, with where it came from, and the file fails in afterAll.
import { Client } from 'pg';

/** pg's own state of a client's queries (the same fields its deprecation check reads). */
interface ClientState {
  _activeQuery?: unknown;
  _queryQueue?: unknown[];
}

export interface OverlappingQuery {
  sql: string;
  stack: string;
}

const overlaps: OverlappingQuery[] = [];
const GUARDED = Symbol.for('tripartite.pgQueryGuard');

type Query = (...args: unknown[]) => unknown;
const proto = Client.prototype as unknown as { query: Query; [GUARDED]?: boolean };
if (!proto[GUARDED]) {
  const original = proto.query;
  proto.query = function guardedQuery(this: ClientState, ...args: unknown[]) {
    if (this._activeQuery || (this._queryQueue?.length ?? 0) > 0) {
      const first = args[0] as string | { text?: string } | undefined;
      const sql = typeof first === 'string' ? first : (first?.text ?? String(first));
      overlaps.push({ sql: sql.replace(/\s+/g, ' ').slice(0, 200), stack: new Error().stack ?? '' });
    }
    return original.apply(this, args);
  };
  proto[GUARDED] = true;
}

/** The overlapping queries recorded so far in this file, which are then forgotten. */
export function takeOverlappingQueries(): OverlappingQuery[] {
  return overlaps.splice(0, overlaps.length);
}

afterAll(() => {
  const found = takeOverlappingQueries();
  // The stacks say which code sent them.
  expect(found.map((o) => `${o.sql}\n${o.stack}`)).toEqual([]);
});
