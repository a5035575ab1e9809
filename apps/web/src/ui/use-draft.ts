// What a user is typing, kept in sessionStorage until it is sent: it survives a reload, a flaky
// connection, and an expired session (sign in again and it is there). Sign-out removes it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { currentSession, DRAFT_PREFIX } from '../auth/session';

function storageKey(key: string): string {
  return `${DRAFT_PREFIX}${currentSession()?.user.id ?? 'anonymous'}.${key}`;
}

function read<T>(key: string, initial: T): T {
  const stored = sessionStorage.getItem(storageKey(key));
  if (stored === null) return initial;
  try {
    return JSON.parse(stored) as T;
  } catch {
    return initial;
  }
}

/**
 * A value kept under `key` for the signed-in user (name keys after what they hold, e.g.
 * `comment:${roundId}:${guidelineId}`). Returns [value, set, clear]; call clear once the server has it.
 */
export function useDraft<T = string>(key: string, initial: T): [T, (value: T) => void, () => void] {
  const fresh = useRef(initial);
  fresh.current = initial;
  const [state, setState] = useState(() => ({ key, value: read(key, initial) }));
  // A new key (another guideline, another round) reads its own draft.
  const value = state.key === key ? state.value : read(key, initial);
  if (state.key !== key) setState({ key, value });
  const set = useCallback(
    (next: T) => {
      setState({ key, value: next });
      try {
        sessionStorage.setItem(storageKey(key), JSON.stringify(next));
      } catch {
        // storage full or refused: the value still lives in memory
      }
    },
    [key],
  );
  const clear = useCallback(() => {
    sessionStorage.removeItem(storageKey(key));
    setState({ key, value: fresh.current });
  }, [key]);
  return [value, set, clear];
}

/**
 * The idempotency key of a draft (e.g. a comment being written): the same across double clicks, retries,
 * reloads and a new sign-in, so the server makes one record. Call `renew()` once the server confirmed.
 */
export function useIdempotencyKey(draftKey: string): [string, () => void] {
  const [stored, set] = useDraft<string>(`${draftKey}#idempotency`, '');
  const fresh = useMemo(() => newId(), [draftKey]);
  useEffect(() => {
    if (!stored) set(fresh);
  }, [stored, fresh, set]);
  const renew = useCallback(() => set(newId()), [set]);
  return [stored || fresh, renew];
}

/**
 * A random UUID v4, for idempotency keys. crypto.randomUUID exists only in secure contexts (https or
 * localhost); getRandomValues everywhere.
 */
export function newId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
