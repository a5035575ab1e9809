import { Injectable } from '@nestjs/common';
import type { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { selectList } from '@tripartite/database';
import { OutboxEntity } from '../outbox.entity';

export type OutboxRow = OutboxEntity;

export interface NewOutboxRow {
  id: string;
  queue: string;
  name: string;
  payload: unknown;
  jobId: string;
  runAt: Date | null;
}

/** Rows not yet moved to BullMQ, and how long the oldest has waited. */
export interface OutboxBacklog {
  pending: number;
  oldestAgeSeconds: number;
}

/** The outbox table: written in the writers' transactions, drained by the worker's relay. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  private columns(alias: string): string {
    return selectList(this.dataSource, OutboxEntity, alias);
  }

  async insert(em: EntityManager, row: NewOutboxRow): Promise<void> {
    await em.query(`INSERT INTO outbox (id, queue, name, payload, job_id, run_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      row.id,
      row.queue,
      row.name,
      JSON.stringify(row.payload),
      row.jobId,
      row.runAt,
    ]);
  }

  /** The oldest pending rows, locked; rows another relay holds are skipped. */
  claimPending(em: EntityManager, limit: number): Promise<OutboxRow[]> {
    return em.query(
      `SELECT ${this.columns('o')} FROM outbox o WHERE o.dispatched_at IS NULL
        ORDER BY o.created_at LIMIT ${Number(limit)} FOR UPDATE SKIP LOCKED`,
    );
  }

  async markDispatched(em: EntityManager, ids: readonly string[]): Promise<void> {
    await em.query(`UPDATE outbox SET dispatched_at = clock_timestamp() WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async backlog(): Promise<OutboxBacklog> {
    const [row]: { pending: number; age: string | number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS pending, coalesce(extract(epoch FROM clock_timestamp() - min(created_at)), 0) AS age
         FROM outbox WHERE dispatched_at IS NULL`,
    );
    return { pending: row.pending, oldestAgeSeconds: Number(row.age) };
  }

  /** Subscribes a dedicated connection to the NOTIFY that the outbox table's insert trigger sends (the migration's channel). */
  async listen(client: Pick<Client, 'query'>): Promise<void> {
    await client.query('LISTEN outbox');
  }
}
