import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '@tripartite/events';
import { WorkflowModule } from '@tripartite/workflow';
import { DraftVersionEntity } from './draft-version.entity';
import { DraftingReadService } from './drafting-read.service';
import { DraftingService } from './drafting.service';
import { GuidelineEntity } from './guideline.entity';
import { InstrumentEntity } from './instrument.entity';
import { InstrumentStages } from './instrument-stages.service';
import { DraftingMeetingsReadModel } from './read-models/meetings.read-model';
import { InstrumentReferencesReadModel } from './read-models/instrument-references.read-model';
import { DraftingPaperReadModel } from './read-models/paper.read-model';
import { DraftingNotificationContext } from './read-models/notification-context.read-model';
import { ConsultationDraftingReadModel } from './read-models/consultation.read-model';
import { ContentRepository, InstrumentRepository, TranslationRepository, VersionRepository } from './repositories';
import { GuidelineTranslationEntity } from './guideline-translation.entity';
import { SectionTranslationEntity } from './section-translation.entity';
import { InstrumentTranslationEntity } from './instrument-translation.entity';
import { TranslationService } from './translation.service';
import { TranslationsReadModel } from './read-models/translations.read-model';
import { SectionEntity } from './section.entity';

/**
 * Instruments, versions, sections, guidelines and their translations: the tables instrument, draft_version, section,
 * guideline, guideline_translation, section_translation and instrument_translation.
 * Needs DatabaseModule (the application's).
 */
@Module({
  // The entities describe the tables (selectList reads their metadata); only this module's repositories query them.
  imports: [
    EventsModule,
    WorkflowModule,
    TypeOrmModule.forFeature([
      InstrumentEntity,
      DraftVersionEntity,
      SectionEntity,
      GuidelineEntity,
      GuidelineTranslationEntity,
      SectionTranslationEntity,
      InstrumentTranslationEntity,
    ]),
  ],
  providers: [
    DraftingService,
    DraftingReadService,
    InstrumentStages,
    InstrumentRepository,
    VersionRepository,
    ContentRepository,
    TranslationRepository,
    TranslationService,
    TranslationsReadModel,
    DraftingPaperReadModel,
    DraftingNotificationContext,
    DraftingMeetingsReadModel,
    InstrumentReferencesReadModel,
    ConsultationDraftingReadModel,
  ],
  exports: [
    DraftingService,
    TranslationService,
    TranslationsReadModel,
    DraftingReadService,
    InstrumentStages,
    DraftingPaperReadModel,
    DraftingNotificationContext,
    DraftingMeetingsReadModel,
    InstrumentReferencesReadModel,
    ConsultationDraftingReadModel,
  ],
})
export class DraftingModule {}
