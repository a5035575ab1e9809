import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Job, Queue, Worker } from 'bullmq';
import { AppConfig } from '@tripartite/config';
import {
  JOB_HANDLER,
  JOB_NAMES,
  JobHandlerMeta,
  QUEUE_NAMES,
  QueueName,
  bullConnection,
  catalogueProblems,
} from '@tripartite/queue';

type Handler = { handle(payload: unknown, job: Job): Promise<unknown> };

/** One BullMQ worker per queue, dispatching each job to its single handler; drains on shutdown. */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobRunner.name);
  private readonly workers: Worker[] = [];
  private readonly queues: Queue[] = [];
  private readonly handlers = new Map<string, Handler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly config: AppConfig,
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
        autorun: true,
      });
      worker.on('failed', (job, err) => this.logger.warn({ job: job?.id, queue, err: err.message }, 'job failed'));
      worker.on('error', (err) => this.logger.warn({ queue, err: err.message }, 'worker connection error'));
      this.workers.push(worker);
    }
    await this.scheduleRepeatables(connection);
  }

  private concurrency(queue: QueueName): number {
    const value = Number(process.env[`WORKER_CONCURRENCY_${queue.toUpperCase()}`]);
    return Number.isInteger(value) && value > 0 ? value : 5;
  }

  private async scheduleRepeatables(connection: ReturnType<typeof bullConnection>): Promise<void> {
    const maintenance = new Queue('maintenance', { connection, prefix: this.config.QUEUE_PREFIX });
    this.queues.push(maintenance);
    maintenance.on('error', () => undefined);
    await maintenance.upsertJobScheduler('audit-seal', { every: 1000 }, { name: 'audit.seal', data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } });
  }

  private async dispatch(queue: QueueName, job: Job): Promise<unknown> {
    const handler = this.handlers.get(`${queue}/${job.name}`);
    if (!handler) throw new Error(`no handler for ${queue}/${job.name}`);
    return handler.handle(job.data, job);
  }

  /** Stops taking jobs, lets running ones finish within SHUTDOWN_TIMEOUT_MS, then closes. */
  async onApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log({ signal }, 'stopping workers');
    const bound = this.config.SHUTDOWN_TIMEOUT_MS;
    const graceful = Promise.all(this.workers.map((w) => w.close()));
    const timedOut = await Promise.race([
      graceful.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), bound).unref()),
    ]);
    if (timedOut) {
      this.logger.warn(`jobs still running after ${bound} ms; closing anyway`);
      await Promise.all(this.workers.map((w) => w.close(true)));
    }
    await Promise.all(this.queues.map((q) => q.close()));
    this.logger.log('workers stopped');
  }
}
