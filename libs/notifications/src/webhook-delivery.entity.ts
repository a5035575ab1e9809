import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { NotificationEventEntity } from './notification-event.entity';
import { WebhookEntity } from './webhook.entity';

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'DEAD' | 'CANCELLED';

/**
 * Migrations 1764202200000-notifications, 1764202500000-notification-recovery and 1764202800000-notification-retries:
 * one event to one webhook. The payload is the exact body, frozen at creation, so every try sends (and signs) the
 * same bytes; the id is chosen by the fan-out, since the body names it.
 */
@Entity('webhook_delivery')
@Unique('webhook_delivery_event_webhook_key', ['eventId', 'webhookId'])
@Check('webhook_delivery_status_check', `status IN ('PENDING','DELIVERED','DEAD','CANCELLED')`)
@Check('webhook_delivery_delivered_check', `(status = 'DELIVERED') = (delivered_at IS NOT NULL)`)
@Check('webhook_delivery_attempts_check', `attempts >= 0`)
@Check('webhook_delivery_replays_check', `replays >= 0`)
@Check('webhook_delivery_cycle_attempts_check', `cycle_attempts >= 0`)
@Check('webhook_delivery_resumes_check', `resumes >= 0`)
@Index('webhook_delivery_webhook_idx', ['webhookId'])
// What the reconcile re-queues.
@Index('webhook_delivery_pending_idx', ['createdAt', 'id'], { where: `status = 'PENDING'` })
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => WebhookEntity, { name: 'webhook_delivery_webhook_id_fkey' })
  webhookId: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => NotificationEventEntity, { name: 'webhook_delivery_event_id_fkey' })
  eventId: string;

  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'text', default: 'PENDING' })
  status: DeliveryStatus;

  /** Every try, replays included (a try cut short by a crash too). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'int', default: 0 })
  replays: number;

  @Column({ type: 'int', nullable: true })
  lastStatus: number | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  /** Tries since the delivery was created or last replayed: WEBHOOK_RETRY_SCHEDULE applies to it. */
  @Column({ type: 'int', default: 0 })
  cycleAttempts: number;

  /** When the next try is due; NULL once settled. */
  @Column({ type: 'timestamptz', nullable: true, default: () => 'clock_timestamp()' })
  nextAttemptAt: Date | null;

  /** When the try now running began; cleared when it records its outcome (a crash leaves it set). */
  @Column({ type: 'timestamptz', nullable: true })
  attemptStartedAt: Date | null;

  /** Times its webhook was made active again while it waited; each names a job of its own. */
  @Column({ type: 'int', default: 0 })
  resumes: number;
}

/** A delivery given up (a refused answer, or the last try of the schedule failed), for an admin to see and replay. */
@Entity('webhook_dead_letter')
// Newest first, in the migration (failed_at DESC, id DESC: an order TypeORM cannot declare).
@Index('webhook_dead_letter_failed_idx', ['failedAt', 'id'])
@Index('webhook_dead_letter_delivery_idx', ['deliveryId'])
@Index('webhook_dead_letter_webhook_idx', ['webhookId'])
@Index('webhook_dead_letter_replayed_by_idx', ['replayedBy'])
export class WebhookDeadLetterEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => WebhookDeliveryEntity, { name: 'webhook_dead_letter_delivery_id_fkey' })
  deliveryId: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => WebhookEntity, { name: 'webhook_dead_letter_webhook_id_fkey' })
  webhookId: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'int' })
  attempts: number;

  @Column({ type: 'int', nullable: true })
  lastStatus: number | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  failedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  replayedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'webhook_dead_letter_replayed_by_fkey' })
  replayedBy: string | null;
}
