import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { NotificationEventEntity } from './notification-event.entity';

/** NULL: no email for this row (opted out at the fan-out). PENDING until SENT; SKIPPED and DEAD are final too. */
export type EmailStatus = 'PENDING' | 'SENT' | 'SKIPPED' | 'DEAD';

/**
 * Migrations 1764202200000-notifications, 1764202500000-notification-recovery and 1764202800000-notification-retries:
 * one event told to one user, in-app, with the email it owes them and each try of it.
 */
@Entity('notification')
// One row per event and user: a re-run fan-out adds nothing.
@Unique('notification_event_user_key', ['eventId', 'userId'])
@Check('notification_email_status_check', `email_status IN ('PENDING','SENT','SKIPPED','DEAD')`)
@Check('notification_emailed_check', `(email_status IS NOT DISTINCT FROM 'SENT') = (emailed_at IS NOT NULL)`)
@Check('notification_email_owed_check', `email_status NOT IN ('PENDING','DEAD') OR email_owed_since IS NOT NULL`)
@Check('notification_email_attempts_check', `email_attempts >= 0`)
@Check('notification_email_last_error_check', `char_length(email_last_error) <= 1000`)
@Check('notification_email_smtp_response_check', `char_length(email_smtp_response) <= 1000`)
@Check('notification_email_resends_check', `email_resends >= 0`)
// Keyset pages of one user's notifications and the unread count; created_at and id DESC in the migration (an
// order TypeORM cannot declare), as in the admin's list of undelivered emails.
@Index('notification_user_page_idx', ['userId', 'createdAt', 'id'])
@Index('notification_user_unread_idx', ['userId'], { where: 'read_at IS NULL' })
@Index('notification_instrument_idx', ['instrumentId'])
// What the reconcile re-queues, and what the admin sees as not delivered.
@Index('notification_email_pending_idx', ['createdAt', 'id'], { where: `email_status = 'PENDING'` })
@Index('notification_email_undelivered_idx', ['createdAt', 'id'], { where: `email_status IN ('PENDING','DEAD')` })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => NotificationEventEntity, { name: 'notification_event_id_fkey' })
  eventId: string;

  @Column({ type: 'uuid' })
  @ForeignKey('UserEntity', { name: 'notification_user_id_fkey' })
  userId: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('InstrumentEntity', { name: 'notification_instrument_id_fkey' })
  instrumentId: string | null;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  /** When the email was accepted by the SMTP server (set with SENT only). */
  @Column({ type: 'timestamptz', nullable: true })
  emailedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  emailStatus: EmailStatus | null;

  /** When the email was first owed (or re-sent): EMAIL_RETRY_FOR counts from here. */
  @Column({ type: 'timestamptz', nullable: true })
  emailOwedSince: Date | null;

  @Column({ type: 'int', default: 0 })
  emailAttempts: number;

  @Column({ type: 'timestamptz', nullable: true })
  emailNextAttemptAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  emailLastAttemptAt: Date | null;

  @Column({ type: 'text', nullable: true })
  emailLastError: string | null;

  /** The SMTP server's answer to the accepted message. */
  @Column({ type: 'text', nullable: true })
  emailSmtpResponse: string | null;

  /** An admin's re-sends of a DEAD email; each names a job of its own. */
  @Column({ type: 'int', default: 0 })
  emailResends: number;
}
