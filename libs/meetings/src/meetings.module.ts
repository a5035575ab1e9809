import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LiveModule } from '@tripartite/live';
import { NotificationsModule } from '@tripartite/notifications';
import { AgendaItemEntity, PositionRecordEntity } from './agenda-item.entity';
import { AgendaService } from './agenda.service';
import { AmendmentEntity, AmendmentPositionRecordEntity } from './amendment.entity';
import { ItemVoteEntity } from './item-vote.entity';
import { ExpertsMeetingEntity, MeetingModeratorEntity, MeetingParticipantEntity } from './meeting.entity';
import { MeetingEvents } from './meeting-events';
import { MeetingReadService } from './meeting-read.service';
import { MeetingReminders } from './meeting-reminders.service';
import { MeetingRecipients } from './meeting-recipients';
import { MeetingService } from './meeting.service';
import { MeetingsParticipant } from './meetings.participant';
import { InstrumentMeetingsReadModel } from './read-models/instrument-meetings.read-model';
import { MeetingsPaperReadModel } from './read-models/paper.read-model';

/**
 * Experts' meetings. Needs DatabaseModule, AuditModule, AuthModule and WorkflowModule (global).
 * Any process that moves stages imports it, so the guards see the meeting; so does the worker's
 * notification fan-out, so meeting.* events reach the meeting's people.
 * Global so the API's per-request loaders reach its read service.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ExpertsMeetingEntity,
      MeetingParticipantEntity,
      MeetingModeratorEntity,
      AgendaItemEntity,
      PositionRecordEntity,
      AmendmentEntity,
      AmendmentPositionRecordEntity,
      ItemVoteEntity,
    ]),
    LiveModule,
    NotificationsModule,
  ],
  providers: [
    MeetingService,
    AgendaService,
    MeetingReadService,
    MeetingEvents,
    MeetingsParticipant,
    MeetingRecipients,
    MeetingReminders,
    InstrumentMeetingsReadModel,
    MeetingsPaperReadModel,
  ],
  exports: [MeetingService, AgendaService, MeetingReadService, MeetingReminders, InstrumentMeetingsReadModel, MeetingsPaperReadModel],
})
export class MeetingsModule {}
