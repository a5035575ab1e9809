import { MigrationInterface, QueryRunner } from 'typeorm';

/** Append-only audit log: writers insert unsealed rows; a single sealer later numbers and chains them. */
export class Audit1764201700000 implements MigrationInterface {
  name = 'Audit1764201700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id uuid,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        sequence bigint UNIQUE,
        hash text
      )`);
    await q.query(`CREATE INDEX audit_event_unsealed_idx ON audit_event (txid, at, id) WHERE sequence IS NULL`);
    await q.query(`CREATE INDEX audit_event_entity_idx ON audit_event (entity_id, sequence)`);
    await q.query(`
      CREATE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR TG_OP = 'TRUNCATE' THEN
          RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.sequence IS NOT NULL OR NEW.sequence IS NULL OR NEW.hash IS NULL
           OR (to_jsonb(NEW) - 'sequence' - 'hash') IS DISTINCT FROM (to_jsonb(OLD) - 'sequence' - 'hash') THEN
          RAISE EXCEPTION 'audit_event rows may only be sealed once' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER audit_event_guard BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_guard()`);
    await q.query(`CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_guard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP FUNCTION audit_event_guard()`);
  }
}
