import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { Options } from 'pino-http';
import { AppConfig } from '@tripartite/config';
import { prettyDestination, resolveLogFormat, useColor } from './log-format';

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
        redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.passwordHash'], censor: '[redacted]' },
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
