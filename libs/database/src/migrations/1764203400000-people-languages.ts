import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People's language: a user's own choice (NULL: never chosen) and an organization's default for its members who
 * never chose. The language in effect is decided in one place (effectiveLanguage, libs/domain), English last.
 */
export class PeopleLanguages1764203400000 implements MigrationInterface {
  name = 'PeopleLanguages1764203400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD COLUMN language text CHECK (language IN ('EN','FR','ES'))`);
    await q.query(`ALTER TABLE organization ADD COLUMN default_language text CHECK (default_language IN ('EN','FR','ES'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organization DROP COLUMN default_language`);
    await q.query(`ALTER TABLE app_user DROP COLUMN language`);
  }
}
