import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { appConfig, ConfigError } from '@tripartite/config';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = appConfig();
  // HTTP only for health; everything else happens in the queues.
  const app = await NestFactory.create(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen(config.WORKER_HEALTH_PORT, '0.0.0.0');
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `worker failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
