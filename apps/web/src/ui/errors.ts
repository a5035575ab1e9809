// The contract's error codes (apps/api/schema.graphql header) in plain words. Pages show a Problem
// with <ErrorMessage>; they may add their own next step (a CONFLICT's newer text, the blockers).
import { CombinedError } from 'urql';
import { i18n } from '../i18n/i18n';

export type ProblemCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'DEADLINE_PASSED'
  | 'TRANSITION_BLOCKED'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_COMPLEX'
  | 'INTERNAL_SERVER_ERROR'
  | 'NETWORK';

export interface Problem {
  code: ProblemCode;
  /** One sentence for anyone. */
  title: string;
  /** What the server said, when it adds something (e.g. which record). */
  detail: string | null;
  /** BAD_USER_INPUT: each field and what is wrong with it. */
  fields: { field: string; message: string }[];
  /** TRANSITION_BLOCKED: every unmet guard. */
  blockers: { code: string; message: string }[];
  /** RATE_LIMITED: how long to wait. */
  retryAfterSeconds: number | null;
}

const CODES: readonly ProblemCode[] = [
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
  'NETWORK',
];

/** The sentence for a code, in the reader's language. */
export function problemWords(code: ProblemCode): string {
  return i18n.t(`errors.${code}`);
}

const KNOWN = new Set<string>(CODES);

function list<T>(value: unknown, guard: (item: Record<string, unknown>) => T | null): T[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => (item && typeof item === 'object' ? (guard(item as Record<string, unknown>) ?? []) : []));
}

/** The first problem of a failed operation (urql's CombinedError, or anything thrown). */
export function describeError(error: unknown): Problem {
  const base = { detail: null, fields: [], blockers: [], retryAfterSeconds: null };
  if (error instanceof CombinedError) {
    const first = error.graphQLErrors[0];
    if (!first) return { ...base, code: 'NETWORK', title: problemWords('NETWORK') };
    const ext = first.extensions ?? {};
    const raw = typeof ext.code === 'string' ? ext.code : 'INTERNAL_SERVER_ERROR';
    const code = (KNOWN.has(raw) ? raw : 'INTERNAL_SERVER_ERROR') as ProblemCode;
    const retry = typeof ext.retryAfterSeconds === 'number' ? ext.retryAfterSeconds : null;
    return {
      code,
      title: code === 'RATE_LIMITED' && retry !== null ? i18n.t('errors.RATE_LIMITED_WAIT', { count: retry }) : problemWords(code),
      detail: code === 'INTERNAL_SERVER_ERROR' || code === 'UNAUTHENTICATED' ? null : first.message,
      fields: list(ext.fields, (f) => (typeof f.field === 'string' && typeof f.message === 'string' ? { field: f.field, message: f.message } : null)),
      blockers: list(ext.blockers, (b) => (typeof b.code === 'string' && typeof b.message === 'string' ? { code: b.code, message: b.message } : null)),
      retryAfterSeconds: retry,
    };
  }
  return { ...base, code: 'NETWORK', title: problemWords('NETWORK') };
}

/** Whether a failed operation failed with this code (to branch on CONFLICT, DEADLINE_PASSED ...). */
export function hasCode(error: unknown, code: ProblemCode): boolean {
  return error !== null && error !== undefined && describeError(error).code === code;
}
