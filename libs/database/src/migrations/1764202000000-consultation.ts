import { MigrationInterface, QueryRunner } from 'typeorm';

/** Consultation rounds (one not CLOSED per instrument), their fixed invitation lists, deadline extensions and comments. */
export class Consultation1764202000000 implements MigrationInterface {
  name = 'Consultation1764202000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consultation_round (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        instrument_id uuid NOT NULL REFERENCES instrument(id),
        number int NOT NULL CHECK (number >= 1),
        version_id uuid NOT NULL REFERENCES draft_version(id),
        status text NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED','OPEN','CLOSED')),
        opens_at timestamptz,
        closes_at timestamptz NOT NULL,
        closed_at timestamptz,
        early_close boolean NOT NULL DEFAULT false,
        groups text[] NOT NULL
          CHECK (cardinality(groups) BETWEEN 1 AND 3 AND groups <@ ARRAY['GOVERNMENT','EMPLOYERS','WORKERS']::text[]),
        visibility text NOT NULL DEFAULT 'AFTER_CLOSE' CHECK (visibility IN ('IMMEDIATE','AFTER_CLOSE','SECRETARIAT_ONLY')),
        accept_late boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES app_user(id),
        CONSTRAINT consultation_round_instrument_number_key UNIQUE (instrument_id, number),
        CONSTRAINT consultation_round_opened_check CHECK ((status = 'SCHEDULED') = (opens_at IS NULL)),
        CONSTRAINT consultation_round_closed_check CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL)),
        CONSTRAINT consultation_round_early_close_check CHECK (status = 'CLOSED' OR NOT early_close)
      )`);
    // One round at a time: at most one SCHEDULED or OPEN round per instrument.
    await q.query(`CREATE UNIQUE INDEX consultation_round_one_active_key ON consultation_round (instrument_id) WHERE status <> 'CLOSED'`);
    await q.query(`CREATE INDEX consultation_round_version_idx ON consultation_round (version_id)`);
    await q.query(`CREATE INDEX consultation_round_created_by_idx ON consultation_round (created_by)`);

    await q.query(`
      CREATE TABLE round_invitation (
        round_id uuid NOT NULL REFERENCES consultation_round(id),
        organization_id uuid NOT NULL REFERENCES organization(id),
        PRIMARY KEY (round_id, organization_id)
      )`);
    await q.query(`CREATE INDEX round_invitation_organization_idx ON round_invitation (organization_id)`);

    await q.query(`
      CREATE TABLE deadline_extension (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL REFERENCES consultation_round(id),
        from_at timestamptz NOT NULL,
        to_at timestamptz NOT NULL,
        reason text NOT NULL CHECK (char_length(btrim(reason)) BETWEEN 1 AND 2000),
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id uuid REFERENCES app_user(id),
        CHECK (to_at > from_at)
      )`);
    await q.query(`CREATE INDEX deadline_extension_round_idx ON deadline_extension (round_id, at)`);
    await q.query(`CREATE INDEX deadline_extension_actor_idx ON deadline_extension (actor_id)`);

    await q.query(`
      CREATE TABLE comment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL REFERENCES consultation_round(id),
        guideline_id uuid REFERENCES guideline(id),
        organization_id uuid NOT NULL REFERENCES organization(id),
        "group" text NOT NULL CHECK ("group" IN ('GOVERNMENT','EMPLOYERS','WORKERS')),
        author_id uuid NOT NULL REFERENCES app_user(id),
        type text NOT NULL CHECK (type IN ('GENERAL','TECHNICAL','EDITORIAL')),
        body text NOT NULL CHECK (char_length(btrim(body)) BETWEEN 1 AND 20000),
        proposed_text text CHECK (char_length(proposed_text) <= 20000),
        status text NOT NULL DEFAULT 'SUBMITTED' CHECK (status IN ('SUBMITTED','WITHDRAWN')),
        late boolean NOT NULL DEFAULT false,
        revision int NOT NULL DEFAULT 1 CHECK (revision >= 1),
        submitted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        disposition text CHECK (disposition IN ('ACCEPTED','PARTIALLY_ACCEPTED','NOT_ACCEPTED','NOTED')),
        disposition_note text CHECK (char_length(disposition_note) <= 20000),
        disposed_at timestamptz,
        disposed_by uuid REFERENCES app_user(id),
        idempotency_key text CHECK (char_length(idempotency_key) BETWEEN 1 AND 200),
        search tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce(body, '') || ' ' || coalesce(proposed_text, ''))) STORED,
        CONSTRAINT comment_author_idempotency_key UNIQUE (author_id, idempotency_key),
        CONSTRAINT comment_disposed_check CHECK ((disposition IS NULL) = (disposed_at IS NULL))
      )`);
    // Keyset pages of a round in (submitted_at, id) order; full-text search; the lookups by parent.
    await q.query(`CREATE INDEX comment_round_submitted_idx ON comment (round_id, submitted_at, id)`);
    await q.query(`CREATE INDEX comment_search_idx ON comment USING gin (search)`);
    await q.query(`CREATE INDEX comment_round_organization_idx ON comment (round_id, organization_id)`);
    await q.query(`CREATE INDEX comment_guideline_idx ON comment (guideline_id)`);
    await q.query(`CREATE INDEX comment_organization_idx ON comment (organization_id)`);
    await q.query(`CREATE INDEX comment_disposed_by_idx ON comment (disposed_by)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE comment`);
    await q.query(`DROP TABLE deadline_extension`);
    await q.query(`DROP TABLE round_invitation`);
    await q.query(`DROP TABLE consultation_round`);
  }
}
