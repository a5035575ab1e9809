// The real services a fault suite breaks: a private Redis it may kill, and a database of its own.
import { ChildProcess, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import Redis from 'ioredis';
import { Client, Pool } from 'pg';
import { PG_SERVER, databaseUrl, runId, templateDatabase } from '../../support/env';
import { freePort, waitFor } from '../../ops/processes';

/** A redis-server of the suite's own (the machine's shared Redis is never touched); it keeps nothing on disk. */
export class PrivateRedis {
  private child?: ChildProcess;
  port = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts it (on the port it had before, after a kill), and waits until it answers. */
  async start(): Promise<void> {
    this.port ||= await freePort();
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', tmpdir()],
      {
        stdio: 'ignore',
      },
    );
    this.child = child;
    await waitFor(
      'the private Redis to answer',
      async () => {
        if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
        const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        client.on('error', () => undefined);
        try {
          await client.connect();
          return (await client.ping()) === 'PONG' ? true : undefined;
        } finally {
          client.disconnect();
        }
      },
      10_000,
      50,
    );
  }

  /** SIGKILL: a crash. With nothing on disk, the next start is an empty Redis. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}

/** Connections of the suite's own observers carry this name, so terminating "every connection of the app" spares them. */
export const OBSERVER_APP_NAME = 'faults-observer';

export interface SuiteDatabase {
  name: string;
  url: string;
  /** The suite's reads; retried when a connection was lost. */
  query<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Terminates every connection of the apps to this database; returns how many. */
  terminateAppConnections(): Promise<number>;
  drop(): Promise<void>;
}

async function onServer<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `${PG_SERVER}/postgres`, application_name: OBSERVER_APP_NAME });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A migrated database cloned from the run's template; the run's teardown drops it if the suite does not. */
export async function createSuiteDatabase(): Promise<SuiteDatabase> {
  const run = runId();
  const name = `tt_${run}_faults_${process.pid}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await onServer((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabase(run)}"`));
      break;
    } catch (error) {
      // Another session may be connected to the template for a moment.
      if (attempt > 30) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const url = databaseUrl(name);
  const pool = new Pool({ connectionString: url, max: 4, application_name: OBSERVER_APP_NAME });
  pool.on('error', () => undefined);
  const admin = new Client({ connectionString: `${PG_SERVER}/postgres`, application_name: OBSERVER_APP_NAME });
  admin.on('error', () => undefined);
  await admin.connect();
  return {
    name,
    url,
    async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      for (let attempt = 0; ; attempt++) {
        try {
          return (await pool.query(sql, params)).rows as T[];
        } catch (error) {
          const code = (error as { code?: string }).code;
          const lost = code === '57P01' || /terminat|Connection|ECONNRESET/i.test((error as Error).message);
          if (!lost || attempt >= 3) throw error;
        }
      }
    },
    async terminateAppConnections() {
      const { rows } = await admin.query(
        `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid() AND application_name <> $2`,
        [name, OBSERVER_APP_NAME],
      );
      return rows.filter((r) => r.done).length;
    },
    async drop() {
      await pool.end().catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
      await admin.end().catch(() => undefined);
    },
  };
}
