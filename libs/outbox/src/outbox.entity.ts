import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { QueueName } from '@tripartite/queue';

/**
 * Migration 1764202100000-outbox: a job implied by a committed change, written in the change's transaction; the
 * worker's relay moves it to BullMQ. The statement trigger outbox_notify (pg_notify('outbox') at commit, which wakes
 * the relay) is the migration's: TypeORM does not describe triggers.
 */
@Entity('outbox')
// BullMQ refuses ':' in a job id, and an all-digit id would collide with its own counter.
@Check('outbox_job_id_check', `job_id !~ ':' AND job_id !~ '^[0-9]+$'`)
@Index('outbox_pending_idx', ['createdAt'], { where: 'dispatched_at IS NULL' })
export class OutboxEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  queue: QueueName;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload: Record<string, unknown>;

  /** BullMQ's job id: a deterministic one (deadline jobs), else `outbox-<id>`. */
  @Column({ type: 'text' })
  jobId: string;

  /** When the job is due; null: at once. */
  @Column({ type: 'timestamptz', nullable: true })
  runAt: Date | null;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  /** Set once BullMQ accepted the job. */
  @Column({ type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;
}
