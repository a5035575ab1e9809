import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AmendmentStatus, ConstituentGroup, Position } from '@tripartite/domain';

@Entity('amendment')
@Check('amendment_proposed_by_check', `proposed_by IN ('GOVERNMENT','EMPLOYERS','WORKERS')`)
@Check('amendment_text_check', `char_length(btrim(text)) BETWEEN 1 AND 20000`)
@Check('amendment_status_check', `status IN ('PROPOSED','ACCEPTED','REJECTED','WITHDRAWN')`)
@Check('amendment_check', `(status = 'PROPOSED') = (decided_at IS NULL)`)
// Its text becomes the item's final text, so one accepted amendment per item.
@Index('amendment_one_accepted_key', ['agendaItemId'], { unique: true, where: `status = 'ACCEPTED'` })
@Index('amendment_item_idx', ['agendaItemId', 'createdAt'])
@Index('amendment_created_by_idx', ['createdBy'])
@Index('amendment_decided_by_idx', ['decidedBy'])
export class AmendmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('AgendaItemEntity', { name: 'amendment_agenda_item_id_fkey' })
  agendaItemId: string;

  @Column({ type: 'text' })
  proposedBy: ConstituentGroup;

  /** The full wording proposed for the guideline; an accepted amendment's text becomes the item's final text. */
  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text', default: 'PROPOSED' })
  status: AmendmentStatus;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  @Column({ type: 'uuid' })
  @ForeignKey('UserEntity', { name: 'amendment_created_by_fkey' })
  createdBy: string;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'amendment_decided_by_fkey' })
  decidedBy: string | null;
}

/** A group's position on an amendment, kept like item positions (history, one current per group). */
@Entity('amendment_position_record')
@Check('amendment_position_record_group_check', `"group" IN ('GOVERNMENT','EMPLOYERS','WORKERS')`)
@Check('amendment_position_record_position_check', `position IN ('SUPPORT','OPPOSE','ABSTAIN','RESERVATION')`)
@Index('amendment_position_record_current_key', ['amendmentId', 'group'], { unique: true, where: `current` })
@Index('amendment_position_record_amendment_idx', ['amendmentId', 'recordedAt'])
@Index('amendment_position_record_recorded_by_idx', ['recordedBy'])
export class AmendmentPositionRecordEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('AmendmentEntity', { name: 'amendment_position_record_amendment_id_fkey' })
  amendmentId: string;

  @Column({ type: 'text' })
  group: ConstituentGroup;

  @Column({ type: 'text' })
  position: Position;

  @Column({ type: 'boolean', default: true })
  current: boolean;

  @Column({ type: 'uuid' })
  @ForeignKey('UserEntity', { name: 'amendment_position_record_recorded_by_fkey' })
  recordedBy: string;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  recordedAt: Date;
}
