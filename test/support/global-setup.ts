import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { PG_SERVER, databaseUrl, templateDatabase } from './env';

/** Builds one migrated template database per run; each test file clones it (CREATE DATABASE ... TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  const run = `${Date.now()}_${process.pid}`;
  process.env.TRIPARTITE_TEST_RUN = run;
  const migrate = join(process.cwd(), 'dist', 'apps', 'cli', 'src', 'migrate.js');
  if (!existsSync(migrate)) throw new Error('dist/ is missing: run the tests with `npm test`, which builds first');
  await dropStale();
  const result = spawnSync(process.execPath, [migrate], {
    env: { ...process.env, DATABASE_URL: databaseUrl(templateDatabase(run)), LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`migrating the template database failed:\n${result.stdout}\n${result.stderr}`);
}

/** Databases left by runs that were killed more than an hour ago. */
async function dropStale(): Promise<void> {
  const client = new Client({ connectionString: `${PG_SERVER}/postgres` });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'tt\\_%'`);
    const hourAgo = Date.now() - 3600_000;
    for (const { datname } of rows) {
      const started = Number(datname.split('_')[1]);
      if (Number.isFinite(started) && started < hourAgo) {
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
      }
    }
  } finally {
    await client.end();
  }
}
