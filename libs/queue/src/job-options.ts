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

/** The longest wait recordedBackoff gives an unexpected error (a database outage): the job keeps trying every so often. */
export const RECORDED_BACKOFF_MAX_MS = 60_000;

/**
 * The workers' backoff for RECORDED_BACKOFF: the recorded delay, else (an unexpected error) `delay` doubling per
 * attempt, capped at RECORDED_BACKOFF_MAX_MS (a job that has retried often would otherwise wait for days).
 */
export const recordedBackoff: BackoffStrategy = (attemptsMade, _type, err, job) => {
  if (err instanceof RetryLaterError) return Math.max(0, Math.round(err.delayMs));
  const backoff = job?.opts.backoff;
  const base = typeof backoff === 'number' ? backoff : (backoff?.delay ?? 1000);
  return Math.round(Math.min(RECORDED_BACKOFF_MAX_MS, base * 2 ** Math.min(30, Math.max(0, attemptsMade - 1))));
};

/**
 * Queue attempts beyond the tries a handler counts itself: room for unexpected errors (a database outage). Once
 * they are used up the job fails in Redis, and the reconcile retries it, since PostgreSQL says its work is undone.
 */
export const EXTRA_ATTEMPTS = 4;

export type JobOptionsConfig = Pick<AppConfig, 'webhookRetryScheduleMs' | 'emailRetryForMs' | 'EMAIL_BACKOFF_MS' | 'EMAIL_BACKOFF_MAX_MS'>;

/**
 * Retry policy per job, applied when a job is queued (BullMQ keeps it with the job). Exponential backoff with
 * jitter: attempt n waits delay * 2^(n-1), less up to `jitter` of it at random. Emails and webhook deliveries
 * decide and record their own retries in PostgreSQL (RECORDED_BACKOFF), and give up (DEAD) before the queue's
 * own limit is reached: emails after EMAIL_RETRY_FOR, deliveries after the last try of WEBHOOK_RETRY_SCHEDULE.
 */
export function jobOptions(config: JobOptionsConfig): JobOptionsMap {
  return {
    notifications: {
      'notification.fanout': { attempts: 5, backoff: { type: 'exponential', delay: 1000, jitter: 0.5 } },
    },
    emails: {
      'email.send': { attempts: emailTriesBound(config) + EXTRA_ATTEMPTS, backoff: { type: RECORDED_BACKOFF, delay: config.EMAIL_BACKOFF_MS } },
    },
    webhooks: {
      'webhook.deliver': {
        attempts: config.webhookRetryScheduleMs.length + EXTRA_ATTEMPTS,
        backoff: { type: RECORDED_BACKOFF, delay: Math.max(100, config.webhookRetryScheduleMs[1] ?? 1000) },
      },
    },
    // A decision's checkpoint waits (retrying) until the decision's events are sealed.
    maintenance: { 'audit.checkpoint': { attempts: 10, backoff: { type: 'exponential', delay: 500, jitter: 0.5 } } },
  };
}

/** At most how many tries fit in EMAIL_RETRY_FOR when every wait is its shortest (jitter takes up to 20% off). */
export function emailTriesBound(config: Pick<JobOptionsConfig, 'emailRetryForMs' | 'EMAIL_BACKOFF_MS' | 'EMAIL_BACKOFF_MAX_MS'>): number {
  let tries = 1;
  for (let waited = 0, wait = config.EMAIL_BACKOFF_MS; waited < config.emailRetryForMs; tries++) {
    waited += Math.max(1, Math.floor(Math.min(wait, config.EMAIL_BACKOFF_MAX_MS) * 0.8));
    wait *= 2;
  }
  return tries + 1; // the last try, at the end of the window
}

export function optionsFor(map: JobOptionsMap, queue: QueueName, name: string): JobsOptions {
  return (map[queue] as Record<string, JobsOptions> | undefined)?.[name] ?? {};
}
