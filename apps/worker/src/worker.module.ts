import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuthModule } from '@tripartite/auth';
import { ConsultationModule } from '@tripartite/consultation';
import { GoverningBodyModule } from '@tripartite/governing-body';
import { MeetingsModule } from '@tripartite/meetings';
import { WorkflowModule } from '@tripartite/workflow';
import { AuditModule } from '@tripartite/audit';
import { loggingModule } from '@tripartite/common';
import { ConfigModule } from '@tripartite/config';
import { DatabaseModule } from '@tripartite/database';
import { EventsCheckModule } from '@tripartite/events';
import { HealthModule } from '@tripartite/health';
import { NotificationsModule } from '@tripartite/notifications';
import { OutboxModule } from '@tripartite/outbox';
import { QueueModule } from '@tripartite/queue';
import { RedisModule } from '@tripartite/redis';
import { OutboxRelay } from './outbox/outbox-relay';
import { AuditSealProcessor } from './jobs/audit-seal.processor';
import { AuditCheckpointProcessor } from './jobs/audit-checkpoint.processor';
import { DeadlinesReconcileProcessor } from './jobs/deadlines-reconcile.processor';
import { RoundCloseProcessor } from './jobs/round-close.processor';
import { RoundReminderProcessor } from './jobs/round-reminder.processor';
import { MeetingReminderProcessor } from './jobs/meeting-reminder.processor';
import { GbDeadlineReminderProcessor } from './jobs/gb-deadline-reminder.processor';
import { EmailSendProcessor } from './jobs/email-send.processor';
import { NotificationFanoutProcessor } from './jobs/notification-fanout.processor';
import { WebhookDeliverProcessor } from './jobs/webhook-deliver.processor';
import { JobRunner } from './runner/job-runner';

@Module({
  imports: [
    ConfigModule,
    EventsCheckModule,
    loggingModule('worker'),
    DiscoveryModule,
    DatabaseModule.forRoot(),
    RedisModule,
    QueueModule,
    AuditModule,
    AuthModule,
    OutboxModule,
    WorkflowModule,
    ConsultationModule,
    MeetingsModule,
    GoverningBodyModule,
    NotificationsModule,
    HealthModule,
  ],
  providers: [
    JobRunner,
    OutboxRelay,
    AuditSealProcessor,
    RoundCloseProcessor,
    RoundReminderProcessor,
    MeetingReminderProcessor,
    GbDeadlineReminderProcessor,
    DeadlinesReconcileProcessor,
    NotificationFanoutProcessor,
    EmailSendProcessor,
    WebhookDeliverProcessor,
    AuditCheckpointProcessor,
  ],
})
export class WorkerModule {}
