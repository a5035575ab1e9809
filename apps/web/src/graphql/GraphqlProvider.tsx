import { useRef, type ReactNode } from 'react';
import { Provider } from 'urql';
import { useSession } from '../auth/use-session';
import { connect, type Connection } from './client';

/** Gives the pages a client for the current session; a new session gets a new client (and cache), a refreshed token does not. */
export function GraphqlProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const key = session ? `${session.user.id} ${session.startedAt} ${session.generation}` : null;
  const current = useRef<{ key: string | null; connection: Connection } | null>(null);
  if (!current.current || current.current.key !== key) {
    current.current?.connection.dispose();
    current.current = { key, connection: connect() };
  }
  return <Provider value={current.current.connection.client}>{children}</Provider>;
}
