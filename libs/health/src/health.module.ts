import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { OutboxModule } from '@tripartite/outbox';
import { QueueModule } from '@tripartite/queue';
import { RedisModule } from '@tripartite/redis';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';

/** GET /health/live, /health/ready (PostgreSQL and Redis) and /metrics. Needs ConfigModule and DatabaseModule (the application's). */
@Module({
  imports: [TerminusModule.forRoot({ logger: false }), RedisModule, QueueModule, OutboxModule],
  controllers: [HealthController, MetricsController],
})
export class HealthModule {}
