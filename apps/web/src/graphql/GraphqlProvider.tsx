import { useRef, type ReactNode } from 'react';
import { Provider } from 'urql';
import { useSession } from '../auth/use-session';
import { connect, type Connection } from './client';

/** Gives the pages a client for the current session; a new session gets a new client (and cache). */
export function GraphqlProvider({ children }: { children: ReactNode }) {
  const token = useSession()?.accessToken ?? null;
  const current = useRef<{ token: string | null; connection: Connection } | null>(null);
  if (!current.current || current.current.token !== token) {
    current.current?.connection.dispose();
    current.current = { token, connection: connect() };
  }
  return <Provider value={current.current.connection.client}>{children}</Provider>;
}
