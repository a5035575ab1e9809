import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Board links: a meeting's board for the room's projector without a personal sign-in. Read-only and for one
 * meeting; kept as the SHA-256 of the secret; revocable; expiring (and useless once the meeting's report is adopted).
 */
export class BoardLinks1764290000000 implements MigrationInterface {
  name = 'BoardLinks1764290000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE board_link (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL CONSTRAINT board_link_meeting_id_fkey REFERENCES experts_meeting(id),
        label text NOT NULL CONSTRAINT board_link_label_check CHECK (char_length(btrim(label)) BETWEEN 1 AND 300),
        token_hash bytea NOT NULL CONSTRAINT board_link_token_hash_check CHECK (octet_length(token_hash) = 32),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        created_by uuid NOT NULL CONSTRAINT board_link_created_by_fkey REFERENCES app_user(id),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_by uuid CONSTRAINT board_link_revoked_by_fkey REFERENCES app_user(id),
        CONSTRAINT board_link_token_hash_key UNIQUE (token_hash),
        CONSTRAINT board_link_check CHECK (expires_at > created_at),
        CONSTRAINT board_link_check1 CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
      )`);
    await q.query(`CREATE INDEX board_link_meeting_idx ON board_link (meeting_id)`);
    await q.query(`CREATE INDEX board_link_created_by_idx ON board_link (created_by)`);
    await q.query(`CREATE INDEX board_link_revoked_by_idx ON board_link (revoked_by)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE board_link`);
  }
}
