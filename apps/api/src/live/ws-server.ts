import { GraphQLError, type GraphQLSchema } from 'graphql';
import { CloseCode, ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import {
  actorOf,
  isBoardAuthorization,
  sameAccess,
  sessionLive,
  type BoardLinkAuthenticator,
  type SessionActor,
  type SessionChange,
  type TokensService,
} from '@tripartite/auth';
import type { Actor } from '@tripartite/common';
import type { AppConfig } from '@tripartite/config';
import type { GqlContext } from '../graphql/context';
import type { makeFormatError } from '../graphql/format-error';
import type { LoadersFactory } from '../graphql/loaders';
import { limitsOnSubscribe, QueryLimits } from '../graphql/query-limits.plugin';
import { wsErrorHooks } from '../graphql/format-error';

/** What the client sends in connection_init (the contract's transport notes). */
export interface LiveConnectionParams {
  authorization?: unknown;
  [key: string]: unknown;
}

/** Per connection: who it is, and the timer that re-checks its session when it would expire. */
export interface LiveExtra extends Extra {
  actor?: SessionActor;
  /** A room's board link instead of a session: it reads its meeting's board only (checked per operation). */
  board?: Actor & { board: NonNullable<Actor['board']> };
  expiry?: NodeJS.Timeout;
}

/** The session ended: signed out, user deactivated, refresh token reused, or expired. Sign in again. */
export const SESSION_ENDED = { code: CloseCode.Unauthorized, reason: 'Session ended' } as const;
/** The board link was revoked, expired, or its meeting's report adopted. Ask the secretariat for another. */
export const BOARD_LINK_ENDED = { code: CloseCode.Unauthorized, reason: 'Board link ended' } as const;
/** The user's roles or organization changed: reconnect, and subscribe again under the new ones. */
export const ACCESS_CHANGED = { code: 4000, reason: 'Access changed' } as const;
// setTimeout fires at once for longer delays; a longer wait is taken in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface LiveWsDeps {
  config: AppConfig;
  tokens: TokensService;
  boards: BoardLinkAuthenticator;
  loaders: LoadersFactory;
  limits: QueryLimits;
  schema: () => GraphQLSchema;
  formatError: ReturnType<typeof makeFormatError>;
}

type Hooks = ServerOptions<LiveConnectionParams, LiveExtra>;

/**
 * graphql-ws (protocol graphql-transport-ws) on the GraphQL path. At connection_init: the upgrade's Origin,
 * when a browser sent one, must be in CORS_ORIGINS or be this server's own (else 4403), and connectionParams.authorization must carry
 * a valid access token of a live session (else 4401). From then on the connection lives as long as its session,
 * not its access token (the web client refreshes tokens over HTTP): every operation and every event re-checks the
 * session as it stands (cached for at most SESSION_CACHE_MS, and dropped on every instance when it changes). The
 * connection is closed with 4401 "Session ended" when the session ends (then, or at once when another instance
 * announces it), and with 4000 "Access changed" when the user's roles or organization change, so that a
 * reconnection decides every subscription again. Each operation gets the HTTP context's shape,
 * `{ req: { actor, headers }, loaders }`, so the AccessGuard, @CurrentActor and loaders work as over HTTP; the same
 * depth/cost limits and error formatting apply.
 */
export function liveWsOptions(deps: LiveWsDeps): GraphQLWsSubscriptionsConfig {
  const { config, tokens, boards } = deps;
  const open = new Set<LiveExtra>();
  let watching = false;
  // A change announced by any instance re-checks this instance's sockets of that session or user at once.
  const watch = () => {
    if (watching) return;
    watching = true;
    tokens.sessions.onChange((change) => {
      for (const extra of open) {
        if (extra.board) {
          if ('all' in change || ('boardLinkId' in change && change.boardLinkId === extra.board.board.linkId)) void recheckBoard(boards, extra, true);
        } else if (concerns(change, extra.actor)) void recheck(tokens, extra, true);
      }
    });
  };
  const formatting = wsErrorHooks(deps.formatError) as Pick<Hooks, 'onNext' | 'onError'>;
  const limits = limitsOnSubscribe(deps.limits, deps.schema, {
    introspection: !config.isProduction,
    boardOnly: (ctx) => !!(ctx as { extra?: LiveExtra }).extra?.board,
  });
  const stillOn = (extra: LiveExtra, fresh: boolean) => (extra.board ? recheckBoard(boards, extra, fresh) : recheck(tokens, extra, fresh));

  const options: Hooks = {
    async onConnect(ctx) {
      const { socket, request } = ctx.extra;
      if (!allowedOrigin(request.headers.origin, request.headers.host, config.CORS_ORIGINS)) return false;
      const authorization = ctx.connectionParams?.authorization;
      if (isBoardAuthorization(authorization)) {
        const board = await boards.authenticate((authorization as string).replace(/^Bearer\s+/i, '')).catch(() => null);
        if (!board?.board) {
          socket.close(CloseCode.Unauthorized, 'Unauthorized');
          return false;
        }
        ctx.extra.board = board as LiveExtra['board'];
        open.add(ctx.extra);
        watch();
        scheduleBoardRecheck(boards, ctx.extra);
        return true;
      }
      const actor = await authenticate(tokens, authorization);
      if (!actor) {
        socket.close(CloseCode.Unauthorized, 'Unauthorized');
        return false; // graphql-ws then closes with 4403, which the close above has already overtaken
      }
      ctx.extra.actor = actor;
      open.add(ctx.extra);
      watch();
      await recheck(tokens, ctx.extra, false);
      return true;
    },
    onClose(ctx) {
      open.delete(ctx.extra);
      clearTimeout(ctx.extra.expiry);
    },
    context(ctx): GqlContext {
      const { request, actor, board } = ctx.extra;
      // Not an Express request: only what guards and resolvers read from one.
      const req = { actor: board ?? actor ?? null, headers: request.headers, ip: request.socket.remoteAddress } as unknown as GqlContext['req'];
      return { req, loaders: deps.loaders.create() };
    },
    async onSubscribe(ctx, id, payload) {
      // The socket is closed by then; the error only stops the operation from running.
      if (!(await stillOn(ctx.extra, false))) {
        const reason = ctx.extra.board ? BOARD_LINK_ENDED.reason : SESSION_ENDED.reason;
        return [new GraphQLError(reason, { extensions: { code: 'UNAUTHENTICATED' } })];
      }
      return limits(ctx, id, payload);
    },
    async onNext(ctx, id, payload, args, result) {
      // Nothing more leaves for a session that has ended or whose access changed since the operation began.
      if (!(await stillOn(ctx.extra, false))) return undefined;
      return formatting.onNext?.(ctx, id, payload, args, result);
    },
    onError: formatting.onError,
  };
  return { path: '/graphql', ...options } as GraphQLWsSubscriptionsConfig;
}

/**
 * Non-browser clients send no Origin. A browser's page must come from an allowed origin, or from the
 * host it is connecting to: the api's own web client (served at /), whatever name it is reached by.
 */
export function allowedOrigin(origin: string | undefined, host: string | undefined, allowed: string[]): boolean {
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && host !== undefined && url.host === host.toLowerCase();
  } catch {
    return false;
  }
}

async function authenticate(tokens: TokensService, authorization: unknown): Promise<SessionActor | null> {
  if (typeof authorization !== 'string') return null;
  try {
    const token = tokens.fromHeader(authorization);
    return token ? await tokens.authenticate(token) : null;
  } catch {
    return null;
  }
}

function concerns(change: SessionChange, actor: SessionActor | undefined): boolean {
  if (!actor) return false;
  if ('all' in change) return true;
  if ('boardLinkId' in change) return false;
  return 'sessionId' in change ? change.sessionId === actor.sessionId : change.userId === actor.userId;
}

/**
 * Whether the connection may go on: its session live and granting what it granted at connection_init. If not, the
 * socket is closed (4401 or 4000) and false returned. `fresh` reads PostgreSQL rather than the cache.
 */
async function recheck(tokens: TokensService, extra: LiveExtra, fresh: boolean): Promise<boolean> {
  const actor = extra.actor;
  if (!actor || extra.socket.readyState !== extra.socket.OPEN) return false;
  let principal;
  try {
    principal = fresh ? await tokens.sessions.load(actor.sessionId) : await tokens.sessions.get(actor.sessionId);
  } catch {
    // PostgreSQL away: what was granted stands until it can be checked again (HTTP requests fail meanwhile).
    return true;
  }
  if (!sessionLive(principal) || principal.userId !== actor.userId) {
    extra.socket.close(SESSION_ENDED.code, SESSION_ENDED.reason);
    return false;
  }
  if (!sameAccess(principal, actor)) {
    extra.socket.close(ACCESS_CHANGED.code, ACCESS_CHANGED.reason);
    return false;
  }
  extra.actor = actorOf(principal);
  scheduleRecheck(tokens, extra, Math.min(principal.idleExpiresAt.getTime(), principal.expiresAt.getTime()));
  return true;
}

/** At the session's idle or absolute end, look again: a refresh may have moved the idle end on. */
function scheduleRecheck(tokens: TokensService, extra: LiveExtra, atMs: number): void {
  clearTimeout(extra.expiry);
  const wait = atMs - Date.now();
  extra.expiry = setTimeout(
    () => {
      if (atMs - Date.now() > 0) scheduleRecheck(tokens, extra, atMs);
      else void recheck(tokens, extra, true);
    },
    Math.max(0, Math.min(wait, MAX_TIMER_MS)),
  );
  extra.expiry.unref();
}

/** Whether a board link's connection may go on: the link still opens its board. If not, the socket is closed (4401). */
async function recheckBoard(boards: BoardLinkAuthenticator, extra: LiveExtra, fresh: boolean): Promise<boolean> {
  const board = extra.board;
  if (!board || extra.socket.readyState !== extra.socket.OPEN) return false;
  let valid: boolean;
  try {
    valid = Date.now() < board.board.expiresAt.getTime() && (await boards.stillValid(board.board.linkId, fresh));
  } catch {
    // PostgreSQL away: what was granted stands until it can be checked again.
    return true;
  }
  if (!valid) {
    extra.socket.close(BOARD_LINK_ENDED.code, BOARD_LINK_ENDED.reason);
    return false;
  }
  return true;
}

/** At the link's expiry, look again (and close the socket). */
function scheduleBoardRecheck(boards: BoardLinkAuthenticator, extra: LiveExtra): void {
  const board = extra.board;
  if (!board) return;
  clearTimeout(extra.expiry);
  const wait = board.board.expiresAt.getTime() - Date.now();
  extra.expiry = setTimeout(
    () => {
      if (board.board.expiresAt.getTime() - Date.now() > 0) scheduleBoardRecheck(boards, extra);
      else void recheckBoard(boards, extra, true);
    },
    Math.max(0, Math.min(wait, MAX_TIMER_MS)),
  );
  extra.expiry.unref();
}
