import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Governing Body paper in French and Spanish. A submission freezes the paper in the three languages:
 * English in document_markdown/document_html as before, French and Spanish in document_translations
 * ({"FR": {"markdown", "html"}, "ES": {...}}). Papers submitted before have none and read in English.
 */
export class PaperLanguages1764203500000 implements MigrationInterface {
  name = 'PaperLanguages1764203500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gb_submission ADD COLUMN document_translations jsonb`);
    await q.query(`
      ALTER TABLE gb_submission ADD CONSTRAINT gb_submission_document_translations_check
        CHECK (document_translations IS NULL OR (document_markdown IS NOT NULL AND jsonb_typeof(document_translations) = 'object'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gb_submission DROP COLUMN document_translations`);
  }
}
