// The guard every test file runs under (test/support/pg-query-guard.ts), and the test database helper it caught:
// seed-demo's counts went through one connection as a Promise.all, which pg logged as "Calling client.query()
// when the client is already executing a query".
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Transactions, dataSourceOptions } from '@tripartite/database';
import { PG_SERVER, TestDatabase, createTestDatabase } from '@tripartite/testing';
import { takeOverlappingQueries } from '../support/pg-query-guard';

describe('one statement at a time per connection', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it('the guard records a query sent to a connection that is still running one, with its SQL and caller', async () => {
    const client = new Client({ connectionString: `${PG_SERVER}/postgres` });
    await client.connect();
    try {
      const rows = await Promise.all([client.query('SELECT pg_sleep(0.05), 1 AS n'), client.query('SELECT 2 AS n')]);
      expect(rows.map((r) => r.rows[0].n)).toEqual([1, 2]);
    } finally {
      await client.end();
    }
    const found = takeOverlappingQueries();
    expect(found.map((o) => o.sql)).toEqual(['SELECT 2 AS n']);
    expect(found[0].stack).toContain('pg-query-guard.test.ts');
  });

  it("sees the apps' statements too: two sent at once inside one transaction (TypeORM's connection) are recorded", async () => {
    const dataSource = await new DataSource(dataSourceOptions(db.url)).initialize();
    try {
      const tx = new Transactions(dataSource);
      await tx.run(async ({ em }) => {
        await Promise.all([em.query(`SELECT pg_sleep(0.05)`), em.query(`SELECT 'second' AS s`)]);
      });
      // One after another, as the services write them: nothing recorded.
      await tx.run(async ({ em }) => {
        await em.query(`SELECT 1`);
        await em.query(`SELECT 2`);
      });
    } finally {
      await dataSource.destroy();
    }
    expect(takeOverlappingQueries().map((o) => o.sql)).toEqual([`SELECT 'second' AS s`]);
  });

  it("the test database's connection takes concurrent callers one after another, each with its own answer", async () => {
    const echoed = await Promise.all([1, 2, 3, 4].map(async (n) => (await db.query<{ n: number }>(`SELECT pg_sleep(0.01), $1::int AS n`, [n]))[0].n));
    expect(echoed).toEqual([1, 2, 3, 4]);
    // A failing statement does not stop the ones queued behind it.
    const [bad, good] = await Promise.allSettled([db.query(`SELECT * FROM no_such_table`), db.query<{ ok: boolean }>(`SELECT true AS ok`)]);
    expect(bad.status).toBe('rejected');
    expect(good).toEqual({ status: 'fulfilled', value: [{ ok: true }] });
    expect(takeOverlappingQueries()).toEqual([]);
  });
});
