import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@tripartite/notifications';
import { GbParticipant } from './gb.participant';
import { GbDeadlineReminders } from './gb-deadline-reminders.service';
import { GbRecipients } from './gb-recipients';
import { GbSessionEntity } from './gb-session.entity';
import { GbSessionService } from './gb-session.service';
import { GbSubmissionEntity } from './gb-submission.entity';
import { SubmissionReadService } from './submission-read.service';
import { SubmissionService } from './submission.service';
import { GbSessionNumbersReadModel } from './read-models/gb-session-numbers.read-model';

/**
 * The Governing Body: sessions, papers and decisions. Needs DatabaseModule, AuditModule, ConfigModule and
 * WorkflowModule (global). Any process that moves stages imports it, so the guards see the decision; so
 * does the worker's notification fan-out, so gb.decided reaches its recipients.
 * Global so the API's per-request loaders reach its read services.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([GbSessionEntity, GbSubmissionEntity]), NotificationsModule],
  providers: [GbSessionService, SubmissionService, SubmissionReadService, GbParticipant, GbRecipients, GbDeadlineReminders, GbSessionNumbersReadModel],
  exports: [GbSessionService, SubmissionService, SubmissionReadService, GbDeadlineReminders, GbSessionNumbersReadModel],
})
export class GoverningBodyModule {}
