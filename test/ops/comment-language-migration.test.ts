import type { QueryRunner } from 'typeorm';
import { CommentLanguage1764203300000 } from '../../libs/database/src/migrations/1764203300000-comment-language';
import { TestDatabase, createTestDatabase } from '../support';

/** What migration 1764203300000 changes, as the catalogues tell it. */
async function state(db: TestDatabase) {
  const [column] = await db.query<{ expression: string }>(
    `SELECT generation_expression AS expression FROM information_schema.columns WHERE table_name = 'comment' AND column_name = 'search'`,
  );
  const [index] = await db.query<{ definition: string }>(`SELECT indexdef AS definition FROM pg_indexes WHERE indexname = 'comment_search_idx'`);
  const [metadata] = await db.query<{ value: string }>(`SELECT "value" FROM typeorm_metadata WHERE "table" = 'comment' AND "name" = 'search'`);
  const configurations = await db.query<{ cfgname: string }>(`SELECT cfgname FROM pg_ts_config WHERE cfgname LIKE 'tripartite%' ORDER BY cfgname`);
  const extensions = await db.query<{ extname: string }>(`SELECT extname FROM pg_extension WHERE extname = 'unaccent'`);
  const language = await db.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'comment' AND column_name = 'language'`);
  return {
    expression: column.expression,
    index: index?.definition.replace(/^.* USING /, 'USING '),
    metadata: metadata.value,
    configurations: configurations.map((c) => c.cfgname),
    unaccent: extensions.length === 1,
    language: language.length === 1,
  };
}

describe('migration 1764203300000 (comment language)', () => {
  let db: TestDatabase;
  const migration = new CommentLanguage1764203300000();
  const runner = () => ({ query: (sql: string, params?: unknown[]) => db.query(sql, params) }) as unknown as QueryRunner;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it('goes down to English-only search without languages, and up again to the same schema', async () => {
    const migrated = await state(db);
    expect(migrated).toMatchObject({
      index: 'USING gin (search)',
      configurations: ['tripartite_en', 'tripartite_es', 'tripartite_fr'],
      unaccent: true,
      language: true,
    });
    expect(migrated.expression).toContain(`'tripartite_fr'::regconfig`);

    await migration.down(runner());
    expect(await state(db)).toEqual({
      expression: expect.not.stringContaining('tripartite'),
      index: 'USING gin (search)',
      metadata: `to_tsvector('english', coalesce(body, '') || ' ' || coalesce(proposed_text, ''))`,
      configurations: [],
      unaccent: false,
      language: false,
    });
    expect((await state(db)).expression).toContain(`'english'::regconfig`);

    await migration.up(runner());
    expect(await state(db)).toEqual(migrated);
  });
});
