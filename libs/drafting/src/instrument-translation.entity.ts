import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Language } from '@tripartite/domain';

/** A translation of the instrument's title as set (the history); the latest per instrument and language is in force. Migration 1764203200000-translations. */
@Entity('instrument_translation')
@Check('instrument_translation_language_check', `language IN ('EN','FR','ES')`)
@Check('instrument_translation_title_check', `char_length(title) BETWEEN 1 AND 500`)
@Check('instrument_translation_source_hash_check', `source_hash ~ '^[0-9a-f]{64}$'`)
@Index('instrument_translation_instrument_idx', ['instrumentId', 'language', 'translatedAt'])
@Index('instrument_translation_translated_by_idx', ['translatedBy'])
export class InstrumentTranslationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('InstrumentEntity', { name: 'instrument_translation_instrument_id_fkey' })
  instrumentId: string;

  @Column({ type: 'text' })
  language: Language;

  @Column({ type: 'text' })
  title: string;

  /** SHA-256 (hex) of the original title it translates (lineHash). */
  @Column({ type: 'text' })
  sourceHash: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'instrument_translation_translated_by_fkey' })
  translatedBy: string | null;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  translatedAt: Date;
}
