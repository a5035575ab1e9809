import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { appConfig, ConfigError } from '@tripartite/config';
import { WorkerModule } from './worker.module';

// Past the runner's drain bound, closing the rest (pools, Redis) gets this long before the process gives up.
const CLOSE_GRACE_MS = 2000;

async function main(): Promise<void> {
  const config = appConfig();
  // The worker signs audit checkpoints: in production with a key of its own, never the development one.
  if (config.isProduction && !config.AUDIT_SIGNING_KEY) {
    throw new ConfigError('Invalid configuration: AUDIT_SIGNING_KEY is required for the worker when NODE_ENV=production');
  }
  // HTTP only for health; everything else happens in the queues.
  const app = await NestFactory.create(WorkerModule, { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  await app.listen(config.WORKER_HEALTH_PORT, '0.0.0.0');
  closeOnSignal(app, logger, config.SHUTDOWN_TIMEOUT_MS + CLOSE_GRACE_MS);
}

/** SIGTERM/SIGINT: drain and close (the JobRunner bounds the drain), exit 0; exit 1 if closing hangs or fails. */
function closeOnSignal(app: INestApplication, logger: Logger, boundMs: number): void {
  let closing = false;
  const close = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: shutting down`, 'Worker');
    setTimeout(() => {
      logger.error(`shutdown took longer than ${boundMs} ms: exiting`, undefined, 'Worker');
      process.exit(1);
    }, boundMs).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`shutdown failed: ${(error as Error)?.message ?? String(error)}`, undefined, 'Worker');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `worker failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
