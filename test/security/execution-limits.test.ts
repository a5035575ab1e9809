import { Client } from 'pg';
import { People, TestApi, errorOf, ok, seedPeople, startApi } from '@tripartite/testing';
import { SqlCounter } from './sql-counter';

// The tables locked here are none that signing in or the session check reads.
const INSTRUMENTS = `{ instruments { id reference } }`;

/** Polls `check` until it holds (a failure detector bounds it; no fixed wait stands for the signal). */
async function until(what: string, check: () => Promise<boolean>, boundMs = 15_000): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A connection of the test's own that holds an exclusive lock on a table until released. */
async function lockTable(url: string, table: string): Promise<{ release(): Promise<void> }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  return {
    async release() {
      await client.query('COMMIT');
      await client.end();
    },
  };
}

/** Statements of other sessions of this database waiting on a lock. */
async function waitingOnLocks(api: TestApi): Promise<number> {
  const [row] = await api.db.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
  );
  return Number(row.n);
}

async function heavyWaiting(api: TestApi): Promise<number> {
  const text = await (await fetch(`${api.url}/metrics`)).text();
  const m = /tripartite_graphql_heavy_queries\{state="waiting"\} (\d+)/.exec(text);
  return m ? Number(m[1]) : 0;
}

async function apiWith(env: Record<string, string>): Promise<{ api: TestApi; people: People; admin: string; secretariat: string }> {
  const api = await startApi(env);
  const people = await seedPeople(api.app);
  return { api, people, admin: await api.login(people.admin.email), secretariat: await api.login(people.secretariat.email) };
}

describe('a request that outlasts REQUEST_TIMEOUT_MS', () => {
  let api: TestApi;
  let secretariat: string;

  beforeAll(async () => ({ api, secretariat } = await apiWith({ REQUEST_TIMEOUT_MS: '1500' })));
  afterAll(() => api.close());

  it('cancels a statement that runs past REQUEST_TIMEOUT_MS: the answer says so, and the write is not half-done', async () => {
    const audit = async () => Number((await api.db.query<{ n: string }>(`SELECT count(*) AS n FROM audit_event`))[0].n);
    const before = await audit();
    const lock = await lockTable(api.db.url, 'instrument');
    let res;
    try {
      res = await api.gql(`mutation { createInstrument(input: { reference: "HELD/1", title: "Held up" }) { id } }`, {}, secretariat);
    } finally {
      await lock.release();
    }
    expect(errorOf(res)).toMatchObject({ code: 'QUERY_TOO_COMPLEX', extensions: { kind: 'time', limit: 1500 } });
    expect(JSON.stringify(res.errors)).not.toMatch(/canceling statement|SQL|instrument_reference/i);
    expect(await api.db.query(`SELECT 1 FROM instrument WHERE reference = 'HELD/1'`)).toEqual([]);
    expect(await audit()).toBe(before);
  });
});

describe('the costliest queries', () => {
  let api: TestApi;
  let people: People;
  let admin: string;

  // Every instruments list is "heavy" here (priced at 1 + 100 x 2), and one runs at a time; no deadline
  // cuts the test short.
  beforeAll(async () => ({ api, people, admin } = await apiWith({ GRAPHQL_HEAVY_COST: '50', GRAPHQL_HEAVY_CONCURRENCY: '1', REQUEST_TIMEOUT_MS: '120000' })));
  afterAll(() => api.close());

  it('take turns, while small queries and health keep answering', async () => {
    const sql = new SqlCounter(api.app);
    const lock = await lockTable(api.db.url, 'instrument');
    const heavy: Promise<unknown>[] = [];
    try {
      const { statements } = await sql.during(async () => {
        // The first takes the only slot and waits on the lock in PostgreSQL.
        heavy.push(api.gql(INSTRUMENTS, {}, admin));
        await until('the first heavy query to wait on the lock', async () => (await waitingOnLocks(api)) === 1);
        // The second waits for the slot, without sending any SQL.
        heavy.push(api.gql(INSTRUMENTS, {}, admin));
        await until('the second heavy query to wait for its turn', async () => (await heavyWaiting(api)) === 1);
        // Meanwhile the api answers everyone else.
        expect(ok(await api.gql(`{ me { id } }`, {}, admin)).me.id).toBe(people.admin.id);
        expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
        expect(await waitingOnLocks(api)).toBe(1);
      });
      expect(statements.filter((s) => /FROM "?instrument"?\b/i.test(s))).toHaveLength(1);
    } finally {
      await lock.release();
    }
    // Once the lock is gone both are answered, one after the other.
    const answers = (await Promise.all(heavy)) as { data: { instruments: unknown[] } }[];
    expect(answers.map((a) => a.data.instruments)).toEqual([[], []]);
    expect(await heavyWaiting(api)).toBe(0);
  });
});
