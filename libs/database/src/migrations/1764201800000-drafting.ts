import { MigrationInterface, QueryRunner } from 'typeorm';

/** Instruments and their numbered versions: sections and guidelines, a DRAFT at most one at a time. */
export class Drafting1764201800000 implements MigrationInterface {
  name = 'Drafting1764201800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE instrument (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL CHECK (char_length(reference) BETWEEN 1 AND 50),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 500),
        summary text,
        stage text NOT NULL DEFAULT 'DRAFTING'
          CHECK (stage IN ('DRAFTING','CONSULTATION','CONSOLIDATION','EXPERTS_MEETING','GB_SUBMISSION','DECIDED','WITHDRAWN')),
        revision int NOT NULL DEFAULT 1 CHECK (revision >= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES app_user(id)
      )`);
    await q.query(`CREATE UNIQUE INDEX instrument_reference_key ON instrument (lower(reference))`);
    await q.query(`CREATE INDEX instrument_stage_idx ON instrument (stage)`);
    await q.query(`CREATE INDEX instrument_created_by_idx ON instrument (created_by)`);

    await q.query(`
      CREATE TABLE draft_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        instrument_id uuid NOT NULL REFERENCES instrument(id),
        number int NOT NULL CHECK (number >= 1),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','PUBLISHED')),
        published_at timestamptz,
        change_summary text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT draft_version_instrument_number_key UNIQUE (instrument_id, number),
        CHECK ((status = 'PUBLISHED') = (published_at IS NOT NULL))
      )`);
    // At most one version being drafted per instrument.
    await q.query(`CREATE UNIQUE INDEX draft_version_one_draft_key ON draft_version (instrument_id) WHERE status = 'DRAFT'`);

    await q.query(`
      CREATE TABLE section (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        version_id uuid NOT NULL REFERENCES draft_version(id),
        position int NOT NULL,
        number text NOT NULL CHECK (char_length(number) BETWEEN 1 AND 20),
        heading text NOT NULL CHECK (char_length(heading) BETWEEN 1 AND 500),
        CONSTRAINT section_version_number_key UNIQUE (version_id, number),
        CONSTRAINT section_id_version_key UNIQUE (id, version_id)
      )`);

    await q.query(`
      CREATE TABLE guideline (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        version_id uuid NOT NULL REFERENCES draft_version(id),
        section_id uuid NOT NULL,
        position int NOT NULL,
        key text NOT NULL CHECK (char_length(key) BETWEEN 1 AND 50),
        number text NOT NULL CHECK (char_length(number) BETWEEN 1 AND 20),
        title text CHECK (char_length(title) BETWEEN 1 AND 500),
        text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 20000),
        CONSTRAINT guideline_version_key_key UNIQUE (version_id, key),
        -- the section must be one of the same version
        CONSTRAINT guideline_section_fkey FOREIGN KEY (section_id, version_id) REFERENCES section (id, version_id)
      )`);
    // Lookups by parent, in document order (the unique constraints above cover version_id alone).
    await q.query(`CREATE UNIQUE INDEX section_version_position_key ON section (version_id, position)`);
    await q.query(`CREATE UNIQUE INDEX guideline_version_position_key ON guideline (version_id, position)`);
    await q.query(`CREATE INDEX guideline_section_position_idx ON guideline (section_id, position)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE guideline`);
    await q.query(`DROP TABLE section`);
    await q.query(`DROP TABLE draft_version`);
    await q.query(`DROP TABLE instrument`);
  }
}
