// The room's client: a board link (tbl_...) as its bearer token, over HTTP and on the socket, instead of a personal
// session. The api lets it read that one meeting's board; anything refused (revoked, expired, another meeting) or the
// socket closed with 4401 calls `onRefused` once, and the page says so. The socket reconnects like the session's.
import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from 'urql';
import type { Client as WsClient } from 'graphql-ws';
import { setLiveStatus } from './live-status';
import { noteServerDate } from './server-clock';

const UNAUTHORIZED = 4401;
const FORBIDDEN = 4403;
const REFUSALS = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']);

/** The meeting a board link opens: its token carries the meeting's id (not secret) before its random part. */
export function meetingOfBoardToken(token: string): string | null {
  const m = /^tbl_([A-Za-z0-9_-]{64})$/.exec(token);
  if (!m) return null;
  try {
    const bytes = atob(m[1].replace(/-/g, '+').replace(/_/g, '/'));
    const hex = [...bytes.slice(0, 16)].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  } catch {
    return null;
  }
}

export interface RoomConnection {
  client: Client;
  dispose(): void;
}

export function connectRoom(token: string, onRefused: () => void): RoomConnection {
  const authorization = `Bearer ${token}`;
  let everConnected = false;
  let ws: WsClient | null = null;
  let disposed = false;
  // Fetched, not bundled: a static import here would split graphql-ws (and the bundler's runtime) out of the
  // lazy chunk the personal client fetches it in, onto the sign-in page's path.
  const socket = import('graphql-ws').then(({ createClient: createWsClient }) =>
    disposed
      ? null
      : (ws = createWsClient({
          url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
          connectionParams: { authorization },
          lazy: true,
          retryAttempts: Infinity,
          retryWait: async (retries) => {
            await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** retries, 10_000) + 200 + Math.random() * 800));
          },
          shouldRetry: (event) => !(isClose(event) && (event.code === UNAUTHORIZED || event.code === FORBIDDEN)),
          keepAlive: 15_000,
          on: {
            connecting: () => setLiveStatus(everConnected ? 'reconnecting' : 'connecting'),
            connected: () => {
              everConnected = true;
              setLiveStatus('live', true);
            },
            closed: (event) => {
              if (isClose(event) && (event.code === UNAUTHORIZED || event.code === FORBIDDEN)) {
                setLiveStatus('idle');
                onRefused();
              } else if (isClose(event) && event.code === 1000) setLiveStatus('idle');
              else setLiveStatus('reconnecting');
            },
          },
        })),
  );
  const client = new Client({
    url: '/graphql',
    preferGetMethod: false,
    fetch: async (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', authorization);
      const response = await fetch(input, { ...init, headers, credentials: 'omit' });
      noteServerDate(response.headers.get('date'));
      return response;
    },
    exchanges: [
      mapExchange({
        onError(error) {
          if (error.graphQLErrors.some((e) => REFUSALS.has(String(e.extensions?.code)))) onRefused();
        },
      }),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe: (sink) => {
              let unsubscribe: (() => void) | null = null;
              let cancelled = false;
              socket.then(
                (live) => {
                  if (live && !cancelled) unsubscribe = live.subscribe(input, sink);
                },
                (error: unknown) => {
                  if (!cancelled) sink.error(error);
                },
              );
              return {
                unsubscribe: () => {
                  cancelled = true;
                  unsubscribe?.();
                },
              };
            },
          };
        },
      }),
    ],
  });
  return {
    client,
    dispose: () => {
      disposed = true;
      void ws?.dispose();
      setLiveStatus('idle');
    },
  };
}

function isClose(event: unknown): event is { code: number; reason: string } {
  return typeof event === 'object' && event !== null && 'code' in event && typeof (event as { code: unknown }).code === 'number';
}
