import { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = [
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
const list = (kinds: string[]) => kinds.map((k) => `'${k}'`).join(',');

/** The notification kinds the event and webhook tables accept. */
async function allowKinds(q: QueryRunner, kinds: string[]): Promise<void> {
  await q.query(`ALTER TABLE notification_event DROP CONSTRAINT notification_event_kind_check`);
  await q.query(`ALTER TABLE notification_event ADD CONSTRAINT notification_event_kind_check CHECK (kind IN (${list(kinds)}))`);
  await q.query(`ALTER TABLE webhook DROP CONSTRAINT webhook_events_check`);
  await q.query(`ALTER TABLE webhook ADD CONSTRAINT webhook_events_check CHECK (cardinality(events) > 0 AND events <@ ARRAY[${list(kinds)},'*']::text[])`);
}

/**
 * Signed checkpoints of the audit chain's end. A convenience copy: the signed statements also go to the log and
 * to webhooks (the new notification kind audit.checkpoint), and only those outside copies resist someone who
 * can rewrite this table too. Append-only.
 */
export class AuditCheckpoints1764203000000 implements MigrationInterface {
  name = 'AuditCheckpoints1764203000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_checkpoint (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sequence bigint NOT NULL CHECK (sequence > 0),
        hash text NOT NULL,
        at timestamptz NOT NULL,
        key_id text NOT NULL,
        signature text NOT NULL,
        reason text NOT NULL CHECK (reason IN ('interval', 'gb.decided')),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX audit_checkpoint_sequence_idx ON audit_checkpoint (sequence DESC)`);
    await q.query(`
      CREATE FUNCTION audit_checkpoint_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_checkpoint is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_checkpoint_guard BEFORE UPDATE OR DELETE ON audit_checkpoint FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_guard()`);
    await q.query(
      `CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoint_guard()`,
    );
    await allowKinds(q, [...KINDS_BEFORE, 'audit.checkpoint']);
  }

  async down(q: QueryRunner): Promise<void> {
    const [only] = await q.query(`SELECT id FROM webhook WHERE events = ARRAY['audit.checkpoint'] LIMIT 1`);
    if (only) throw new Error(`webhook ${only.id} is subscribed to audit.checkpoint only: delete it before reverting`);
    const events = `SELECT id FROM notification_event WHERE kind = 'audit.checkpoint'`;
    await q.query(`DELETE FROM webhook_dead_letter WHERE delivery_id IN (SELECT id FROM webhook_delivery WHERE event_id IN (${events}))`);
    await q.query(`DELETE FROM webhook_delivery WHERE event_id IN (${events})`);
    await q.query(`DELETE FROM notification WHERE event_id IN (${events})`);
    await q.query(`DELETE FROM notification_event WHERE kind = 'audit.checkpoint'`);
    await q.query(`UPDATE webhook SET events = array_remove(events, 'audit.checkpoint') WHERE 'audit.checkpoint' = ANY(events)`);
    await allowKinds(q, KINDS_BEFORE);
    await q.query(`DROP TABLE audit_checkpoint`);
    await q.query(`DROP FUNCTION audit_checkpoint_guard()`);
  }
}
