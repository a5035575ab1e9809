import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Language } from '@tripartite/domain';

/** A translation of a section's heading as set (the history); the latest per section and language is in force. Migration 1764203200000-translations. */
@Entity('section_translation')
@Check('section_translation_language_check', `language IN ('EN','FR','ES')`)
@Check('section_translation_heading_check', `char_length(heading) BETWEEN 1 AND 500`)
@Check('section_translation_source_hash_check', `source_hash ~ '^[0-9a-f]{64}$'`)
@Index('section_translation_section_idx', ['sectionId', 'language', 'translatedAt'])
@Index('section_translation_translated_by_idx', ['translatedBy'])
export class SectionTranslationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('SectionEntity', { name: 'section_translation_section_id_fkey' })
  sectionId: string;

  @Column({ type: 'text' })
  language: Language;

  @Column({ type: 'text' })
  heading: string;

  /** SHA-256 (hex) of the original heading it translates. */
  @Column({ type: 'text' })
  sourceHash: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'section_translation_translated_by_fkey' })
  translatedBy: string | null;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  translatedAt: Date;
}
