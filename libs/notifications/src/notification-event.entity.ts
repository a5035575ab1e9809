import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { NOTIFICATION_KINDS } from './kinds';
import type { EventData, NotificationKind } from './kinds';

const kinds = NOTIFICATION_KINDS.map((k) => `'${k}'`).join(',');

/**
 * Migrations 1764202200000-notifications, 1764202500000-notification-recovery, 1764202600000-reminder-recovery and
 * 1764203000000-audit-checkpoints (the kinds): one thing people are told of, fanned out to its recipients once.
 */
@Entity('notification_event')
@Check('notification_event_kind_check', `kind IN (${kinds})`)
@Check('notification_event_data_check', `jsonb_typeof(data) = 'object'`)
@Check('notification_event_once_key_check', `char_length(once_key) BETWEEN 1 AND 200`)
@Index('notification_event_instrument_idx', ['instrumentId'])
// What the reconcile re-queues: events not fanned out yet.
@Index('notification_event_unfanned_idx', ['occurredAt', 'id'], { where: 'fanned_out_at IS NULL' })
// A reminder's job id: its event is recorded at most once, however often the job runs.
@Index('notification_event_once_key', ['onceKey'], { unique: true, where: 'once_key IS NOT NULL' })
export class NotificationEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: NotificationKind;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('InstrumentEntity', { name: 'notification_event_instrument_id_fkey' })
  instrumentId: string | null;

  /** The round, comment, meeting or session the event is about. */
  @Column({ type: 'uuid', nullable: true })
  subjectId: string | null;

  /** Ids and plain facts, never personal data (see NotificationEventInput). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: EventData;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  occurredAt: Date;

  /** Set by the fan-out, in the transaction that wrote the event's notifications, emails and deliveries. */
  @Column({ type: 'timestamptz', nullable: true })
  fannedOutAt: Date | null;

  /** emitOnce's key (a reminder's job id). */
  @Column({ type: 'text', nullable: true })
  onceKey: string | null;
}
