import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { PG_SERVER, databaseUrl, runId, templateDatabase } from './env';

let counter = 0;

export interface TestDatabase {
  name: string;
  url: string;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `${PG_SERVER}/postgres` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database for one test file, cloned from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const run = runId();
  // The counter starts again in every test file (jest's module registry): the random part keeps a file whose
  // predecessor in this worker could not drop its database from colliding with it.
  const name = `tt_${run}_w${process.env.JEST_WORKER_ID ?? '0'}_${process.pid}_${++counter}_${randomBytes(3).toString('hex')}`;
  // CREATE DATABASE ... TEMPLATE fails while another session is connected to the template; retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabase(run)}"`));
      break;
    } catch (error) {
      if (attempt > 20) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const url = databaseUrl(name);
  const client = new Client({ connectionString: url });
  await client.connect();
  // One connection, so one statement at a time whoever calls (a Promise.all of counts, say): pg@9 refuses
  // a query sent while another is running, and pg@8 warns about it.
  let previous: Promise<unknown> = Promise.resolve();
  return {
    name,
    url,
    async query<T>(sql: string, params: unknown[] = []) {
      const result = previous.then(() => client.query(sql, params));
      previous = result.catch(() => undefined);
      return (await result).rows as T[];
    },
    async drop() {
      await client.end();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
