import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Governing Body sessions, and the papers submitted to them: a submission reports the outcome of one
 * experts' meeting, and keeps the paper as rendered at submission so it reads the same thereafter.
 */
export class GoverningBody1764202400000 implements MigrationInterface {
  name = 'GoverningBody1764202400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE gb_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number int NOT NULL CHECK (number >= 1),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        document_deadline timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        created_by uuid REFERENCES app_user(id),
        CONSTRAINT gb_session_number_key UNIQUE (number),
        CHECK (ends_at > starts_at),
        CHECK (document_deadline < starts_at)
      )`);
    await q.query(`CREATE INDEX gb_session_starts_at_idx ON gb_session (starts_at)`);
    await q.query(`CREATE INDEX gb_session_created_by_idx ON gb_session (created_by)`);

    await q.query(`
      CREATE TABLE gb_submission (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        instrument_id uuid NOT NULL REFERENCES instrument(id),
        session_id uuid NOT NULL REFERENCES gb_session(id),
        meeting_id uuid NOT NULL REFERENCES experts_meeting(id),
        symbol text NOT NULL CHECK (char_length(btrim(symbol)) BETWEEN 1 AND 50),
        agenda_item_title text NOT NULL CHECK (char_length(btrim(agenda_item_title)) BETWEEN 1 AND 500),
        point_for_decision text NOT NULL CHECK (char_length(btrim(point_for_decision)) BETWEEN 1 AND 5000),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','SUBMITTED','DECIDED')),
        submitted_at timestamptz,
        submitted_by uuid REFERENCES app_user(id),
        late boolean NOT NULL DEFAULT false,
        document_markdown text,
        document_html text,
        decision text CHECK (decision IN ('APPROVED','APPROVED_WITH_AMENDMENTS','DEFERRED','REFERRED_BACK','NOT_APPROVED')),
        decision_text text CHECK (char_length(decision_text) <= 20000),
        decided_at timestamptz,
        decided_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        created_by uuid REFERENCES app_user(id),
        CONSTRAINT gb_submission_submitted_check
          CHECK ((status = 'DRAFT') = (submitted_at IS NULL) AND (submitted_at IS NULL) = (document_markdown IS NULL)
                 AND (document_markdown IS NULL) = (document_html IS NULL)),
        CONSTRAINT gb_submission_decided_check
          CHECK ((status = 'DECIDED') = (decision IS NOT NULL) AND (decision IS NULL) = (decided_at IS NULL)),
        CONSTRAINT gb_submission_late_check CHECK (status <> 'DRAFT' OR NOT late)
      )`);
    // Symbols are unique whatever their case ("GB.294/3" and "gb.294/3" name the same paper).
    await q.query(`CREATE UNIQUE INDEX gb_submission_symbol_key ON gb_submission (lower(symbol))`);
    // One open (not yet decided) submission per instrument; a DEFERRED one is decided, so a new one may follow.
    await q.query(`CREATE UNIQUE INDEX gb_submission_one_open_key ON gb_submission (instrument_id) WHERE status <> 'DECIDED'`);
    await q.query(`CREATE INDEX gb_submission_instrument_idx ON gb_submission (instrument_id, created_at)`);
    await q.query(`CREATE INDEX gb_submission_session_idx ON gb_submission (session_id)`);
    await q.query(`CREATE INDEX gb_submission_meeting_idx ON gb_submission (meeting_id)`);
    await q.query(`CREATE INDEX gb_submission_created_by_idx ON gb_submission (created_by)`);
    await q.query(`CREATE INDEX gb_submission_submitted_by_idx ON gb_submission (submitted_by)`);
    await q.query(`CREATE INDEX gb_submission_decided_by_idx ON gb_submission (decided_by)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE gb_submission`);
    await q.query(`DROP TABLE gb_session`);
  }
}
