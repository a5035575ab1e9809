import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CommentVisibility, ConstituentGroup, RoundStatus } from '@tripartite/domain';

@Entity('consultation_round')
export class ConsultationRoundEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  instrumentId: string;

  /** 1, 2, 3 ... per instrument. */
  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'uuid' })
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
  createdBy: string | null;
}
