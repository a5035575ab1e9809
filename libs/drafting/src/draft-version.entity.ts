import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { VersionStatus } from '@tripartite/domain';

@Entity('draft_version')
export class DraftVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  instrumentId: string;

  /** 1, 2, 3 ... per instrument. */
  @Column({ type: 'int' })
  number: number;

  @Column({ type: 'text', default: 'DRAFT' })
  status: VersionStatus;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  changeSummary: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
