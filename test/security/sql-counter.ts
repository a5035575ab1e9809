import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';

const COUNTED = Symbol('sql-counter');

interface PgClient {
  query: (...args: unknown[]) => unknown;
  [COUNTED]?: true;
}

interface PgPool {
  _clients: PgClient[];
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  on(event: 'connect' | 'acquire', listener: (client: PgClient) => void): void;
}

/**
 * Counts the SQL statements the API sends to PostgreSQL. Every statement TypeORM runs (repositories,
 * dataSource.query, query runners, transactions with their BEGIN and COMMIT) goes through a client of
 * the driver's one pg Pool (`driver.master`), so each client's `query` is wrapped: those in the pool
 * now, and any the pool creates or hands out later ('connect', 'acquire'). The test's own database
 * client is another pg Client and is not counted. The API process runs no SQL in the background (the
 * outbox relay and the jobs live in the worker), so what is counted while one request runs is that
 * request's.
 */
export class SqlCounter {
  private readonly seen: string[] = [];
  private readonly pool: PgPool;

  constructor(app: INestApplication) {
    this.pool = (app.get(DataSource).driver as unknown as { master: PgPool }).master;
    const wrap = (client: PgClient) => {
      if (client[COUNTED]) return;
      const query = client.query;
      const seen = this.seen;
      client.query = function (this: unknown, ...args: unknown[]) {
        const first = args[0] as string | { text?: string };
        seen.push(typeof first === 'string' ? first : String(first?.text ?? first));
        return query.apply(this, args);
      };
      client[COUNTED] = true;
    };
    this.pool._clients.forEach(wrap);
    this.pool.on('connect', wrap);
    this.pool.on('acquire', wrap);
  }

  /** The statements sent while `fn` ran (after every client went back to the pool). */
  async during<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    await this.idle();
    const start = this.seen.length;
    const result = await fn();
    await this.idle();
    return { result, statements: this.seen.slice(start) };
  }

  private async idle(): Promise<void> {
    for (let i = 0; i < 100 && (this.pool.totalCount !== this.pool.idleCount || this.pool.waitingCount > 0); i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}
