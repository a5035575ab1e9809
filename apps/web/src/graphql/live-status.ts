// The state of the subscription socket, for pages that show "live" or "reconnecting".
import { useSyncExternalStore } from 'react';

export type LiveStatus = 'idle' | 'connecting' | 'live' | 'reconnecting';

export interface LiveState {
  status: LiveStatus;
  /** Successful connections so far: when it grows past 1 the socket came back, so refetch what you show. */
  connections: number;
}

let state: LiveState = { status: 'idle', connections: 0 };
const listeners = new Set<() => void>();

export function setLiveStatus(status: LiveStatus, connected = false): void {
  if (status === state.status && !connected) return;
  state = { status, connections: state.connections + (connected ? 1 : 0) };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLiveStatus(): LiveState {
  return useSyncExternalStore(subscribe, () => state);
}
