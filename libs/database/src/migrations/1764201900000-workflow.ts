import { MigrationInterface, QueryRunner } from 'typeorm';

export class Workflow1764201900000 implements MigrationInterface {
  name = 'Workflow1764201900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stage_transition (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        instrument_id uuid NOT NULL REFERENCES instrument(id),
        from_stage text NOT NULL,
        to_stage text NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id uuid REFERENCES app_user(id),
        reason text,
        early_close boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE INDEX stage_transition_instrument_idx ON stage_transition (instrument_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stage_transition`);
  }
}
