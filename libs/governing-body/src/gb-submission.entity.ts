import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { GbDecision, SubmissionStatus } from '@tripartite/domain';

@Entity('gb_submission')
export class GbSubmissionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  instrumentId: string;

  @Column({ type: 'uuid' })
  sessionId: string;

  /** The experts' meeting whose adopted report the paper presents. */
  @Column({ type: 'uuid' })
  meetingId: string;

  @Column({ type: 'text' })
  symbol: string;

  @Column({ type: 'text' })
  agendaItemTitle: string;

  @Column({ type: 'text' })
  pointForDecision: string;

  @Column({ type: 'text', default: 'DRAFT' })
  status: SubmissionStatus;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  submittedBy: string | null;

  @Column({ type: 'boolean', default: false })
  late: boolean;

  /** The paper frozen at submission (null while DRAFT: it renders from the data). */
  @Column({ type: 'text', nullable: true, select: false })
  documentMarkdown: string | null;

  @Column({ type: 'text', nullable: true, select: false })
  documentHtml: string | null;

  @Column({ type: 'text', nullable: true })
  decision: GbDecision | null;

  @Column({ type: 'text', nullable: true })
  decisionText: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;
}
