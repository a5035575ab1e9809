import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the reconcile needs to rebuild meeting and GB reminders after a Redis loss, and to retry their failed
 * jobs without reminding twice: indexes on what it scans (scheduled meetings still ahead, document deadlines
 * still ahead), and a key that makes an event recorded at most once (a reminder job's id).
 */
export class ReminderRecovery1764202600000 implements MigrationInterface {
  name = 'ReminderRecovery1764202600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX experts_meeting_scheduled_idx ON experts_meeting (starts_at) WHERE status = 'SCHEDULED'`);
    await q.query(`CREATE INDEX gb_session_document_deadline_idx ON gb_session (document_deadline)`);
    await q.query(`ALTER TABLE notification_event ADD COLUMN once_key text CHECK (char_length(once_key) BETWEEN 1 AND 200)`);
    await q.query(`CREATE UNIQUE INDEX notification_event_once_key ON notification_event (once_key) WHERE once_key IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notification_event_once_key`);
    await q.query(`ALTER TABLE notification_event DROP COLUMN once_key`);
    await q.query(`DROP INDEX gb_session_document_deadline_idx`);
    await q.query(`DROP INDEX experts_meeting_scheduled_idx`);
  }
}
