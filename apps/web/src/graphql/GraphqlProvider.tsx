import { useEffect, useRef, type ReactNode } from 'react';
import { Provider } from 'urql';
import { useSession } from '../auth/use-session';
import { graphql } from '../gql';
import { setLanguageSaver } from '../i18n/language-choice';
import { connect, type Connection } from './client';

const SetMyLanguage = graphql(`
  mutation SetMyLanguage($language: Language!) {
    setMyLanguage(language: $language) {
      id
      language
    }
  }
`);

/** Gives the pages a client for the current session; a new session gets a new client (and cache), a refreshed token does not. */
export function GraphqlProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const key = session ? `${session.user.id} ${session.startedAt} ${session.generation}` : null;
  const current = useRef<{ key: string | null; connection: Connection } | null>(null);
  if (!current.current || current.current.key !== key) {
    current.current?.connection.dispose();
    current.current = { key, connection: connect() };
  }
  const client = current.current.connection.client;
  const signedIn = session !== null;
  // The language switch saves a signed-in user's choice through this session's client.
  useEffect(() => {
    if (!signedIn) return;
    setLanguageSaver(async (language) => {
      const result = await client.mutation(SetMyLanguage, { language }).toPromise();
      if (result.error) throw result.error;
    });
    return () => setLanguageSaver(null);
  }, [client, signedIn]);
  return <Provider value={client}>{children}</Provider>;
}
