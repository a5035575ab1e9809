import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import type { EntityManager } from 'typeorm';
import type { JobName, JobPayload, QueueName } from '@tripartite/queue';
import { OutboxBacklog, OutboxRepository, OutboxRow } from './repositories/outbox.repository';

export interface OutboxEntry<Q extends QueueName, N extends JobName<Q>> {
  queue: Q;
  name: N;
  payload: JobPayload<Q, N>;
  /** Deterministic BullMQ job id (deadline jobs); default: the outbox row's id. */
  jobId?: string;
  /** When the job should run; default: at once. */
  runAt?: Date;
}

/** Writes jobs into the caller's transaction; they reach BullMQ only if it commits. */
@Injectable()
export class OutboxService {
  constructor(private readonly outbox: OutboxRepository) {}

  async add<Q extends QueueName, N extends JobName<Q>>(em: EntityManager, entry: OutboxEntry<Q, N>): Promise<string> {
    const id = randomUUID();
    await this.outbox.insert(em, {
      id,
      queue: entry.queue,
      name: entry.name,
      payload: entry.payload,
      jobId: entry.jobId ?? `outbox-${id}`,
      runAt: entry.runAt ?? null,
    });
    return id;
  }

  /** For the relay: wakes `client` (a connection of its own) whenever a row is added. */
  listen(client: Pick<Client, 'query'>): Promise<void> {
    return this.outbox.listen(client);
  }

  /** For the relay: up to `limit` committed rows not yet dispatched, oldest first, locked (SKIP LOCKED) in `em`'s transaction. */
  claimPending(em: EntityManager, limit: number): Promise<OutboxRow[]> {
    return this.outbox.claimPending(em, limit);
  }

  /** For the relay, once BullMQ accepted the rows' jobs. */
  markDispatched(em: EntityManager, ids: readonly string[]): Promise<void> {
    return this.outbox.markDispatched(em, ids);
  }

  /** For the metrics: what waits to be dispatched. */
  backlog(): Promise<OutboxBacklog> {
    return this.outbox.backlog();
  }
}
