import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revocable sign-ins. A session is what an access token names (its `sid`): ended at once by sign-out, by the
 * user's deactivation, or by the reuse of a refresh token it had already rotated; it expires when nobody
 * refreshed it for the idle time, and in any case at its absolute end. Refresh tokens are kept as SHA-256
 * digests only, the used ones too: presenting one again is how a stolen token shows.
 */
export class Sessions1764202700000 implements MigrationInterface {
  name = 'Sessions1764202700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE app_user
        ADD COLUMN deactivated_at timestamptz,
        ADD COLUMN deactivation_reason text CHECK (char_length(deactivation_reason) BETWEEN 1 AND 500),
        ADD CONSTRAINT app_user_deactivation_check CHECK ((deactivated_at IS NULL) = (deactivation_reason IS NULL))`);
    await q.query(`
      CREATE TABLE auth_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        idle_expires_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text CHECK (revoked_reason IN ('signed-out', 'deactivated', 'refresh-reuse')),
        CHECK (idle_expires_at <= expires_at),
        CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX auth_session_user_idx ON auth_session (user_id) WHERE revoked_at IS NULL`);
    await q.query(`CREATE INDEX auth_session_expires_idx ON auth_session (expires_at)`);
    await q.query(`
      CREATE TABLE auth_refresh_token (
        token_hash bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
        session_id uuid NOT NULL REFERENCES auth_session(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        rotated_at timestamptz,
        replaced_by bytea CHECK (octet_length(replaced_by) = 32),
        CHECK ((rotated_at IS NULL) = (replaced_by IS NULL))
      )`);
    await q.query(`CREATE INDEX auth_refresh_token_session_idx ON auth_refresh_token (session_id)`);
    // At most one usable refresh token per session: the latest.
    await q.query(`CREATE UNIQUE INDEX auth_refresh_token_current_key ON auth_refresh_token (session_id) WHERE rotated_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE auth_refresh_token`);
    await q.query(`DROP TABLE auth_session`);
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_deactivation_check, DROP COLUMN deactivation_reason, DROP COLUMN deactivated_at`);
  }
}
