import { Global, Module } from '@nestjs/common';
import { EventsModule } from '@tripartite/events';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DraftingModule } from '@tripartite/drafting';
import { LiveModule } from '@tripartite/live';
import { CommentQueryService } from './comment-query.service';
import { CommentService } from './comment.service';
import { CommentEntity, DispositionRecordEntity } from './comment.entity';
import { CommentsCsvExporter } from './comments-csv';
import { ConsultationParticipant } from './consultation.participant';
import { ConsultationRoundEntity } from './consultation-round.entity';
import { DeadlineExtensionEntity } from './deadline-extension.entity';
import { RoundInvitationEntity } from './round-invitation.entity';
import { ConsultationPaperReadModel } from './read-models/paper.read-model';
import { RoundDeadlines } from './round-deadlines.service';
import { RoundService } from './round.service';

/**
 * Consultation rounds and comments. Needs DatabaseModule, AuditModule and WorkflowModule (global).
 * Any process that moves stages (api, worker, seed) imports it, so the round opens and closes with the move.
 * Global so the API's per-request loaders reach its read services.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([ConsultationRoundEntity, RoundInvitationEntity, DeadlineExtensionEntity, CommentEntity, DispositionRecordEntity]),
    DraftingModule,
    EventsModule,
    LiveModule,
  ],
  providers: [RoundDeadlines, RoundService, CommentService, CommentQueryService, CommentsCsvExporter, ConsultationParticipant, ConsultationPaperReadModel],
  exports: [RoundDeadlines, RoundService, CommentService, CommentQueryService, CommentsCsvExporter, ConsultationPaperReadModel],
})
export class ConsultationModule {}
