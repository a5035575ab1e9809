import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { AppConfig } from '@tripartite/config';
import { jobDuration, jobFailures } from '@tripartite/health';
import {
  JOB_HANDLER,
  JOB_NAMES,
  JobHandlerMeta,
  QUEUE_NAMES,
  QueueName,
  Queues,
  bullConnection,
  catalogueProblems,
  jobOptions,
  optionsFor,
  recordedBackoff,
} from '@tripartite/queue';

const SCHEDULER_CHECK_MS = 5000;
// How often the checkpoint job looks whether one is due (AUDIT_CHECKPOINT_INTERVAL when shorter).
const CHECKPOINT_CHECK_MS = 60_000;
// Handlers are idempotent, so a job cut short by a crash runs again. BullMQ's default (1) fails a job for good the
// second time a crash catches it running, and its effect (a fan-out, a webhook delivery) is lost with no dead letter.
const MAX_STALLS = 10;

/** Each queue's setting (libs/config validates it; the record's type makes a new queue name its own). */
const CONCURRENCY_SETTING: Record<QueueName, keyof AppConfig & `WORKER_CONCURRENCY_${string}`> = {
  deadlines: 'WORKER_CONCURRENCY_DEADLINES',
  notifications: 'WORKER_CONCURRENCY_NOTIFICATIONS',
  emails: 'WORKER_CONCURRENCY_EMAILS',
  webhooks: 'WORKER_CONCURRENCY_WEBHOOKS',
  maintenance: 'WORKER_CONCURRENCY_MAINTENANCE',
};

type Handler = { handle(payload: unknown, job: Job): Promise<unknown> };

/** One BullMQ worker per queue, dispatching each job to its single handler; drains on shutdown. */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobRunner.name);
  private readonly workers: Worker[] = [];
  private schedulerTimer: NodeJS.Timeout | null = null;
  private readonly handlers = new Map<string, Handler>();
  private running = 0;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly config: AppConfig,
    private readonly queues: Queues,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const metas: JobHandlerMeta[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const meta = wrapper.metatype && Reflect.getMetadata(JOB_HANDLER, wrapper.metatype);
      if (!meta || !wrapper.instance) continue;
      metas.push(meta);
      this.handlers.set(`${meta.queue}/${meta.name}`, wrapper.instance as Handler);
    }
    const problems = catalogueProblems(JOB_NAMES, metas);
    if (problems.length) throw new Error(`Job catalogue check failed: ${problems.join('; ')}`);

    const connection = bullConnection(this.config.REDIS_URL);
    for (const queue of QUEUE_NAMES) {
      const worker = new Worker(queue, (job) => this.dispatch(queue, job), {
        connection,
        prefix: this.config.QUEUE_PREFIX,
        concurrency: this.concurrency(queue),
        // How soon a job whose worker died (SIGKILL, crash) runs again elsewhere.
        lockDuration: this.config.JOB_LOCK_DURATION_MS,
        stalledInterval: this.config.JOB_STALLED_INTERVAL_MS,
        maxStalledCount: MAX_STALLS,
        // RECORDED_BACKOFF jobs wait the delay their handler recorded in the database.
        settings: { backoffStrategy: recordedBackoff },
        autorun: true,
      });
      worker.on('failed', (job, err) => this.logger.warn({ job: job?.id, queue, err: err.message }, 'job failed'));
      worker.on('error', (err) => this.logger.warn({ queue, err: err.message }, 'worker connection error'));
      this.workers.push(worker);
    }
    // Not awaited: with Redis away the worker still starts (readiness says so) and schedules once it returns.
    void this.ensureSchedulers();
    const every = Math.min(SCHEDULER_CHECK_MS, Math.max(1000, this.config.RECONCILE_INTERVAL_MS));
    this.schedulerTimer = setInterval(() => void this.ensureSchedulers(), every);
  }

  private concurrency(queue: QueueName): number {
    return this.config[CONCURRENCY_SETTING[queue]] as number;
  }

  /** Idempotent; re-run periodically because Redis here keeps nothing on disk (a restart drops schedulers). */
  private async ensureSchedulers(): Promise<void> {
    const maintenance = this.queues.get('maintenance');
    const schedulers = [
      { id: 'audit-seal', every: 1000, name: 'audit.seal' },
      { id: 'audit-checkpoint', every: Math.min(CHECKPOINT_CHECK_MS, this.config.auditCheckpointIntervalMs), name: 'audit.checkpoint' },
      { id: 'deadlines-reconcile', every: this.config.RECONCILE_INTERVAL_MS, name: 'deadlines.reconcile' },
    ].filter((s) => (JOB_NAMES.maintenance as readonly string[]).includes(s.name));
    const options = jobOptions(this.config);
    try {
      for (const s of schedulers) {
        const opts = { ...optionsFor(options, 'maintenance', s.name), removeOnComplete: true, removeOnFail: 100 };
        await maintenance.upsertJobScheduler(s.id, { every: s.every }, { name: s.name, data: {}, opts });
      }
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'cannot schedule repeatable jobs yet; retrying');
    }
  }

  private async dispatch(queue: QueueName, job: Job): Promise<unknown> {
    const handler = this.handlers.get(`${queue}/${job.name}`);
    // A job an older version queued where this one no longer runs it (email.send and webhook.deliver left the
    // notifications queue): failed at once, not retried; the reconcile queues its work again where it runs now.
    if (!handler) throw new UnrecoverableError(`no handler for ${queue}/${job.name}`);
    this.running += 1;
    const end = jobDuration.startTimer({ queue, name: job.name });
    try {
      const result = await handler.handle(job.data, job);
      end({ outcome: 'completed' });
      return result;
    } catch (error) {
      end({ outcome: 'failed' });
      jobFailures.inc({ queue, name: job.name });
      throw error;
    } finally {
      this.running -= 1;
    }
  }

  /**
   * Stops taking jobs, lets running ones finish within SHUTDOWN_TIMEOUT_MS, then closes.
   * Before (not on) shutdown: the database and Redis close in onApplicationShutdown, and running jobs need them.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.logger.log({ running: this.running }, 'stopped taking jobs; waiting for running ones');
    const bound = this.config.SHUTDOWN_TIMEOUT_MS;
    const graceful = Promise.all(this.workers.map((w) => w.close()));
    const timedOut = await Promise.race([graceful.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), bound).unref())]);
    if (timedOut) {
      this.logger.warn(`jobs still running after ${bound} ms; closing anyway`);
      await Promise.all(this.workers.map((w) => w.close(true)));
    }
    if (this.schedulerTimer) clearInterval(this.schedulerTimer);
    this.logger.log({ running: this.running }, 'workers stopped');
  }
}
