import type { GraphQLSchema } from 'graphql';
import { CloseCode, ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import type { TokensService } from '@tripartite/auth';
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

/** Per connection: who it is, and the timer that ends it when the token expires. */
export interface LiveExtra extends Extra {
  actor?: Actor;
  expiry?: NodeJS.Timeout;
}

export const TOKEN_EXPIRED = { code: CloseCode.Unauthorized, reason: 'Token expired' } as const;
// setTimeout fires at once for longer delays; a longer wait is taken in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface LiveWsDeps {
  config: AppConfig;
  tokens: TokensService;
  loaders: LoadersFactory;
  limits: QueryLimits;
  schema: () => GraphQLSchema;
  formatError: ReturnType<typeof makeFormatError>;
}

/**
 * graphql-ws (protocol graphql-transport-ws) on the GraphQL path. At connection_init: the upgrade's Origin,
 * when a browser sent one, must be in CORS_ORIGINS or be this server's own (else 4403), and connectionParams.authorization must carry
 * a valid access token (else 4401); the connection ends with 4401 "Token expired" when the token does.
 * Each operation gets the HTTP context's shape, `{ req: { actor, headers }, loaders }`, so the AccessGuard,
 * @CurrentActor and loaders work as they do over HTTP; the same depth/cost limits and error formatting apply.
 */
export function liveWsOptions(deps: LiveWsDeps): GraphQLWsSubscriptionsConfig {
  const { config, tokens } = deps;
  const options: ServerOptions<LiveConnectionParams, LiveExtra> = {
    onConnect(ctx) {
      const { socket, request } = ctx.extra;
      if (!allowedOrigin(request.headers.origin, request.headers.host, config.CORS_ORIGINS)) return false;
      const actor = authenticate(tokens, ctx.connectionParams?.authorization);
      if (!actor) {
        socket.close(CloseCode.Unauthorized, 'Unauthorized');
        return false; // graphql-ws then closes with 4403, which the close above has already overtaken
      }
      ctx.extra.actor = actor;
      scheduleExpiry(ctx.extra, actor.expiresAt.getTime());
      return true;
    },
    onClose(ctx) {
      clearTimeout(ctx.extra.expiry);
    },
    context(ctx): GqlContext {
      const { request, actor } = ctx.extra;
      // Not an Express request: only what guards and resolvers read from one.
      const req = { actor: actor ?? null, headers: request.headers, ip: request.socket.remoteAddress } as unknown as GqlContext['req'];
      return { req, loaders: deps.loaders.create() };
    },
    onSubscribe: limitsOnSubscribe(deps.limits, deps.schema, { introspection: !config.isProduction }),
    ...(wsErrorHooks(deps.formatError) as Pick<ServerOptions<LiveConnectionParams, LiveExtra>, 'onNext' | 'onError'>),
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

function authenticate(tokens: TokensService, authorization: unknown): (Actor & { expiresAt: Date }) | null {
  if (typeof authorization !== 'string') return null;
  try {
    const token = tokens.fromHeader(authorization);
    return token ? tokens.verify(token) : null;
  } catch {
    return null;
  }
}

function scheduleExpiry(extra: LiveExtra, expiresAtMs: number): void {
  const wait = expiresAtMs - Date.now();
  if (wait <= 0) return void extra.socket.close(TOKEN_EXPIRED.code, TOKEN_EXPIRED.reason);
  extra.expiry = setTimeout(() => scheduleExpiry(extra, expiresAtMs), Math.min(wait, MAX_TIMER_MS));
  extra.expiry.unref();
}
