import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CommentStatus, CommentType, ConstituentGroup, Disposition } from '@tripartite/domain';

/** A constituent's comment. */
@Entity('comment')
export class CommentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  roundId: string;

  /** null: a general comment on the whole draft. */
  @Column({ type: 'uuid', nullable: true })
  guidelineId: string | null;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'text' })
  group: ConstituentGroup;

  @Column({ type: 'uuid' })
  authorId: string;

  @Column({ type: 'text' })
  type: CommentType;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text', nullable: true })
  proposedText: string | null;

  @Column({ type: 'text', default: 'SUBMITTED' })
  status: CommentStatus;

  @Column({ type: 'boolean', default: false })
  late: boolean;

  @Column({ type: 'int', default: 1 })
  revision: number;

  @Column({ type: 'timestamptz' })
  submittedAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'text', nullable: true })
  disposition: Disposition | null;

  @Column({ type: 'text', nullable: true })
  dispositionNote: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  disposedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  disposedBy: string | null;

  /** What setDisposition's expectedRevision is compared with: moves with every disposition and every edit (revision, with the edits only). */
  @Column({ type: 'int', default: 0 })
  dispositionRevision: number;

  @Column({ type: 'text', nullable: true })
  idempotencyKey: string | null;

  /** The full-text search vector, computed by the database; never read into rows. */
  @Column({
    type: 'tsvector',
    select: false,
    insert: false,
    update: false,
    generatedType: 'STORED',
    asExpression: `to_tsvector('english', coalesce(body, '') || ' ' || coalesce(proposed_text, ''))`,
  })
  search?: never;
}

/** A disposition as recorded; the comment keeps the current one (disposition, dispositionNote). */
@Entity('disposition_record')
export class DispositionRecordEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  commentId: string;

  @Column({ type: 'text' })
  disposition: Disposition;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid' })
  recordedBy: string;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}
