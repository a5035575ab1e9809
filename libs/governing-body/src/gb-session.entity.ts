import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Migrations 1764202400000-governing-body and 1764202600000-reminder-recovery; names as PostgreSQL gave them. */
@Entity('gb_session')
@Check('gb_session_number_check', `number >= 1`)
@Check('gb_session_check', `ends_at > starts_at`)
@Check('gb_session_check1', `document_deadline < starts_at`)
@Unique('gb_session_number_key', ['number'])
@Index('gb_session_starts_at_idx', ['startsAt'])
@Index('gb_session_created_by_idx', ['createdBy'])
// The reminders' self-healing reads only the sessions whose deadline is ahead.
@Index('gb_session_document_deadline_idx', ['documentDeadline'])
export class GbSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  /** Papers are due before this instant; a later submission is accepted and marked late. */
  @Column({ type: 'timestamptz' })
  documentDeadline: Date;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'gb_session_created_by_fkey' })
  createdBy: string | null;
}
