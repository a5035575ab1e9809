import { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1764201600000 implements MigrationInterface {
  name = 'Identity1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        "group" text NOT NULL CHECK ("group" IN ('GOVERNMENT','EMPLOYERS','WORKERS')),
        country_code char(2) CHECK (country_code ~ '^[A-Z]{2}$'),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX organization_name_key ON organization (lower(name))`);
    await q.query(`CREATE UNIQUE INDEX organization_country_key ON organization (country_code) WHERE "group" = 'GOVERNMENT'`);
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL CHECK (roles <@ ARRAY['ADMIN','SECRETARIAT','CONSTITUENT','MODERATOR','OBSERVER']::text[] AND cardinality(roles) > 0),
        organization_id uuid REFERENCES organization(id),
        email_opt_out text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (NOT ('CONSTITUENT' = ANY(roles)) OR organization_id IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email))`);
    await q.query(`CREATE INDEX app_user_organization_idx ON app_user (organization_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE app_user`);
    await q.query(`DROP TABLE organization`);
  }
}
