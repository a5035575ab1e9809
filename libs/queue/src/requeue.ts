import { Logger } from '@nestjs/common';
import { Job, JobsOptions, Queue } from 'bullmq';
import type Redis from 'ioredis';

/** A job that PostgreSQL says should be in the queue, under the deterministic id it was first queued with. */
export interface WantedJob {
  name: string;
  jobId: string;
  data: object;
  /** How long from now until it is due (0: due now). */
  delayMs: number;
  /** Retry policy for a job added here (a retried job keeps the one it was queued with). */
  opts?: JobsOptions;
  /**
   * false: the job is past due and may have run and been removed since, so a missing one is not added
   * again; only a failed one (which did not do its work) is retried. Default true.
   */
  addIfMissing?: boolean;
}

/**
 * A reminder due at `at` (`now`: the database clock): re-added while its time is ahead. Once its time has passed it
 * is re-added, to be sent late, only with `sendLate` (see lateReminders); otherwise it is only retried if it failed.
 */
export function wantedReminder(name: string, jobId: string, data: object, at: Date, now: Date, sendLate = false): WantedJob {
  return { name, jobId, data, delayMs: at.getTime() - Date.now(), addIfMissing: at > now || sendLate };
}

export interface RequeueResult {
  /** Added because the queue did not hold them (Redis lost them). */
  added: number;
  /** Failed jobs (attempts exhausted) retried, since PostgreSQL records their work as still undone. */
  retried: number;
}

/**
 * How often a failed job whose work is undone is retried: the first time at once, then each retry waits twice as
 * long after the last failure (capped), and after `maxRetries` the job is left failed for a person to look at
 * (a job failing for a bug would otherwise run every reconcile interval for ever). The count lives beside the
 * job in Redis for `countTtlMs`, after which a job still failing gets as many tries again.
 */
export interface ReconcileRetryPolicy {
  maxRetries: number;
  firstDelayMs: number;
  maxDelayMs: number;
  countTtlMs: number;
}

export const RECONCILE_RETRY: ReconcileRetryPolicy = { maxRetries: 5, firstDelayMs: 60_000, maxDelayMs: 3_600_000, countTtlMs: 86_400_000 };

/** How long after its last failure a job that reconcile already retried `done` times waits for the next retry. */
export function reconcileRetryDelayMs(done: number, policy: ReconcileRetryPolicy = RECONCILE_RETRY): number | null {
  if (done >= policy.maxRetries) return null;
  return done === 0 ? 0 : Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (done - 1));
}

const logger = new Logger('Requeue');

/**
 * Makes the queue hold a live job for each piece of unfinished work: a missing job is added (a job added
 * meanwhile under the same id, by the relay, is kept: BullMQ ignores the second add); a failed one is retried
 * with its attempts counted afresh, when it is due and as `policy` allows; a job in any other state is left
 * alone. Each id is looked at once per call, in one round trip (on `redis`, the app's client of the queue's
 * server), so one reconcile run retries a job at most once.
 */
export async function requeueJobs(redis: Redis, queue: Queue, wanted: WantedJob[], policy = RECONCILE_RETRY): Promise<RequeueResult> {
  const result: RequeueResult = { added: 0, retried: 0 };
  const unique = [...new Map(wanted.map((w) => [w.jobId, w])).values()];
  if (!unique.length) return result;
  const pipeline = redis.pipeline();
  const failedKey = queue.toKey('failed');
  for (const w of unique) pipeline.exists(queue.toKey(w.jobId)).zscore(failedKey, w.jobId);
  const replies = (await pipeline.exec()) ?? [];
  const reply = (i: number): unknown => {
    const [error, value] = replies[i] ?? [new Error('no reply')];
    if (error) throw error;
    return value;
  };

  const missing: WantedJob[] = [];
  const failed: WantedJob[] = [];
  unique.forEach((w, i) => {
    if (!reply(2 * i)) {
      if (w.addIfMissing !== false) missing.push(w);
    } else if (reply(2 * i + 1) !== null && w.delayMs <= 0) {
      failed.push(w);
    }
  });
  if (missing.length) {
    await queue.addBulk(missing.map((w) => ({ name: w.name, data: w.data, opts: { ...w.opts, jobId: w.jobId, delay: Math.max(0, w.delayMs) } })));
    result.added = missing.length;
  }
  for (const w of failed) {
    if (await retryFailed(redis, queue, w.jobId, policy)) result.retried += 1;
  }
  return result;
}

/**
 * Moves a failed job back to waiting when the policy allows it now; false when it must wait, was given up, is
 * gone, or is no longer failed (another reconcile run got there first).
 */
async function retryFailed(redis: Redis, queue: Queue, jobId: string, policy: ReconcileRetryPolicy): Promise<boolean> {
  const job = await Job.fromId(queue, jobId);
  if (!job) return false;
  const { attemptsMade, failedReason } = job;
  const countKey = `${queue.toKey(jobId)}:reconcile-retries`;
  const done = Number((await redis.get(countKey)) ?? 0);
  const delayMs = reconcileRetryDelayMs(done, policy);
  if (delayMs === null) {
    // Said once, when the last retry has failed too.
    if (done === policy.maxRetries) {
      await redis.set(countKey, done + 1, 'PX', policy.countTtlMs);
      logger.error({ queue: queue.name, job: jobId, name: job.name, retries: done, failedReason }, 'gave up retrying a failed job whose work is still undone');
    }
    return false;
  }
  if (Date.now() - (job.finishedOn ?? 0) < delayMs) return false;
  try {
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
  } catch (error) {
    if ((await queue.getJobState(jobId)) !== 'failed') return false;
    throw error;
  }
  await redis.set(countKey, done + 1, 'PX', policy.countTtlMs);
  logger.warn(
    { queue: queue.name, job: jobId, name: job.name, attemptsMade, failedReason, retry: done + 1, of: policy.maxRetries },
    'retried a failed job whose work is still undone',
  );
  return true;
}
