// One urql client per session: HTTP for queries and mutations (bearer token), graphql-ws on the same
// origin for subscriptions (token in connectionParams.authorization, as the api expects). An
// UNAUTHENTICATED answer, or the socket closed with 4401, ends the session as expired.
import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { currentSession, endSession } from '../auth/session';
import { setLiveStatus } from './live-status';
import { noteServerDate } from './server-clock';

const UNAUTHORIZED = 4401;
const FORBIDDEN = 4403;

export interface Connection {
  client: Client;
  ws: WsClient | null;
  dispose(): void;
}

function wsUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
}

const timedFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  noteServerDate(response.headers.get('date'));
  return response;
};

/** Reconnects forever with capped exponential backoff (1, 2, 4, 8 s, then 10 s), plus jitter. */
async function backoff(retries: number): Promise<void> {
  const ms = Math.min(1000 * 2 ** retries, 10_000) + 200 + Math.random() * 800;
  await new Promise((resolve) => setTimeout(resolve, ms));
}

function openSocket(token: string): WsClient {
  let everConnected = false;
  return createWsClient({
    url: wsUrl(),
    connectionParams: () => ({ authorization: `Bearer ${token}` }),
    lazy: true,
    retryAttempts: Infinity,
    retryWait: backoff,
    shouldRetry: (event) => !(isClose(event) && (event.code === UNAUTHORIZED || event.code === FORBIDDEN)),
    keepAlive: 15_000,
    on: {
      connecting: () => setLiveStatus(everConnected ? 'reconnecting' : 'connecting'),
      connected: () => {
        everConnected = true;
        setLiveStatus('live', true);
      },
      closed: (event) => {
        if (isClose(event) && event.code === UNAUTHORIZED) {
          setLiveStatus('idle');
          endSession('expired');
        } else if (isClose(event) && event.code === 1000) setLiveStatus('idle');
        else setLiveStatus('reconnecting');
      },
    },
  });
}

function isClose(event: unknown): event is { code: number; reason: string } {
  return typeof event === 'object' && event !== null && 'code' in event && typeof (event as { code: unknown }).code === 'number';
}

/** A client for the current session (or an anonymous one, for signing in). */
export function connect(): Connection {
  const session = currentSession();
  const token = session?.accessToken ?? null;
  const ws = token ? openSocket(token) : null;
  const client = new Client({
    url: '/graphql',
    // POST always: the api refuses GET operations without a CSRF preflight header.
    preferGetMethod: false,
    fetch: timedFetch,
    fetchOptions: (): RequestInit => ({ headers: token ? { authorization: `Bearer ${token}` } : {} }),
    exchanges: [
      mapExchange({
        onError(error) {
          // A token the server no longer accepts (expired, or signed with another secret).
          if (token && error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) endSession('expired');
        },
      }),
      cacheExchange,
      fetchExchange,
      ...(ws
        ? [
            subscriptionExchange({
              forwardSubscription(request) {
                const input = { ...request, query: request.query ?? '' };
                return { subscribe: (sink) => ({ unsubscribe: ws.subscribe(input, sink) }) };
              },
            }),
          ]
        : []),
    ],
  });
  return {
    client,
    ws,
    dispose: () => {
      void ws?.dispose();
      setLiveStatus('idle');
    },
  };
}
