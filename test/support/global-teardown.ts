import { Client } from 'pg';
import { PG_SERVER } from './env';

/** Drops every database of this run (the template and any a crashed test file left). */
export default async function globalTeardown(): Promise<void> {
  const run = process.env.TRIPARTITE_TEST_RUN;
  if (!run) return;
  const client = new Client({ connectionString: `${PG_SERVER}/postgres` });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`tt\\_${run}\\_%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
