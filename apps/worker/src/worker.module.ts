import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuthModule } from '@tripartite/auth';
import { AuditModule } from '@tripartite/audit';
import { loggingModule } from '@tripartite/common';
import { ConfigModule } from '@tripartite/config';
import { DatabaseModule } from '@tripartite/database';
import { HealthModule } from '@tripartite/health';
import { OutboxModule } from '@tripartite/outbox';
import { RedisModule } from '@tripartite/queue';
import { OutboxRelay } from './outbox/outbox-relay';
import { AuditSealProcessor } from './jobs/audit-seal.processor';
import { JobRunner } from './runner/job-runner';

@Module({
  imports: [ConfigModule, loggingModule('worker'), DiscoveryModule, DatabaseModule, RedisModule, AuditModule, AuthModule, OutboxModule, HealthModule],
  providers: [JobRunner, OutboxRelay, AuditSealProcessor],
})
export class WorkerModule {}
