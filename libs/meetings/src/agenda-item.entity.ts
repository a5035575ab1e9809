import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ConstituentGroup, ItemStatus, Position } from '@tripartite/domain';

/** One guideline of the meeting's version; `position` is the contract's `order` (1..n, document order). */
@Entity('agenda_item')
@Check('agenda_item_position_check', `position >= 1`)
@Check('agenda_item_status_check', `status IN ('PENDING','UNDER_DISCUSSION','ADOPTED','ADOPTED_AS_AMENDED','NOT_ADOPTED','DEFERRED')`)
@Check('agenda_item_revision_check', `revision >= 1`)
@Check('agenda_item_final_text_check', `(status IN ('ADOPTED','ADOPTED_AS_AMENDED')) = (final_text IS NOT NULL)`)
@Check('agenda_item_closed_check', `(status IN ('PENDING','UNDER_DISCUSSION')) = (closed_at IS NULL)`)
@Unique('agenda_item_meeting_position_key', ['meetingId', 'position'])
@Unique('agenda_item_meeting_guideline_key', ['meetingId', 'guidelineId'])
@Index('agenda_item_guideline_idx', ['guidelineId'])
export class AgendaItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('ExpertsMeetingEntity', { name: 'agenda_item_meeting_id_fkey' })
  meetingId: string;

  @Column({ type: 'uuid' })
  @ForeignKey('GuidelineEntity', { name: 'agenda_item_guideline_id_fkey' })
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

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  updatedAt: Date;
}

/** A group's position on an item as recorded; a later record for the group clears `current` on this one. */
@Entity('position_record')
@Check('position_record_group_check', `"group" IN ('GOVERNMENT','EMPLOYERS','WORKERS')`)
@Check('position_record_position_check', `position IN ('SUPPORT','OPPOSE','ABSTAIN','RESERVATION')`)
@Check('position_record_statement_check', `char_length(statement) <= 20000`)
@Index('position_record_current_key', ['agendaItemId', 'group'], { unique: true, where: `current` })
@Index('position_record_item_idx', ['agendaItemId', 'recordedAt'])
@Index('position_record_recorded_by_idx', ['recordedBy'])
export class PositionRecordEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('AgendaItemEntity', { name: 'position_record_agenda_item_id_fkey' })
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
  @ForeignKey('UserEntity', { name: 'position_record_recorded_by_fkey' })
  recordedBy: string;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  recordedAt: Date;
}
