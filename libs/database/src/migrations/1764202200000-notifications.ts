import { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = [
  'consultation.scheduled',
  'consultation.opened',
  'consultation.extended',
  'consultation.reminder',
  'consultation.closed',
  'comment.disposed',
  'stage.changed',
  'meeting.scheduled',
  'meeting.reminder',
  'gb.deadline',
  'gb.decided',
];
const kindList = KINDS.map((k) => `'${k}'`).join(',');

/** Notification events, their in-app rows per user, and webhooks with their deliveries and dead letters. */
export class Notifications1764202200000 implements MigrationInterface {
  name = 'Notifications1764202200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN (${kindList})),
        instrument_id uuid REFERENCES instrument(id),
        subject_id uuid,
        data jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object'),
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        fanned_out_at timestamptz
      )`);
    await q.query(`CREATE INDEX notification_event_instrument_idx ON notification_event (instrument_id)`);

    // One row per event and user: a re-run fan-out adds nothing. emailed_at makes a retried email job a no-op.
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES notification_event(id),
        user_id uuid NOT NULL REFERENCES app_user(id),
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        instrument_id uuid REFERENCES instrument(id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        read_at timestamptz,
        emailed_at timestamptz,
        CONSTRAINT notification_event_user_key UNIQUE (event_id, user_id)
      )`);
    // Keyset pages of one user's notifications, newest first, and the unread count.
    await q.query(`CREATE INDEX notification_user_page_idx ON notification (user_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notification_user_unread_idx ON notification (user_id) WHERE read_at IS NULL`);
    await q.query(`CREATE INDEX notification_instrument_idx ON notification (instrument_id)`);

    // The secret signs deliveries (HMAC), so it is kept as given; it is never returned by the API.
    await q.query(`
      CREATE TABLE webhook (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url text NOT NULL CHECK (url ~ '^https?://' AND char_length(url) <= 2000),
        events text[] NOT NULL CHECK (cardinality(events) > 0 AND events <@ ARRAY[${kindList},'*']::text[]),
        secret text NOT NULL CHECK (char_length(secret) BETWEEN 16 AND 500),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        created_by uuid REFERENCES app_user(id)
      )`);
    await q.query(`CREATE INDEX webhook_created_by_idx ON webhook (created_by)`);

    // payload is the exact body, frozen at creation, so every attempt sends (and signs) the same bytes.
    await q.query(`
      CREATE TABLE webhook_delivery (
        id uuid PRIMARY KEY,
        webhook_id uuid NOT NULL REFERENCES webhook(id),
        event_id uuid NOT NULL REFERENCES notification_event(id),
        payload text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','DELIVERED','DEAD')),
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        replays int NOT NULL DEFAULT 0 CHECK (replays >= 0),
        last_status int,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        delivered_at timestamptz,
        CONSTRAINT webhook_delivery_event_webhook_key UNIQUE (event_id, webhook_id),
        CONSTRAINT webhook_delivery_delivered_check CHECK ((status = 'DELIVERED') = (delivered_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX webhook_delivery_webhook_idx ON webhook_delivery (webhook_id)`);

    await q.query(`
      CREATE TABLE webhook_dead_letter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        delivery_id uuid NOT NULL REFERENCES webhook_delivery(id),
        webhook_id uuid NOT NULL REFERENCES webhook(id),
        kind text NOT NULL,
        attempts int NOT NULL,
        last_status int,
        last_error text,
        failed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        replayed_at timestamptz,
        replayed_by uuid REFERENCES app_user(id)
      )`);
    await q.query(`CREATE INDEX webhook_dead_letter_failed_idx ON webhook_dead_letter (failed_at DESC, id DESC)`);
    await q.query(`CREATE INDEX webhook_dead_letter_delivery_idx ON webhook_dead_letter (delivery_id)`);
    await q.query(`CREATE INDEX webhook_dead_letter_webhook_idx ON webhook_dead_letter (webhook_id)`);
    await q.query(`CREATE INDEX webhook_dead_letter_replayed_by_idx ON webhook_dead_letter (replayed_by)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_dead_letter`);
    await q.query(`DROP TABLE webhook_delivery`);
    await q.query(`DROP TABLE webhook`);
    await q.query(`DROP TABLE notification`);
    await q.query(`DROP TABLE notification_event`);
  }
}
