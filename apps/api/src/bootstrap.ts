import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AdminService } from '@tripartite/auth';
import { AppConfig } from '@tripartite/config';
import { assertValidTransitionTable } from '@tripartite/domain';
import { mountQueueDashboard } from './admin/queue-dashboard';
import { AppModule } from './app.module';
import { BODY_LIMIT_BYTES, bodyErrors } from './graphql/body-errors';
import { queryLimits } from './graphql/graphql.options';
import { documentLengthGuard } from './graphql/query-limits.plugin';
import { mountWebClient } from './web/web-client';

/** Builds the API application (also used by tests, which listen on a port of their own). */
export async function createApi(): Promise<INestApplication> {
  assertValidTransitionTable();
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      // Production: helmet's defaults ('self' for scripts, styles, and fetch/WebSocket, which the web client
      // needs); the development landing page loads scripts from Apollo's CDN.
      contentSecurityPolicy: config.isProduction ? undefined : false,
    }),
  );
  app.enableCors({ origin: config.CORS_ORIGINS, credentials: false });
  app.useBodyParser('json', { limit: BODY_LIMIT_BYTES });
  app.use(bodyErrors());
  app.use('/graphql', documentLengthGuard(queryLimits(config)));
  mountQueueDashboard(app);
  mountWebClient(app);
  app.enableShutdownHooks();
  await app.get(AdminService).ensureFirstAdmin(config.ADMIN_EMAIL, config.ADMIN_PASSWORD);
  return app;
}
