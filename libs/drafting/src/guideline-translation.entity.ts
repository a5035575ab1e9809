import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Language } from '@tripartite/domain';

/** A translation of a guideline as set (the history); the latest per guideline and language is in force. Migration 1764203200000-translations. */
@Entity('guideline_translation')
@Check('guideline_translation_language_check', `language IN ('EN','FR','ES')`)
@Check('guideline_translation_title_check', `char_length(title) BETWEEN 1 AND 500`)
@Check('guideline_translation_text_check', `char_length(text) BETWEEN 1 AND 20000`)
@Check('guideline_translation_source_hash_check', `source_hash ~ '^[0-9a-f]{64}$'`)
@Index('guideline_translation_guideline_idx', ['guidelineId', 'language', 'translatedAt'])
@Index('guideline_translation_translated_by_idx', ['translatedBy'])
export class GuidelineTranslationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('GuidelineEntity', { name: 'guideline_translation_guideline_id_fkey' })
  guidelineId: string;

  @Column({ type: 'text' })
  language: Language;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ type: 'text' })
  text: string;

  /** SHA-256 (hex) of the original title and text it translates (sourceHash in translations.ts). */
  @Column({ type: 'text' })
  sourceHash: string;

  /** null: the system (the demo seed). */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'guideline_translation_translated_by_fkey' })
  translatedBy: string | null;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  translatedAt: Date;
}
