import { MigrationInterface, QueryRunner } from 'typeorm';

const TEXT = `coalesce(body, '') || ' ' || coalesce(proposed_text, '')`;
/** The generated column's expression before this migration and after it (CommentEntity.search declares the latter). */
const ENGLISH_ONLY = `to_tsvector('english', ${TEXT})`;
const EVERY_LANGUAGE = ['tripartite_en', 'tripartite_fr', 'tripartite_es', 'french', 'spanish'].map((c) => `to_tsvector('${c}', ${TEXT})`).join(' || ');

const CONFIGURATIONS = [
  ['tripartite_en', 'english'],
  ['tripartite_fr', 'french'],
  ['tripartite_es', 'spanish'],
] as const;

/**
 * Comments are written in English, French or Spanish (comment.language) and searched across the three and across
 * accents: the search vector holds the text under a configuration per language, each folding accents (unaccent)
 * before its stemmer; and under french and spanish as written, as their stemmers know some endings only with their
 * accents ("discriminaciones" is "discrimin", "discriminación" is "discrimin" but "discriminacion" is not).
 * Needs the right to create the unaccent extension (it ships with PostgreSQL's contrib).
 */
export class CommentLanguage1764203300000 implements MigrationInterface {
  name = 'CommentLanguage1764203300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    for (const [name, language] of CONFIGURATIONS) {
      await q.query(`CREATE TEXT SEARCH CONFIGURATION ${name} (COPY = ${language})`);
      // Words with a non-ASCII letter (the ASCII token types need no folding).
      await q.query(`ALTER TEXT SEARCH CONFIGURATION ${name} ALTER MAPPING FOR hword, hword_part, word WITH unaccent, ${language}_stem`);
    }
    await q.query(`ALTER TABLE comment ADD COLUMN language text CONSTRAINT comment_language_check CHECK (language IN ('EN','FR','ES'))`);
    await this.searchColumn(q, EVERY_LANGUAGE);
  }

  async down(q: QueryRunner): Promise<void> {
    await this.searchColumn(q, ENGLISH_ONLY);
    await q.query(`ALTER TABLE comment DROP COLUMN language`);
    for (const [name] of CONFIGURATIONS) await q.query(`DROP TEXT SEARCH CONFIGURATION ${name}`);
    await q.query(`DROP EXTENSION IF EXISTS unaccent`);
  }

  /** A generated column's expression cannot be altered (before PostgreSQL 17): the column, its index and what TypeORM keeps of it, anew. */
  private async searchColumn(q: QueryRunner, expression: string): Promise<void> {
    await q.query(`ALTER TABLE comment DROP COLUMN search`);
    await q.query(`ALTER TABLE comment ADD COLUMN search tsvector GENERATED ALWAYS AS (${expression}) STORED`);
    await q.query(`CREATE INDEX comment_search_idx ON comment USING gin (search)`);
    await q.query(`UPDATE typeorm_metadata SET "value" = $1 WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'comment' AND "name" = 'search'`, [expression]);
  }
}
