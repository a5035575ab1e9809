// One urql client per session: HTTP for queries and mutations (bearer token), graphql-ws on the same
// origin for subscriptions (token in connectionParams.authorization, as the api expects). Each request and
// each (re)connection sends the session's current token, refreshed first when due. An UNAUTHENTICATED answer,
// or the socket refused with 4401 at connection, asks for a refresh: when the api refuses it too, the session
// has ended. The socket closed with 4401 "Session ended" ends it at once (signed out elsewhere, deactivated,
// expired); closed with 4000 (the user's roles changed) it reconnects, and the pages subscribe again.
import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from 'urql';
import type { Client as WsClient, ExecutionResult, SubscribePayload, Sink } from 'graphql-ws';
import { currentSession, endSession, freshAccessToken, refreshOrEnd, refreshSession, reopenLive } from '../auth/session';
import { setLiveStatus } from './live-status';
import { noteServerDate } from './server-clock';

const UNAUTHORIZED = 4401;
const FORBIDDEN = 4403;
const ACCESS_CHANGED = 4000;
const SESSION_ENDED = 'Session ended';

export interface Connection {
  client: Client;
  ws: LiveSocket | null;
  dispose(): void;
}

/** The session's graphql-ws client, fetched (its own chunk) and opened with the first subscription. */
export interface LiveSocket {
  subscribe(payload: SubscribePayload, sink: Sink<ExecutionResult>): () => void;
  dispose(): void;
}

function wsUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
}

/** Sends the session's token as it is when the request leaves (refreshed first if due), and reads the server's clock. */
function sessionFetch(signedIn: boolean): typeof fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    const token = signedIn ? await freshAccessToken() : null;
    if (token) headers.set('authorization', `Bearer ${token}`);
    const response = await fetch(input, { ...init, headers });
    noteServerDate(response.headers.get('date'));
    return response;
  };
}

/** Reconnects forever with capped exponential backoff (1, 2, 4, 8 s, then 10 s), plus jitter. */
async function backoff(retries: number): Promise<void> {
  const ms = Math.min(1000 * 2 ** retries, 10_000) + 200 + Math.random() * 800;
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * graphql-ws stays out of the sign-in page's bundle (slow links): its chunk is fetched when the first page that
 * subscribes asks, and the socket opens then (it is lazy anyway: no subscription, no socket).
 */
function lazySocket(): LiveSocket {
  let socket: WsClient | null = null;
  let disposed = false;
  let opening: Promise<WsClient | null> | null = null;
  const open = () =>
    (opening ??= import('graphql-ws').then(
      ({ createClient }) => (disposed ? null : (socket = openSocket(createClient))),
      (error: unknown) => {
        // Not fetched (offline): this subscription fails, the next one tries again.
        opening = null;
        throw error;
      },
    ));
  return {
    subscribe(payload, sink) {
      let unsubscribe: (() => void) | null = null;
      let cancelled = false;
      open().then(
        (ws) => {
          if (ws && !cancelled) unsubscribe = ws.subscribe(payload, sink);
        },
        (error: unknown) => {
          if (!cancelled) sink.error(error);
        },
      );
      return () => {
        cancelled = true;
        unsubscribe?.();
      };
    },
    dispose() {
      disposed = true;
      void socket?.dispose();
    },
  };
}

function openSocket(createWsClient: typeof import('graphql-ws').createClient): WsClient {
  let everConnected = false;
  return createWsClient({
    url: wsUrl(),
    connectionParams: async () => ({ authorization: `Bearer ${(await freshAccessToken()) ?? ''}` }),
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
          // The api ended the session (signed out elsewhere, deactivated, expired): nothing to refresh.
          if (event.reason === SESSION_ENDED) endSession('expired');
          // This token was not accepted at connection: a refresh may give one that is, and a new socket with it.
          else if (currentSession()) void refreshSession().then((ok) => ok && reopenLive());
        } else if (isClose(event) && event.code === 1000) setLiveStatus('idle');
        else {
          // New roles: the header's links follow them.
          if (isClose(event) && event.code === ACCESS_CHANGED && currentSession()) void refreshSession();
          setLiveStatus('reconnecting');
        }
      },
    },
  });
}

function isClose(event: unknown): event is { code: number; reason: string } {
  return typeof event === 'object' && event !== null && 'code' in event && typeof (event as { code: unknown }).code === 'number';
}

/** A client for the current session (or an anonymous one, for signing in). */
export function connect(): Connection {
  const signedIn = currentSession() !== null;
  const ws = signedIn ? lazySocket() : null;
  const client = new Client({
    url: '/graphql',
    // POST always: the api refuses GET operations without a CSRF preflight header.
    preferGetMethod: false,
    fetch: sessionFetch(signedIn),
    exchanges: [
      mapExchange({
        onError(error) {
          // A token the server no longer accepts (its session ended, or it was signed with another secret).
          if (signedIn && error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) void refreshOrEnd();
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
      ws?.dispose();
      setLiveStatus('idle');
    },
  };
}
