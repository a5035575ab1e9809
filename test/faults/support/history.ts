// Every request a fault suite makes, with its outcome, kept for the checks that follow the faults.
import { appendFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CONTRACT_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'DEADLINE_PASSED',
  'TRANSITION_BLOCKED',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'INTERNAL_SERVER_ERROR',
]);

/** Outcomes that are not a GraphQL answer at all. */
export type TransportFailure = 'NETWORK' | 'TIMEOUT' | 'NOT_JSON';

export interface Entry {
  seq: number;
  scenario: string;
  op: string;
  /** What the request was about: ids and the values a check needs, never a token. */
  vars: Record<string, unknown>;
  start: number;
  end: number;
  status: number;
  ok: boolean;
  /** The first error's contract code, or a transport failure. */
  code?: string | TransportFailure;
  message?: string;
  data?: any;
  /** Why the answer is not a clean failure (unknown code, a stack trace, SQL text), if it is not. */
  unclean?: string;
}

// A stack frame, or SQL or driver text, anywhere in a response body.
const STACK = /\n\s+at |\bat [\w$.<>]+ \(|\(?\/[\w./-]+\.(js|ts):\d+(:\d+)?/;
const SQL =
  /\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|RETURNING|pg_\w+|QueryFailedError|terminating connection|administrator command|Connection terminated|ECONNRESET|ECONNREFUSED|relation "|violates|duplicate key)\b/i;

/** Whether a GraphQL response body is a clean answer: contract codes only, no stack, no SQL. */
export function uncleanness(text: string, errors: { message?: string; extensions?: Record<string, unknown> }[] | undefined): string | undefined {
  if (STACK.test(text)) return `stack trace in the response: ${text.slice(0, 300)}`;
  if (SQL.test(text)) return `SQL or driver text in the response: ${text.slice(0, 300)}`;
  for (const e of errors ?? []) {
    const code = String(e.extensions?.code);
    if (!CONTRACT_CODES.has(code)) return `code ${code} is not a contract code`;
    if (code === 'INTERNAL_SERVER_ERROR' && e.message !== 'Internal server error') return `INTERNAL_SERVER_ERROR with message "${e.message}"`;
    if (e.extensions && ('stacktrace' in e.extensions || 'exception' in e.extensions)) return 'stack trace in the extensions';
  }
  return undefined;
}

export class History {
  readonly entries: Entry[] = [];
  scenario = 'setup';
  readonly file: string;
  private seq = 0;

  constructor(readonly url: string) {
    const dir = join(tmpdir(), 'tripartite-faults');
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, `history-${process.pid}-${Date.now()}.jsonl`);
  }

  /**
   * POSTs one operation and records it. Never throws: a failure is an entry too.
   * `vars` is what the entry keeps about the request.
   */
  async call(
    op: string,
    query: string,
    variables: Record<string, unknown>,
    token: string | null,
    vars: Record<string, unknown> = variables,
    timeoutMs = 30_000,
  ): Promise<Entry> {
    const start = Date.now();
    const entry: Entry = { seq: ++this.seq, scenario: this.scenario, op, vars, start, end: start, status: 0, ok: false };
    try {
      const res = await fetch(`${this.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      entry.status = res.status;
      const text = await res.text();
      let body: { data?: any; errors?: { message?: string; extensions?: Record<string, unknown> }[] };
      try {
        body = JSON.parse(text);
      } catch {
        entry.code = 'NOT_JSON';
        entry.unclean = `not JSON: ${text.slice(0, 200)}`;
        return entry;
      }
      entry.unclean = uncleanness(text, body.errors);
      if (body.errors?.length) {
        entry.code = String(body.errors[0].extensions?.code);
        entry.message = body.errors[0].message;
      } else {
        entry.ok = true;
        entry.data = body.data;
      }
    } catch (error) {
      entry.code = (error as Error).name === 'TimeoutError' ? 'TIMEOUT' : 'NETWORK';
      entry.message = (error as Error).message;
      entry.unclean = `${entry.code}: ${entry.message}`;
    } finally {
      entry.end = Date.now();
      this.entries.push(entry);
      appendFileSync(this.file, `${JSON.stringify({ ...entry, data: undefined })}\n`);
    }
    return entry;
  }

  /** Like call, but the operation must succeed; returns its data. */
  async must<T = any>(op: string, query: string, variables: Record<string, unknown>, token: string | null): Promise<T> {
    const entry = await this.call(op, query, variables, token);
    if (!entry.ok) throw new Error(`${op} failed: ${entry.code} ${entry.message ?? ''}`);
    return entry.data as T;
  }

  of(scenario: string, op?: string): Entry[] {
    return this.entries.filter((e) => e.scenario === scenario && (!op || e.op === op));
  }

  /** Counts by operation and outcome, e.g. { submitComment: { ok: 120, INTERNAL_SERVER_ERROR: 3 } }. */
  summary(scenario: string): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const e of this.of(scenario)) {
      const byOutcome = (out[e.op] ??= {});
      const key = e.ok ? 'ok' : String(e.code);
      byOutcome[key] = (byOutcome[key] ?? 0) + 1;
    }
    return out;
  }
}
