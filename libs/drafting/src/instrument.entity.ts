import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Stage } from '@tripartite/domain';

/** Migration 1764201800000-drafting; names as PostgreSQL gave them, so the drift test can match them. */
@Entity('instrument')
@Check('instrument_reference_check', `char_length(reference) BETWEEN 1 AND 50`)
// Empty until the first imported "# Title" names it (migration 1764289600000).
@Check('instrument_title_check', `char_length(title) <= 500`)
@Check('instrument_stage_check', `stage IN ('DRAFTING','CONSULTATION','CONSOLIDATION','EXPERTS_MEETING','GB_SUBMISSION','DECIDED','WITHDRAWN')`)
@Check('instrument_revision_check', `revision >= 1`)
// unique on lower(reference): an expression TypeORM cannot describe, kept by the migration
@Index('instrument_reference_key', { synchronize: false })
@Index('instrument_stage_idx', ['stage'])
@Index('instrument_created_by_idx', ['createdBy'])
export class InstrumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Column({ type: 'text', default: 'DRAFTING' })
  stage: Stage;

  /** Bumped by every change to this row (and by publishing or starting a version, see DraftingService). */
  @Column({ type: 'int', default: 1 })
  revision: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'instrument_created_by_fkey' })
  createdBy: string | null;
}
