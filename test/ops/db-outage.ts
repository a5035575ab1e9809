import { Client } from 'pg';
import { PG_SERVER } from '@tripartite/testing';

async function asAdmin(fn: (c: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: `${PG_SERVER}/postgres` });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Makes one database unreachable for the apps, as an outage would: new connections are refused
 * and the apps' open ones (application_name 'tripartite') are cut. The test's own connections stay.
 */
export async function cutDatabase(name: string): Promise<void> {
  await asAdmin(async (c) => {
    await c.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'tripartite'`, [name]);
  });
}

export async function restoreDatabase(name: string): Promise<void> {
  await asAdmin((c) => c.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`));
}
