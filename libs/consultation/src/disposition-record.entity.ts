import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Disposition } from '@tripartite/domain';

/** A disposition as recorded; the comment keeps the current one (disposition, dispositionNote). Migration 1764202900000-disposition-history. */
@Entity('disposition_record')
@Check('disposition_record_disposition_check', `disposition IN ('ACCEPTED','PARTIALLY_ACCEPTED','NOT_ACCEPTED','NOTED')`)
@Check('disposition_record_note_check', `char_length(note) <= 20000`)
@Index('disposition_record_comment_idx', ['commentId', 'recordedAt'])
@Index('disposition_record_recorded_by_idx', ['recordedById'])
export class DispositionRecordEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('CommentEntity', { name: 'disposition_record_comment_id_fkey' })
  commentId: string;

  @Column({ type: 'text' })
  disposition: Disposition;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** Who recorded it. */
  @Column({ type: 'uuid', name: 'recorded_by' })
  @ForeignKey('UserEntity', { name: 'disposition_record_recorded_by_fkey' })
  recordedById: string;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  recordedAt: Date;
}
