import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AmendmentStatus, ConstituentGroup, Position } from '@tripartite/domain';

@Entity('amendment')
export class AmendmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  agendaItemId: string;

  @Column({ type: 'text' })
  proposedBy: ConstituentGroup;

  /** The full wording proposed for the guideline; an accepted amendment's text becomes the item's final text. */
  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text', default: 'PROPOSED' })
  status: AmendmentStatus;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'uuid' })
  createdBy: string;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;
}

/** A group's position on an amendment, kept like item positions (history, one current per group). */
@Entity('amendment_position_record')
export class AmendmentPositionRecordEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  amendmentId: string;

  @Column({ type: 'text' })
  group: ConstituentGroup;

  @Column({ type: 'text' })
  position: Position;

  @Column({ type: 'boolean', default: true })
  current: boolean;

  @Column({ type: 'uuid' })
  recordedBy: string;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}
