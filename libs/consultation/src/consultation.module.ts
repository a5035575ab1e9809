import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@tripartite/auth';
import { ConfigModule } from '@tripartite/config';
import { DraftingModule } from '@tripartite/drafting';
import { EventsModule } from '@tripartite/events';
import { LiveModule } from '@tripartite/live';
import { NotificationsModule } from '@tripartite/notifications';
import { OutboxModule } from '@tripartite/outbox';
import { QueueModule } from '@tripartite/queue';
import { RedisModule } from '@tripartite/redis';
import { WorkflowModule } from '@tripartite/workflow';
import { CommentQueryService } from './comment-query.service';
import { CommentService } from './comment.service';
import { CommentEntity } from './comment.entity';
import { CommentsCsvExporter } from './comments-csv';
import { CommentsXlsxExporter } from './comments-xlsx';
import { ConsultationParticipant } from './consultation.participant';
import { ConsultationSubscribers } from './consultation.subscribers';
import { ConsultationRoundEntity } from './consultation-round.entity';
import { ConsultationNotificationContext } from './read-models/notification-context.read-model';
import { DeadlineExtensionEntity } from './deadline-extension.entity';
import { DispositionRecordEntity } from './disposition-record.entity';
import { CommentQueryRepository, CommentRepository, RoundLockRepository, RoundRepository } from './repositories';
import { RoundInvitationEntity } from './round-invitation.entity';
import { ConsultationPaperReadModel } from './read-models/paper.read-model';
import { RoundDeadlines } from './round-deadlines.service';
import { RoundService } from './round.service';

/**
 * Consultation rounds and comments: the tables consultation_round, round_invitation, deadline_extension, comment and
 * disposition_record. Needs DatabaseModule (the application's). Any process that moves stages (api, worker, seed)
 * imports it, so the round opens and closes with the move.
 */
@Module({
  // The entities describe the tables (selectList reads their metadata); only this module's repositories query them.
  imports: [
    TypeOrmModule.forFeature([ConsultationRoundEntity, RoundInvitationEntity, DeadlineExtensionEntity, CommentEntity, DispositionRecordEntity]),
    ConfigModule,
    RedisModule,
    QueueModule,
    OutboxModule,
    EventsModule,
    LiveModule,
    AuthModule,
    WorkflowModule,
    DraftingModule,
    NotificationsModule,
  ],
  providers: [
    RoundRepository,
    RoundLockRepository,
    CommentRepository,
    CommentQueryRepository,
    RoundDeadlines,
    RoundService,
    CommentService,
    CommentQueryService,
    CommentsCsvExporter,
    CommentsXlsxExporter,
    ConsultationParticipant,
    ConsultationSubscribers,
    ConsultationPaperReadModel,
    ConsultationNotificationContext,
  ],
  exports: [
    RoundDeadlines,
    RoundService,
    CommentService,
    CommentQueryService,
    CommentsCsvExporter,
    CommentsXlsxExporter,
    ConsultationPaperReadModel,
    ConsultationNotificationContext,
  ],
})
export class ConsultationModule {}
