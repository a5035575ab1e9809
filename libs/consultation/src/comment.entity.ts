import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { CommentStatus, CommentType, ConstituentGroup, Disposition, Language } from '@tripartite/domain';

const COMMENT_TEXT = `coalesce(body, '') || ' ' || coalesce(proposed_text, '')`;
/** Migration 1764203300000's: english, french and spanish with unaccent before the stemmer, so accents never matter. */
export const FOLDING_CONFIGURATIONS = ['tripartite_en', 'tripartite_fr', 'tripartite_es'] as const;
/** The stemmers on the text as written: some endings they know only with their accents (Spanish -ción of -ciones, French -ée). */
export const ACCENTED_CONFIGURATIONS = ['french', 'spanish'] as const;
const COMMENT_SEARCH_EXPRESSION = [...FOLDING_CONFIGURATIONS, ...ACCENTED_CONFIGURATIONS].map((c) => `to_tsvector('${c}', ${COMMENT_TEXT})`).join(' || ');

/** A constituent's comment. Migrations 1764202000000-consultation, 1764202900000-disposition-history and 1764203300000-comment-language. */
@Entity('comment')
@Check('comment_group_check', `"group" IN ('GOVERNMENT','EMPLOYERS','WORKERS')`)
@Check('comment_type_check', `type IN ('GENERAL','TECHNICAL','EDITORIAL')`)
@Check('comment_body_check', `char_length(btrim(body)) BETWEEN 1 AND 20000`)
@Check('comment_proposed_text_check', `char_length(proposed_text) <= 20000`)
@Check('comment_status_check', `status IN ('SUBMITTED','WITHDRAWN')`)
@Check('comment_revision_check', `revision >= 1`)
@Check('comment_disposition_check', `disposition IN ('ACCEPTED','PARTIALLY_ACCEPTED','NOT_ACCEPTED','NOTED')`)
@Check('comment_disposition_note_check', `char_length(disposition_note) <= 20000`)
@Check('comment_idempotency_key_check', `char_length(idempotency_key) BETWEEN 1 AND 200`)
@Check('comment_disposed_check', `(disposition IS NULL) = (disposed_at IS NULL)`)
@Check('comment_disposition_revision_check', `disposition_revision >= 0`)
@Check('comment_language_check', `language IN ('EN','FR','ES')`)
@Unique('comment_author_idempotency_key', ['authorId', 'idempotencyKey'])
// Keyset pages of a round in (submitted_at, id) order; the lookups by parent.
@Index('comment_round_submitted_idx', ['roundId', 'submittedAt', 'id'])
@Index('comment_round_organization_idx', ['roundId', 'organizationId'])
@Index('comment_guideline_idx', ['guidelineId'])
@Index('comment_organization_idx', ['organizationId'])
@Index('comment_disposed_by_idx', ['disposedBy'])
// Full-text search: a GIN index (USING gin (search)), a method TypeORM cannot describe, kept by the migration.
@Index('comment_search_idx', { synchronize: false })
export class CommentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('ConsultationRoundEntity', { name: 'comment_round_id_fkey' })
  roundId: string;

  /** null: a general comment on the whole draft. */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('GuidelineEntity', { name: 'comment_guideline_id_fkey' })
  guidelineId: string | null;

  @Column({ type: 'uuid' })
  @ForeignKey('OrganizationEntity', { name: 'comment_organization_id_fkey' })
  organizationId: string;

  @Column({ type: 'text' })
  group: ConstituentGroup;

  @Column({ type: 'uuid' })
  @ForeignKey('UserEntity', { name: 'comment_author_id_fkey' })
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

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  submittedAt: Date;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  updatedAt: Date;

  @Column({ type: 'text', nullable: true })
  disposition: Disposition | null;

  @Column({ type: 'text', nullable: true })
  dispositionNote: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  disposedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'comment_disposed_by_fkey' })
  disposedBy: string | null;

  /** What setDisposition's expectedRevision is compared with: moves with every disposition and every edit (revision, with the edits only). */
  @Column({ type: 'int', default: 0 })
  dispositionRevision: number;

  @Column({ type: 'text', nullable: true })
  idempotencyKey: string | null;

  /** Given by its author, else detected from its text, else its author's language; null when none of them tells. */
  @Column({ type: 'text', nullable: true })
  language: Language | null;

  /**
   * The full-text search vector, computed by the database; never read into rows. The text under each language's
   * configuration (stemmed, accents folded; and stemmed as written): a query, parsed under each too, finds a
   * comment whatever language either is written in, and a wrongly detected language loses nothing.
   */
  @Column({
    type: 'tsvector',
    nullable: true,
    select: false,
    insert: false,
    update: false,
    generatedType: 'STORED',
    asExpression: COMMENT_SEARCH_EXPRESSION,
  })
  search?: never;
}
