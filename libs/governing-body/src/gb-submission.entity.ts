import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { GbDecision, Language, SubmissionStatus } from '@tripartite/domain';

/** The paper frozen in a language other than English: Markdown and the HTML made from it. */
export type FrozenTranslations = Partial<Record<Exclude<Language, 'EN'>, { markdown: string; html: string }>>;

/** Migrations 1764202400000-governing-body and 1764203500000-paper-languages; names as PostgreSQL gave them. */
@Entity('gb_submission')
@Check('gb_submission_symbol_check', `char_length(btrim(symbol)) BETWEEN 1 AND 50`)
@Check('gb_submission_agenda_item_check', `agenda_item BETWEEN 1 AND 99`)
@Check('gb_submission_agenda_item_title_check', `char_length(btrim(agenda_item_title)) BETWEEN 1 AND 500`)
@Check('gb_submission_point_for_decision_check', `char_length(btrim(point_for_decision)) BETWEEN 1 AND 5000`)
@Check('gb_submission_status_check', `status IN ('DRAFT','SUBMITTED','DECIDED')`)
@Check('gb_submission_decision_check', `decision IN ('APPROVED','APPROVED_WITH_AMENDMENTS','DEFERRED','REFERRED_BACK','NOT_APPROVED')`)
@Check('gb_submission_decision_text_check', `char_length(decision_text) <= 20000`)
@Check(
  'gb_submission_submitted_check',
  `(status = 'DRAFT') = (submitted_at IS NULL) AND (submitted_at IS NULL) = (document_markdown IS NULL) AND (document_markdown IS NULL) = (document_html IS NULL)`,
)
@Check(
  'gb_submission_document_translations_check',
  `document_translations IS NULL OR (document_markdown IS NOT NULL AND jsonb_typeof(document_translations) = 'object')`,
)
@Check('gb_submission_decided_check', `(status = 'DECIDED') = (decision IS NOT NULL) AND (decision IS NULL) = (decided_at IS NULL)`)
@Check('gb_submission_late_check', `status <> 'DRAFT' OR NOT late`)
// Unique on lower(symbol) ("GB.294/3" and "gb.294/3" name the same paper): an expression TypeORM cannot describe, kept by the migration.
@Index('gb_submission_symbol_key', { synchronize: false })
// One open (not yet decided) submission per instrument; a DEFERRED one is decided, so a new one may follow.
@Index('gb_submission_one_open_key', ['instrumentId'], { unique: true, where: `status <> 'DECIDED'` })
@Index('gb_submission_instrument_idx', ['instrumentId', 'createdAt'])
@Index('gb_submission_session_idx', ['sessionId'])
@Index('gb_submission_meeting_idx', ['meetingId'])
@Index('gb_submission_created_by_idx', ['createdBy'])
@Index('gb_submission_submitted_by_idx', ['submittedBy'])
@Index('gb_submission_decided_by_idx', ['decidedBy'])
export class GbSubmissionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('InstrumentEntity', { name: 'gb_submission_instrument_id_fkey' })
  instrumentId: string;

  @Column({ type: 'uuid' })
  @ForeignKey('GbSessionEntity', { name: 'gb_submission_session_id_fkey' })
  sessionId: string;

  /** The experts' meeting whose adopted report the paper presents. */
  @Column({ type: 'uuid' })
  @ForeignKey('ExpertsMeetingEntity', { name: 'gb_submission_meeting_id_fkey' })
  meetingId: string;

  @Column({ type: 'text' })
  symbol: string;

  /** The ordinal of the item on the session's agenda (1..99; "THIRD ITEM ON THE AGENDA"), when known. */
  @Column({ type: 'smallint', nullable: true })
  agendaItem: number | null;

  @Column({ type: 'text' })
  agendaItemTitle: string;

  @Column({ type: 'text' })
  pointForDecision: string;

  @Column({ type: 'text', default: 'DRAFT' })
  status: SubmissionStatus;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'gb_submission_submitted_by_fkey' })
  submittedBy: string | null;

  @Column({ type: 'boolean', default: false })
  late: boolean;

  /** The paper frozen at submission (null while DRAFT: it renders from the data). */
  @Column({ type: 'text', nullable: true, select: false })
  documentMarkdown: string | null;

  @Column({ type: 'text', nullable: true, select: false })
  documentHtml: string | null;

  /** The frozen paper in French and Spanish (null while DRAFT, and on papers submitted before they existed). */
  @Column({ type: 'jsonb', nullable: true, select: false })
  documentTranslations: FrozenTranslations | null;

  @Column({ type: 'text', nullable: true })
  decision: GbDecision | null;

  @Column({ type: 'text', nullable: true })
  decisionText: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'gb_submission_decided_by_fkey' })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'gb_submission_created_by_fkey' })
  createdBy: string | null;
}
