import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Languages of drafts (DESIGN.md 6a): a version's original language, and translations of its guidelines and section
 * headings, and of the instrument's title. Every translation set is a row (the history); the latest per text and language is the one in force.
 * source_hash is the SHA-256 of the original it was made from: the translation is CURRENT while it matches.
 */
export class Translations1764203200000 implements MigrationInterface {
  name = 'Translations1764203200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE draft_version ADD COLUMN original_language text NOT NULL DEFAULT 'EN' CONSTRAINT draft_version_original_language_check CHECK (original_language IN ('EN','FR','ES'))`,
    );
    await q.query(`
      CREATE TABLE guideline_translation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        guideline_id uuid NOT NULL CONSTRAINT guideline_translation_guideline_id_fkey REFERENCES guideline(id),
        language text NOT NULL CONSTRAINT guideline_translation_language_check CHECK (language IN ('EN','FR','ES')),
        title text CONSTRAINT guideline_translation_title_check CHECK (char_length(title) BETWEEN 1 AND 500),
        text text NOT NULL CONSTRAINT guideline_translation_text_check CHECK (char_length(text) BETWEEN 1 AND 20000),
        source_hash text NOT NULL CONSTRAINT guideline_translation_source_hash_check CHECK (source_hash ~ '^[0-9a-f]{64}$'),
        translated_by uuid CONSTRAINT guideline_translation_translated_by_fkey REFERENCES app_user(id),
        translated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX guideline_translation_guideline_idx ON guideline_translation (guideline_id, language, translated_at)`);
    await q.query(`CREATE INDEX guideline_translation_translated_by_idx ON guideline_translation (translated_by)`);
    await q.query(`
      CREATE TABLE section_translation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        section_id uuid NOT NULL CONSTRAINT section_translation_section_id_fkey REFERENCES section(id),
        language text NOT NULL CONSTRAINT section_translation_language_check CHECK (language IN ('EN','FR','ES')),
        heading text NOT NULL CONSTRAINT section_translation_heading_check CHECK (char_length(heading) BETWEEN 1 AND 500),
        source_hash text NOT NULL CONSTRAINT section_translation_source_hash_check CHECK (source_hash ~ '^[0-9a-f]{64}$'),
        translated_by uuid CONSTRAINT section_translation_translated_by_fkey REFERENCES app_user(id),
        translated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX section_translation_section_idx ON section_translation (section_id, language, translated_at)`);
    await q.query(`CREATE INDEX section_translation_translated_by_idx ON section_translation (translated_by)`);
    await q.query(`
      CREATE TABLE instrument_translation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        instrument_id uuid NOT NULL CONSTRAINT instrument_translation_instrument_id_fkey REFERENCES instrument(id),
        language text NOT NULL CONSTRAINT instrument_translation_language_check CHECK (language IN ('EN','FR','ES')),
        title text NOT NULL CONSTRAINT instrument_translation_title_check CHECK (char_length(title) BETWEEN 1 AND 500),
        source_hash text NOT NULL CONSTRAINT instrument_translation_source_hash_check CHECK (source_hash ~ '^[0-9a-f]{64}$'),
        translated_by uuid CONSTRAINT instrument_translation_translated_by_fkey REFERENCES app_user(id),
        translated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX instrument_translation_instrument_idx ON instrument_translation (instrument_id, language, translated_at)`);
    await q.query(`CREATE INDEX instrument_translation_translated_by_idx ON instrument_translation (translated_by)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE instrument_translation`);
    await q.query(`DROP TABLE section_translation`);
    await q.query(`DROP TABLE guideline_translation`);
    await q.query(`ALTER TABLE draft_version DROP COLUMN original_language`);
  }
}
