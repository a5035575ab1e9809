import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { Options } from 'pino-http';
import { AppConfig } from '@tripartite/config';
import { prettyDestination, resolveLogFormat, useColor } from './log-format';

const REDACTED = '[redacted]';
const PARAMETER_NAME = /^[\w.[\]-]{1,40}$/;
/** Properties of errors that carry a request's data: SQL parameters (TypeORM), GraphQL variables, PostgreSQL's row details. */
const DATA_KEYS = new Set(['parameters', 'variables', 'variableValues', 'detail']);

/**
 * A URL with every query value replaced, and a board link's secret (`/room/<token>`): query strings carry tokens (`?token=`, `access_token=`), GraphQL
 * variables of GET requests and other people's data. Parameter names stay, when they look like names.
 */
export function redactUrl(url: string): string {
  // A room's board link carries its secret in the path (/room/<token>).
  url = url.replace(/(\/room\/)[^/?#]+/, `$1${REDACTED}`);
  const q = url.indexOf('?');
  if (q < 0) return url;
  const names: string[] = [];
  for (const [name] of new URLSearchParams(url.slice(q + 1))) names.push(PARAMETER_NAME.test(name) ? `${name}=${REDACTED}` : REDACTED);
  return `${url.slice(0, q)}?${names.join('&')}`;
}

/** A serialized error without the data it was raised with (nested causes and driver errors too). */
export function withoutRequestData<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (Array.isArray(value)) return value.map((v) => withoutRequestData(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) if (!DATA_KEYS.has(key)) out[key] = withoutRequestData(v, depth + 1);
  return out as T;
}

interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
  remoteAddress?: string;
  remotePort?: number;
}

/** pino-std-serializers' request, without `query` and `params` and with the URL (and Referer) redacted. */
function requestSerializer(req: SerializedRequest) {
  const headers = { ...req.headers };
  if (typeof headers.referer === 'string') headers.referer = redactUrl(headers.referer);
  return {
    id: req.id,
    method: req.method,
    url: typeof req.url === 'string' ? redactUrl(req.url) : req.url,
    headers,
    remoteAddress: req.remoteAddress,
    remotePort: req.remotePort,
  };
}

/** Structured JSON logs; every line of a request carries its id (X-Request-Id when the client sends a sane one). */
export function loggingModule(app: 'api' | 'worker') {
  return LoggerModule.forRootAsync({
    inject: [AppConfig],
    useFactory: (config: AppConfig) => ({
      pinoHttp: withLogFormat(config, {
        level: config.LOG_LEVEL,
        base: { app },
        genReqId: (req: IncomingMessage) => {
          const given = req.headers['x-request-id'];
          return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
        },
        customProps: () => ({}),
        // pino-http hands these the standard serializers' output.
        serializers: { req: requestSerializer, err: (err: unknown) => withoutRequestData(err) },
        redact: {
          paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.passwordHash'],
          censor: REDACTED,
        },
        autoLogging: app === 'api' ? { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') } : false,
        quietReqLogger: true,
      }),
    }),
  });
}

/** LOG_FORMAT=pretty (or auto, at a terminal outside production): the same records, one short line each, on stdout. */
function withLogFormat(config: AppConfig, options: Options): Options | [Options, ReturnType<typeof prettyDestination>] {
  if (resolveLogFormat(config.LOG_FORMAT, !!process.stdout.isTTY, config.isProduction) === 'json') return options;
  return [options, prettyDestination(process.stdout, { color: useColor(process.stdout) })];
}
