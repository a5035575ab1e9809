import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the notification pipeline still has to do, recorded in PostgreSQL, so that the reconcile job can
 * re-queue it when Redis has lost its jobs: the email each notification still owes, and for each webhook
 * delivery when its next try is due, whether a try may be running, and how many tries its current cycle has used.
 * Partial indexes keep the reconcile's scans of unfinished work small.
 */
export class NotificationRecovery1764202500000 implements MigrationInterface {
  name = 'NotificationRecovery1764202500000';

  async up(q: QueryRunner): Promise<void> {
    // NULL: no email for this row (opted out at the fan-out). PENDING until SENT; SKIPPED (opted out since,
    // or no SMTP configured) and FAILED (every try of its job failed) are final too.
    await q.query(`ALTER TABLE notification ADD COLUMN email_status text CHECK (email_status IN ('PENDING','SENT','SKIPPED','FAILED'))`);
    await q.query(`UPDATE notification SET email_status = 'SENT' WHERE emailed_at IS NOT NULL`);
    await q.query(`
      UPDATE notification n SET email_status = 'PENDING'
        FROM outbox o
       WHERE n.emailed_at IS NULL AND o.name = 'email.send' AND o.job_id = 'email-' || n.event_id || '-' || n.user_id`);
    await q.query(`
      ALTER TABLE notification ADD CONSTRAINT notification_emailed_check
        CHECK ((email_status IS NOT DISTINCT FROM 'SENT') = (emailed_at IS NOT NULL))`);
    await q.query(`CREATE INDEX notification_email_pending_idx ON notification (created_at, id) WHERE email_status = 'PENDING'`);

    await q.query(`CREATE INDEX notification_event_unfanned_idx ON notification_event (occurred_at, id) WHERE fanned_out_at IS NULL`);

    // cycle_attempts: tries since the delivery was created or last replayed; WEBHOOK_MAX_ATTEMPTS applies to it.
    // next_attempt_at: when the next try is due (NULL once settled). attempt_started_at: when the try now running
    // began, cleared when it records its outcome (a try cut short by a crash leaves it set).
    await q.query(`
      ALTER TABLE webhook_delivery
        ADD COLUMN cycle_attempts int NOT NULL DEFAULT 0 CHECK (cycle_attempts >= 0),
        ADD COLUMN next_attempt_at timestamptz DEFAULT clock_timestamp(),
        ADD COLUMN attempt_started_at timestamptz`);
    await q.query(`
      UPDATE webhook_delivery d
         SET next_attempt_at = CASE WHEN d.status = 'PENDING' THEN clock_timestamp() END,
             cycle_attempts = d.attempts - coalesce(
               (SELECT max(l.attempts) FROM webhook_dead_letter l WHERE l.delivery_id = d.id AND l.replayed_at IS NOT NULL), 0)`);
    await q.query(`CREATE INDEX webhook_delivery_pending_idx ON webhook_delivery (created_at, id) WHERE status = 'PENDING'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX webhook_delivery_pending_idx`);
    await q.query(`ALTER TABLE webhook_delivery DROP COLUMN attempt_started_at, DROP COLUMN next_attempt_at, DROP COLUMN cycle_attempts`);
    await q.query(`DROP INDEX notification_event_unfanned_idx`);
    await q.query(`DROP INDEX notification_email_pending_idx`);
    await q.query(`ALTER TABLE notification DROP CONSTRAINT notification_emailed_check, DROP COLUMN email_status`);
  }
}
