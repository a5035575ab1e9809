import { useRef, useSyncExternalStore } from 'react';
import { currentSession, sessionRestoring, subscribeSession, type Session } from './session';

/** The signed-in session, or null (re-renders when it starts, is refreshed, or ends). */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribeSession, currentSession);
}

/** True while a new tab asks the api whether the browser has a session already. */
export function useSessionRestoring(): boolean {
  return useSyncExternalStore(subscribeSession, sessionRestoring);
}

/** The signed-in session in a page that RequireAuth guards (the last one while it redirects away). */
export function useSignedIn(): Session {
  const session = useSession();
  const last = useRef(session);
  if (session) last.current = session;
  if (!last.current) throw new Error('useSignedIn outside a RequireAuth route');
  return last.current;
}
