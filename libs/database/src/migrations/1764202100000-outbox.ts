import { MigrationInterface, QueryRunner } from 'typeorm';

/** Work implied by a committed change, written in the same transaction; a relay moves it to BullMQ. */
export class Outbox1764202100000 implements MigrationInterface {
  name = 'Outbox1764202100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        queue text NOT NULL,
        name text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        job_id text NOT NULL CHECK (job_id !~ ':' AND job_id !~ '^[0-9]+$'),
        run_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        dispatched_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (created_at) WHERE dispatched_at IS NULL`);
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox', '');
        RETURN NULL;
      END $$`);
    // Delivered at commit, once per transaction: wakes the relay without polling.
    await q.query(`CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP FUNCTION outbox_notify()`);
  }
}
