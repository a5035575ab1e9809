import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retries that outlast an outage, recorded in PostgreSQL so that the reconcile can re-queue them:
 * - an email is retried for EMAIL_RETRY_FOR after it was first owed (email_owed_since), each try counted with its
 *   due time and last error; then it is DEAD (FAILED, which nothing retried, becomes DEAD, so an admin can re-send
 *   it). email_smtp_response keeps the SMTP server's answer to an accepted message. email_resends names the job of
 *   each re-send.
 * - a webhook can be deleted (soft: its deliveries and dead letters stay readable); its deliveries still owed are
 *   CANCELLED. resumes names the job that resumes a delivery when its webhook is made active again.
 * Jobs not yet relayed move to the queues of their own.
 */
export class NotificationRetries1764202800000 implements MigrationInterface {
  name = 'NotificationRetries1764202800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notification
        ADD COLUMN email_owed_since timestamptz,
        ADD COLUMN email_attempts int NOT NULL DEFAULT 0 CHECK (email_attempts >= 0),
        ADD COLUMN email_next_attempt_at timestamptz,
        ADD COLUMN email_last_attempt_at timestamptz,
        ADD COLUMN email_last_error text CHECK (char_length(email_last_error) <= 1000),
        ADD COLUMN email_smtp_response text CHECK (char_length(email_smtp_response) <= 1000),
        ADD COLUMN email_resends int NOT NULL DEFAULT 0 CHECK (email_resends >= 0)`);
    await q.query(`ALTER TABLE notification DROP CONSTRAINT notification_email_status_check`);
    await q.query(`
      UPDATE notification SET email_status = 'DEAD', email_last_error = 'every try of its job failed (before retries were recorded)'
       WHERE email_status = 'FAILED'`);
    await q.query(`UPDATE notification SET email_owed_since = created_at WHERE email_status IN ('PENDING', 'DEAD')`);
    await q.query(`
      ALTER TABLE notification
        ADD CONSTRAINT notification_email_status_check CHECK (email_status IN ('PENDING','SENT','SKIPPED','DEAD')),
        ADD CONSTRAINT notification_email_owed_check CHECK (email_status NOT IN ('PENDING','DEAD') OR email_owed_since IS NOT NULL)`);
    // The admin's list of emails not delivered (owed or dead), newest first.
    await q.query(`CREATE INDEX notification_email_undelivered_idx ON notification (created_at DESC, id DESC) WHERE email_status IN ('PENDING','DEAD')`);

    await q.query(`ALTER TABLE webhook ADD COLUMN deleted_at timestamptz`);
    await q.query(`ALTER TABLE webhook ADD CONSTRAINT webhook_deleted_inactive_check CHECK (deleted_at IS NULL OR NOT active)`);
    await q.query(`ALTER TABLE webhook_delivery ADD COLUMN resumes int NOT NULL DEFAULT 0 CHECK (resumes >= 0)`);
    await q.query(`ALTER TABLE webhook_delivery DROP CONSTRAINT webhook_delivery_status_check`);
    await q.query(`ALTER TABLE webhook_delivery ADD CONSTRAINT webhook_delivery_status_check CHECK (status IN ('PENDING','DELIVERED','DEAD','CANCELLED'))`);

    await q.query(`UPDATE outbox SET queue = 'emails' WHERE name = 'email.send' AND dispatched_at IS NULL`);
    await q.query(`UPDATE outbox SET queue = 'webhooks' WHERE name = 'webhook.deliver' AND dispatched_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE outbox SET queue = 'notifications' WHERE name IN ('email.send', 'webhook.deliver') AND dispatched_at IS NULL`);
    await q.query(`UPDATE webhook_delivery SET status = 'DEAD' WHERE status = 'CANCELLED'`);
    await q.query(`ALTER TABLE webhook_delivery DROP CONSTRAINT webhook_delivery_status_check`);
    await q.query(`ALTER TABLE webhook_delivery ADD CONSTRAINT webhook_delivery_status_check CHECK (status IN ('PENDING','DELIVERED','DEAD'))`);
    await q.query(`ALTER TABLE webhook_delivery DROP COLUMN resumes`);
    await q.query(`ALTER TABLE webhook DROP CONSTRAINT webhook_deleted_inactive_check, DROP COLUMN deleted_at`);
    await q.query(`DROP INDEX notification_email_undelivered_idx`);
    await q.query(`ALTER TABLE notification DROP CONSTRAINT notification_email_owed_check, DROP CONSTRAINT notification_email_status_check`);
    await q.query(`UPDATE notification SET email_status = 'FAILED' WHERE email_status = 'DEAD'`);
    await q.query(`ALTER TABLE notification ADD CONSTRAINT notification_email_status_check CHECK (email_status IN ('PENDING','SENT','SKIPPED','FAILED'))`);
    await q.query(`
      ALTER TABLE notification
        DROP COLUMN email_resends, DROP COLUMN email_smtp_response, DROP COLUMN email_last_error, DROP COLUMN email_last_attempt_at,
        DROP COLUMN email_next_attempt_at, DROP COLUMN email_attempts, DROP COLUMN email_owed_since`);
  }
}
