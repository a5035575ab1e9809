import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ALL_KINDS, NOTIFICATION_KINDS } from './kinds';

const kinds = [...NOTIFICATION_KINDS, ALL_KINDS].map((k) => `'${k}'`).join(',');

/**
 * Migrations 1764202200000-notifications, 1764202800000-notification-retries and 1764203000000-audit-checkpoints
 * (the kinds): an admin's webhook. Deletion is soft (deleted_at), so its deliveries and dead letters stay readable.
 * The secret signs deliveries (HMAC), so it is kept as given; it is never returned by the API.
 */
@Entity('webhook')
@Check('webhook_url_check', `url ~ '^https?://' AND char_length(url) <= 2000`)
@Check('webhook_events_check', `cardinality(events) > 0 AND events <@ ARRAY[${kinds}]::text[]`)
@Check('webhook_secret_check', `char_length(secret) BETWEEN 16 AND 500`)
@Check('webhook_deleted_inactive_check', `deleted_at IS NULL OR NOT active`)
@Index('webhook_created_by_idx', ['createdBy'])
export class WebhookEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  url: string;

  /** Notification kinds, or '*' for all. */
  @Column({ type: 'text', array: true })
  events: string[];

  @Column({ type: 'text' })
  secret: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('UserEntity', { name: 'webhook_created_by_fkey' })
  createdBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
