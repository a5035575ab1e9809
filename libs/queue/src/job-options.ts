import type { BackoffStrategy, JobsOptions } from 'bullmq';
import type { AppConfig } from '@tripartite/config';
import type { JobName, QueueName } from './job-catalogue';

export type JobOptionsMap = { [Q in QueueName]?: { [N in JobName<Q>]?: JobsOptions } };

/** A backoff type whose delay the handler decides: the one its RetryLaterError carries. */
export const RECORDED_BACKOFF = 'recorded';

/**
 * Thrown by a handler that has recorded (in PostgreSQL) when its job is due again, so that the queue
 * waits exactly that long and a job re-created from the database after a Redis loss keeps the due time.
 */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

/** The workers' backoff for RECORDED_BACKOFF: the recorded delay, else (an unexpected error) `delay` doubling per attempt. */
export const recordedBackoff: BackoffStrategy = (attemptsMade, _type, err, job) => {
  if (err instanceof RetryLaterError) return Math.max(0, Math.round(err.delayMs));
  const backoff = job?.opts.backoff;
  const base = typeof backoff === 'number' ? backoff : (backoff?.delay ?? 1000);
  return Math.round(base * 2 ** Math.max(0, attemptsMade - 1));
};

/**
 * Retry policy per job, applied when a job is queued (BullMQ keeps it with the job).
 * Exponential backoff with jitter: attempt n waits delay * 2^(n-1), less up to `jitter` of it at random.
 * Webhook deliveries decide and record their own backoff (RECORDED_BACKOFF); the deliverer, counting in the
 * database, dead-letters at WEBHOOK_MAX_ATTEMPTS before the queue's own limit is reached.
 */
export function jobOptions(config: Pick<AppConfig, 'WEBHOOK_MAX_ATTEMPTS' | 'WEBHOOK_BACKOFF_MS'>): JobOptionsMap {
  return {
    notifications: {
      'notification.fanout': { attempts: 5, backoff: { type: 'exponential', delay: 1000, jitter: 0.5 } },
      'email.send': { attempts: 5, backoff: { type: 'exponential', delay: 5000, jitter: 0.5 } },
      'webhook.deliver': { attempts: config.WEBHOOK_MAX_ATTEMPTS, backoff: { type: RECORDED_BACKOFF, delay: config.WEBHOOK_BACKOFF_MS } },
    },
    // A decision's checkpoint waits (retrying) until the decision's events are sealed.
    maintenance: { 'audit.checkpoint': { attempts: 10, backoff: { type: 'exponential', delay: 500, jitter: 0.5 } } },
  };
}

export function optionsFor(map: JobOptionsMap, queue: QueueName, name: string): JobsOptions {
  return (map[queue] as Record<string, JobsOptions> | undefined)?.[name] ?? {};
}
