import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ConstituentGroup, ItemStatus, Position } from '@tripartite/domain';

/** One guideline of the meeting's version; `position` is the contract's `order` (1..n, document order). */
@Entity('agenda_item')
export class AgendaItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  meetingId: string;

  @Column({ type: 'uuid' })
  guidelineId: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text', default: 'PENDING' })
  status: ItemStatus;

  /** Bumps on every change to the item, its positions, amendments and votes. */
  @Column({ type: 'int', default: 1 })
  revision: number;

  @Column({ type: 'text', nullable: true })
  finalText: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A group's position on an item as recorded; a later record for the group clears `current` on this one. */
@Entity('position_record')
export class PositionRecordEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  agendaItemId: string;

  @Column({ type: 'text' })
  group: ConstituentGroup;

  @Column({ type: 'text' })
  position: Position;

  @Column({ type: 'text', nullable: true })
  statement: string | null;

  @Column({ type: 'boolean', default: true })
  current: boolean;

  @Column({ type: 'uuid' })
  recordedBy: string;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}
