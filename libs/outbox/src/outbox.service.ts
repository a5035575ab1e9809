import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { JobName, JobPayload, QueueName } from '@tripartite/queue';

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
  async add<Q extends QueueName, N extends JobName<Q>>(em: EntityManager, entry: OutboxEntry<Q, N>): Promise<string> {
    const id = randomUUID();
    await em.query(`INSERT INTO outbox (id, queue, name, payload, job_id, run_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      id,
      entry.queue,
      entry.name,
      JSON.stringify(entry.payload),
      entry.jobId ?? `outbox-${id}`,
      entry.runAt ?? null,
    ]);
    return id;
  }
}
