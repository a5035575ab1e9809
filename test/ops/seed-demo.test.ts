import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { verifyPassword } from '@tripartite/auth';
import { REDIS_URL, TestDatabase, createTestDatabase, deleteRedisKeys } from '@tripartite/testing';

const TABLES = ['organization', 'app_user', 'instrument', 'draft_version', 'section', 'guideline', 'consultation_round', 'comment', 'audit_event', 'outbox'];

describe('npm run seed:demo', () => {
  let db: TestDatabase;
  const prefix = `ttseed${process.pid}`;
  const seed = () =>
    spawnSync(process.execPath, [join(process.cwd(), 'dist', 'apps', 'cli', 'src', 'seed-demo.js')], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn', DEMO_PASSWORD: 'a demo password!' },
      encoding: 'utf8',
    });
  const counts = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`))[0].n])));

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
    await deleteRedisKeys(prefix);
  });

  it('seeds the demo cast, instruments and consultation, all with DEMO_PASSWORD, and changes nothing when run again', async () => {
    const first = seed();
    expect({ status: first.status, stderr: first.stderr }).toMatchObject({ status: 0 });

    const orgs = await db.query<{ group: string; n: number; countries: number }>(
      `SELECT "group", count(*)::int AS n, count(country_code)::int AS countries FROM organization GROUP BY "group" ORDER BY "group"`,
    );
    expect(orgs).toEqual([
      { group: 'EMPLOYERS', n: 3, countries: 2 },
      { group: 'GOVERNMENT', n: 6, countries: 6 },
      { group: 'WORKERS', n: 3, countries: 2 },
    ]);
    const roles = await db.query<{ role: string; n: number }>(`SELECT unnest(roles) AS role, count(*)::int AS n FROM app_user GROUP BY 1 ORDER BY 1`);
    expect(roles).toEqual([
      { role: 'ADMIN', n: 1 },
      { role: 'CONSTITUENT', n: 12 },
      { role: 'MODERATOR', n: 2 },
      { role: 'OBSERVER', n: 1 },
      { role: 'SECRETARIAT', n: 2 },
    ]);
    // One constituent per organization.
    const [{ orgsWithoutConstituent }] = await db.query<{ orgsWithoutConstituent: number }>(
      `SELECT count(*)::int AS "orgsWithoutConstituent" FROM organization o WHERE NOT EXISTS (SELECT 1 FROM app_user u WHERE u.organization_id = o.id)`,
    );
    expect(orgsWithoutConstituent).toBe(0);
    const hashes = await db.query<{ password_hash: string }>(`SELECT password_hash FROM app_user`);
    for (const { password_hash } of hashes) expect(await verifyPassword('a demo password!', password_hash)).toBe(true);

    const instruments = await db.query<{ reference: string; stage: string; sections: number; guidelines: number }>(
      `SELECT i.reference, i.stage,
              (SELECT count(*)::int FROM section s JOIN draft_version v ON v.id = s.version_id WHERE v.instrument_id = i.id AND v.number = 1) AS sections,
              (SELECT count(*)::int FROM guideline g JOIN draft_version v ON v.id = g.version_id WHERE v.instrument_id = i.id AND v.number = 1) AS guidelines
         FROM instrument i ORDER BY i.reference`,
    );
    expect(instruments[0]).toMatchObject({ reference: 'MFLM/2026', stage: 'CONSOLIDATION' });
    expect(instruments[0].sections).toBeGreaterThanOrEqual(6);
    expect(instruments[0].guidelines).toBeGreaterThanOrEqual(20);
    expect(instruments[1]).toMatchObject({ reference: 'PLAT/2026', stage: 'DRAFTING' });

    const before = await counts();
    const second = seed();
    expect(second.status).toBe(0);
    expect(await counts()).toEqual(before);
  }, 60_000);
});
