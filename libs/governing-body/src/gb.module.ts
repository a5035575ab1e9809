import { Module } from '@nestjs/common';
import { QueueModule } from '@tripartite/queue';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@tripartite/audit';
import { AuthModule } from '@tripartite/auth';
import { ConsultationModule } from '@tripartite/consultation';
import { DraftingModule } from '@tripartite/drafting';
import { EventsModule } from '@tripartite/events';
import { MeetingsModule } from '@tripartite/meetings';
import { NotificationsModule } from '@tripartite/notifications';
import { OutboxModule } from '@tripartite/outbox';
import { WorkflowModule } from '@tripartite/workflow';
import { GbParticipant } from './gb.participant';
import { GbSubscribers } from './gb.subscribers';
import { GbDeadlineReminders } from './gb-deadline-reminders.service';
import { GbRecipients } from './gb-recipients';
import { GbSessionEntity } from './gb-session.entity';
import { GbSessionService } from './gb-session.service';
import { GbSubmissionEntity } from './gb-submission.entity';
import { PaperLoader } from './paper/paper-loader';
import { GbSessionRepository, GbSubmissionRepository } from './repositories';
import { SubmissionReadService } from './submission-read.service';
import { SubmissionService } from './submission.service';
import { GbSessionNumbersReadModel } from './read-models/gb-session-numbers.read-model';

/**
 * The Governing Body: sessions, papers and decisions (the tables gb_session and gb_submission). What its
 * paper reads of drafting, consultation, meetings and auth it reads through their read models; a decision
 * moves the instrument through the workflow. Needs DatabaseModule, ConfigModule and RedisModule (the
 * application's). Any process that moves stages imports it, so the guards see the decision; so does the
 * worker's notification fan-out, so gb.decided reaches its recipients.
 * Still global: the API's LoadersModule (apps/api/src/graphql) reaches its read services without importing it.
 */
@Module({
  imports: [
    // The entities describe the tables (selectList reads their metadata); only this module's repositories query them.
    TypeOrmModule.forFeature([GbSessionEntity, GbSubmissionEntity]),
    EventsModule,
    QueueModule,
    AuditModule,
    OutboxModule,
    NotificationsModule,
    WorkflowModule,
    AuthModule,
    DraftingModule,
    ConsultationModule,
    MeetingsModule,
  ],
  providers: [
    GbSessionRepository,
    GbSubmissionRepository,
    PaperLoader,
    GbSessionService,
    SubmissionService,
    SubmissionReadService,
    GbParticipant,
    GbRecipients,
    GbSubscribers,
    GbDeadlineReminders,
    GbSessionNumbersReadModel,
  ],
  exports: [GbSessionService, SubmissionService, SubmissionReadService, GbDeadlineReminders, GbSessionNumbersReadModel],
})
export class GoverningBodyModule {}
