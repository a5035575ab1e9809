import { Module } from '@nestjs/common';
import { QueueModule } from '@tripartite/queue';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule, BoardLinkAuthenticator } from '@tripartite/auth';
import { ConfigModule } from '@tripartite/config';
import { DraftingModule } from '@tripartite/drafting';
import { EventsModule } from '@tripartite/events';
import { LiveModule } from '@tripartite/live';
import { NotificationsModule } from '@tripartite/notifications';
import { OutboxModule } from '@tripartite/outbox';
import { RedisModule } from '@tripartite/redis';
import { WorkflowModule } from '@tripartite/workflow';
import { AgendaItemEntity, PositionRecordEntity } from './agenda-item.entity';
import { AgendaService } from './agenda.service';
import { AmendmentEntity, AmendmentPositionRecordEntity } from './amendment.entity';
import { BoardLinkEntity } from './board-link.entity';
import { BoardLinkService } from './board-links.service';
import { ItemVoteEntity } from './item-vote.entity';
import { ExpertsMeetingEntity, MeetingModeratorEntity, MeetingParticipantEntity } from './meeting.entity';
import { MeetingReadService } from './meeting-read.service';
import { MeetingReminders } from './meeting-reminders.service';
import { MeetingRecipients } from './meeting-recipients';
import { MeetingService } from './meeting.service';
import { MeetingsLiveSubscriber, MeetingsScheduledSubscriber } from './meetings.subscribers';
import { MeetingsParticipant } from './meetings.participant';
import {
  AgendaItemRepository,
  AmendmentRepository,
  BoardLinkRepository,
  MeetingRepository,
  ParticipantRepository,
  PositionRepository,
  VoteRepository,
} from './repositories';
import { InstrumentMeetingsReadModel } from './read-models/instrument-meetings.read-model';
import { MeetingsPaperReadModel } from './read-models/paper.read-model';

/**
 * Experts' meetings: the tables experts_meeting, meeting_participant, meeting_moderator, agenda_item,
 * position_record, amendment, amendment_position_record, item_vote and board_link. Needs DatabaseModule (the application's).
 * Any process that moves stages imports it, so the guards see the meeting; so does the worker's notification
 * fan-out, so meeting.* events reach the meeting's people.
 */
@Module({
  imports: [
    // The entities describe the tables (selectList reads their metadata); only this module's repositories query them.
    TypeOrmModule.forFeature([
      ExpertsMeetingEntity,
      MeetingParticipantEntity,
      MeetingModeratorEntity,
      AgendaItemEntity,
      PositionRecordEntity,
      AmendmentEntity,
      AmendmentPositionRecordEntity,
      ItemVoteEntity,
      BoardLinkEntity,
    ]),
    ConfigModule,
    RedisModule,
    QueueModule,
    OutboxModule,
    EventsModule,
    LiveModule,
    NotificationsModule,
    AuthModule,
    WorkflowModule,
    DraftingModule,
  ],
  providers: [
    MeetingRepository,
    ParticipantRepository,
    AgendaItemRepository,
    PositionRepository,
    AmendmentRepository,
    VoteRepository,
    BoardLinkRepository,
    BoardLinkService,
    // What the guard and the live socket ask about a board link (identity does not import meetings).
    { provide: BoardLinkAuthenticator, useExisting: BoardLinkService },
    MeetingService,
    AgendaService,
    MeetingReadService,
    MeetingsParticipant,
    MeetingRecipients,
    MeetingReminders,
    MeetingsScheduledSubscriber,
    MeetingsLiveSubscriber,
    InstrumentMeetingsReadModel,
    MeetingsPaperReadModel,
  ],
  exports: [
    MeetingService,
    AgendaService,
    MeetingReadService,
    BoardLinkService,
    BoardLinkAuthenticator,
    MeetingReminders,
    InstrumentMeetingsReadModel,
    MeetingsPaperReadModel,
  ],
})
export class MeetingsModule {}
