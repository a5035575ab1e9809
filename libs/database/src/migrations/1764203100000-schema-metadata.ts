import { MigrationInterface, QueryRunner } from 'typeorm';

/** The generated column's expression as it stood at this migration (CommentEntity.search declares it; the drift test compares). */
const COMMENT_SEARCH_EXPRESSION = `to_tsvector('english', coalesce(body, '') || ' ' || coalesce(proposed_text, ''))`;

/**
 * TypeORM reads what it knows of generated columns from its own table, typeorm_metadata (by database, schema,
 * table and column); without it the schema cannot be compared with the entities. Written here as TypeORM writes it.
 */
export class SchemaMetadata1764203100000 implements MigrationInterface {
  name = 'SchemaMetadata1764203100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE IF NOT EXISTS typeorm_metadata (
      "type" varchar NOT NULL, "database" varchar, "schema" varchar, "table" varchar, "name" varchar, "value" text)`);
    await q.query(
      `INSERT INTO typeorm_metadata ("type", "database", "schema", "table", "name", "value")
       VALUES ('GENERATED_COLUMN', current_database(), current_schema(), 'comment', 'search', $1)`,
      [COMMENT_SEARCH_EXPRESSION],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM typeorm_metadata WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'comment' AND "name" = 'search'`);
  }
}
