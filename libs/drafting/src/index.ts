// What other capabilities may use of drafting: its services, its read model, and the row types they return.
export { InstrumentEntity } from './instrument.entity';
export { DraftVersionEntity } from './draft-version.entity';
export { SectionEntity } from './section.entity';
export { GuidelineEntity } from './guideline.entity';
export { GuidelineTranslationEntity } from './guideline-translation.entity';
export { SectionTranslationEntity } from './section-translation.entity';
export { InstrumentTranslationEntity } from './instrument-translation.entity';
export * from './translations';
export * from './translation.service';
export * from './read-models/translations.read-model';
export * from './draft-content';
export * from './markdown-import';
export * from './version-diff';
export * from './drafting.service';
export * from './drafting-read.service';
export * from './drafting.read-model';
export * from './read-models/meetings.read-model';
export * from './read-models/paper.read-model';
export * from './read-models/notification-context.read-model';
export * from './instrument-stages.service';
export * from './read-models/instrument-references.read-model';
export type {
  InstrumentRow,
  VersionRow,
  SectionRow,
  GuidelineRow,
  GuidelineTranslationRow,
  SectionTranslationRow,
  InstrumentTranslationRow,
} from './repositories';
export * from './drafting.module';
export * from './read-models/consultation.read-model';
export * from './draft-docx';
export * from './pdf-blocks';
export * from './draft-pdf';
