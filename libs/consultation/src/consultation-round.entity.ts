import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { CommentVisibility, ConstituentGroup, RoundStatus } from '@tripartite/domain';

/** Migration 1764202000000-consultation; names as PostgreSQL gave them, so the drift test can match them. */
@Entity('consultation_round')
@Check('consultation_round_number_check', `number >= 1`)
@Check('consultation_round_status_check', `status IN ('SCHEDULED','OPEN','CLOSED')`)
@Check('consultation_round_groups_check', `cardinality(groups) BETWEEN 1 AND 3 AND groups <@ ARRAY['GOVERNMENT','EMPLOYERS','WORKERS']::text[]`)
@Check('consultation_round_visibility_check', `visibility IN ('IMMEDIATE','AFTER_CLOSE','SECRETARIAT_ONLY')`)
@Check('consultation_round_opened_check', `(status = 'SCHEDULED') = (opens_at IS NULL)`)
@Check('consultation_round_closed_check', `(status = 'CLOSED') = (closed_at IS NOT NULL)`)
@Check('consultation_round_early_close_check', `status = 'CLOSED' OR NOT early_close`)
@Unique('consultation_round_instrument_number_key', ['instrumentId', 'number'])
// One round at a time: at most one SCHEDULED or OPEN round per instrument.
@Index('consultation_round_one_active_key', ['instrumentId'], { unique: true, where: `status <> 'CLOSED'` })
@Index('consultation_round_version_idx', ['versionId'])
@Index('consultation_round_created_by_idx', ['createdBy'])
export class ConsultationRoundEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('InstrumentEntity', { name: 'consultation_round_instrument_id_fkey' })
  instrumentId: string;

  /** 1, 2, 3 ... per instrument. */
  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'uuid' })
  @ForeignKey('DraftVersionEntity', { name: 'consultation_round_version_id_fkey' })
  versionId: string;

  @Column({ type: 'text', default: 'SCHEDULED' })
  status: RoundStatus;

  @Column({ type: 'timestamptz', nullable: true })
  opensAt: Date | null;

  @Column({ type: 'timestamptz' })
  closesAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** Closed by a move with a reason before its deadline. */
  @Column({ type: 'boolean', default: false })
  earlyClose: boolean;

  @Column({ type: 'text', array: true })
  groups: ConstituentGroup[];

  @Column({ type: 'text', default: 'AFTER_CLOSE' })
  visibility: CommentVisibility;

  @Column({ type: 'boolean', default: false })
  acceptLate: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'consultation_round_created_by_fkey' })
  createdBy: string | null;
}
