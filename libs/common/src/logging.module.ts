import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@tripartite/config';

/** Structured JSON logs; every line of a request carries its id (X-Request-Id when the client sends a sane one). */
export function loggingModule(app: 'api' | 'worker') {
  return LoggerModule.forRootAsync({
    inject: [AppConfig],
    useFactory: (config: AppConfig) => ({
      pinoHttp: {
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
      },
    }),
  });
}
