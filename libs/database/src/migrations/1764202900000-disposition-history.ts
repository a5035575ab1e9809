import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dispositions are kept like positions: each setDisposition adds a disposition_record, the comment keeps the
 * current one. comment.disposition_revision is what setDisposition's expectedRevision is compared with: it moves
 * with every disposition and every edit by the author's organization, while comment.revision moves with the
 * edits only (so a disposition never makes the constituent's own next edit a CONFLICT).
 */
export class DispositionHistory1764202900000 implements MigrationInterface {
  name = 'DispositionHistory1764202900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE comment ADD COLUMN disposition_revision int NOT NULL DEFAULT 0 CHECK (disposition_revision >= 0)`);
    await q.query(`
      CREATE TABLE disposition_record (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        comment_id uuid NOT NULL REFERENCES comment(id),
        disposition text NOT NULL CHECK (disposition IN ('ACCEPTED','PARTIALLY_ACCEPTED','NOT_ACCEPTED','NOTED')),
        note text CHECK (char_length(note) <= 20000),
        recorded_by uuid NOT NULL REFERENCES app_user(id),
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX disposition_record_comment_idx ON disposition_record (comment_id, recorded_at)`);
    await q.query(`CREATE INDEX disposition_record_recorded_by_idx ON disposition_record (recorded_by)`);
    // What was recorded before: the current disposition is the first of its history.
    await q.query(`
      INSERT INTO disposition_record (comment_id, disposition, note, recorded_by, recorded_at)
      SELECT id, disposition, disposition_note, disposed_by, disposed_at FROM comment WHERE disposition IS NOT NULL AND disposed_by IS NOT NULL`);
    await q.query(`UPDATE comment SET disposition_revision = (revision - 1) + (CASE WHEN disposition IS NULL THEN 0 ELSE 1 END)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE disposition_record`);
    await q.query(`ALTER TABLE comment DROP COLUMN disposition_revision`);
  }
}
