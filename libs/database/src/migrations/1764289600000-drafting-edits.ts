import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The secretariat edits a draft guideline in place (updateDraftGuideline): guideline.revision moves with each edit, for
 * its expectedRevision. An instrument may be created without a title: the "# Title" of the first Markdown imported
 * into it becomes its title (a version cannot be published while it has none).
 */
export class DraftingEdits1764289600000 implements MigrationInterface {
  name = 'DraftingEdits1764289600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE guideline ADD COLUMN revision int NOT NULL DEFAULT 1 CONSTRAINT guideline_revision_check CHECK (revision >= 1)`);
    await q.query(`ALTER TABLE instrument DROP CONSTRAINT instrument_title_check`);
    await q.query(`ALTER TABLE instrument ADD CONSTRAINT instrument_title_check CHECK (char_length(title) <= 500)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE instrument SET title = reference WHERE title = ''`);
    await q.query(`ALTER TABLE instrument DROP CONSTRAINT instrument_title_check`);
    await q.query(`ALTER TABLE instrument ADD CONSTRAINT instrument_title_check CHECK (char_length(title) BETWEEN 1 AND 500)`);
    await q.query(`ALTER TABLE guideline DROP COLUMN revision`);
  }
}
