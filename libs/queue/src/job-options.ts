import type { JobsOptions } from 'bullmq';
import type { AppConfig } from '@tripartite/config';
import type { JobName, QueueName } from './job-catalogue';

export type JobOptionsMap = { [Q in QueueName]?: { [N in JobName<Q>]?: JobsOptions } };

/**
 * Retry policy per job, applied when a job is queued (BullMQ keeps it with the job).
 * Exponential backoff with jitter: attempt n waits delay * 2^(n-1), less up to `jitter` of it at random.
 */
export function jobOptions(config: Pick<AppConfig, 'WEBHOOK_MAX_ATTEMPTS' | 'WEBHOOK_BACKOFF_MS'>): JobOptionsMap {
  return {
    notifications: {
      'notification.fanout': { attempts: 5, backoff: { type: 'exponential', delay: 1000, jitter: 0.5 } },
      'email.send': { attempts: 5, backoff: { type: 'exponential', delay: 5000, jitter: 0.5 } },
      'webhook.deliver': {
        attempts: config.WEBHOOK_MAX_ATTEMPTS,
        // Jitter of at most 20%: spreads retries, and each gap still exceeds the previous one.
        backoff: { type: 'exponential', delay: config.WEBHOOK_BACKOFF_MS, jitter: 0.2 },
      },
    },
  };
}

export function optionsFor(map: JobOptionsMap, queue: QueueName, name: string): JobsOptions {
  return (map[queue] as Record<string, JobsOptions> | undefined)?.[name] ?? {};
}
