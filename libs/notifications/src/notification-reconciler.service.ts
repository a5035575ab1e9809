import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import type Redis from 'ioredis';
import { AppConfig } from '@tripartite/config';
import { JobOptionsMap, QueueName, Queues, jobOptions, optionsFor, requeueJobs } from '@tripartite/queue';
import { REDIS } from '@tripartite/redis';
import { emailJobId, fanoutJobId, webhookJobId } from './job-ids';
import { Keyset, NotificationEventRepository, NotificationRepository, WebhookDeliveryRepository } from './repositories';

export interface NotificationReconcileResult {
  /** Jobs added because Redis no longer had them. */
  fanouts: number;
  emails: number;
  webhooks: number;
  /** Failed jobs (attempts exhausted, e.g. on a database outage) retried because their work is still undone. */
  retried: number;
}

type Kind = Exclude<keyof NotificationReconcileResult, 'retried'>;

type Cursor = Keyset;

interface Wanted {
  queue: QueueName;
  name: string;
  jobId: string;
  payload: Record<string, string>;
  delayMs: number;
}

/** Rows per query, and queries per kind and run: a run stays small however much is unfinished. */
const PAGE = 500;
const PAGES_PER_RUN = 10;
const START: Cursor = { at: '-infinity', id: '00000000-0000-0000-0000-000000000000' };
/** Beyond WEBHOOK_TIMEOUT_MS, time for a try's own database writes. */
const TRY_MARGIN_MS = 5000;

/**
 * Self-healing of the notification pipeline after Redis lost its jobs (it keeps nothing on disk): what
 * PostgreSQL records as unfinished is queued again under the job id it was first queued with, so adding a
 * job Redis still holds changes nothing, and each handler re-reads the database, so no effect happens twice.
 * Unfinished: an event not fanned out; an email still PENDING, and a PENDING delivery of an active webhook, each
 * queued for its recorded due time (an email's BullMQ attempts may be used up long before its EMAIL_RETRY_FOR is). A delivery whose try may still be running (begun, no outcome recorded,
 * less than WEBHOOK_TIMEOUT_MS + 5 s ago) is left to a later run, since a second job could send it alongside.
 * A job that exhausted its attempts while its work stayed undone (failed in Redis, so adding it again would do
 * nothing) is retried, once per run, and not before its due time.
 * Each kind is read by keyset over a partial index, PAGE rows at a time, resuming where the last run stopped.
 */
@Injectable()
export class NotificationReconciler {
  private readonly logger = new Logger(NotificationReconciler.name);
  private readonly cursors = new Map<Kind, Cursor>();
  private readonly options: JobOptionsMap;

  constructor(
    private readonly events: NotificationEventRepository,
    private readonly notifications: NotificationRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly queues: Queues,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {
    this.options = jobOptions(config);
  }

  async reconcile(): Promise<NotificationReconcileResult> {
    const result: NotificationReconcileResult = { fanouts: 0, emails: 0, webhooks: 0, retried: 0 };
    for (const [kind, page] of [
      ['fanouts', (c: Cursor) => this.unfannedEvents(c)],
      ['emails', (c: Cursor) => this.pendingEmails(c)],
      ['webhooks', (c: Cursor) => this.dueDeliveries(c)],
    ] as const) {
      const { added, retried } = await this.sweep(kind, page);
      result[kind] = added;
      result.retried += retried;
    }
    if (result.fanouts || result.emails || result.webhooks || result.retried) this.logger.log(result, 'reconciled notification jobs');
    return result;
  }

  private async sweep(kind: Kind, page: (after: Cursor) => Promise<(Cursor & { job: Wanted })[]>): Promise<{ added: number; retried: number }> {
    let cursor = this.cursors.get(kind) ?? START;
    let added = 0;
    let retried = 0;
    for (let n = 0; n < PAGES_PER_RUN; n++) {
      const rows = await page(cursor);
      const done = await this.requeue(rows.map((r) => r.job));
      added += done.added;
      retried += done.retried;
      if (rows.length < PAGE) {
        cursor = START;
        break;
      }
      cursor = { at: rows[rows.length - 1].at, id: rows[rows.length - 1].id };
    }
    this.cursors.set(kind, cursor);
    return { added, retried };
  }

  /** Adds the jobs Redis does not hold and retries the failed ones (a job added meanwhile by the relay is kept). */
  private async requeue(wanted: Wanted[]): Promise<{ added: number; retried: number }> {
    const total = { added: 0, retried: 0 };
    for (const queue of [...new Set(wanted.map((w) => w.queue))]) {
      const done = await requeueJobs(
        this.redis,
        this.queues.get(queue),
        wanted
          .filter((w) => w.queue === queue)
          .map((w) => ({
            name: w.name,
            jobId: w.jobId,
            data: w.payload,
            delayMs: w.delayMs,
            opts: optionsFor(this.options, queue, w.name) as JobsOptions,
          })),
      );
      total.added += done.added;
      total.retried += done.retried;
    }
    return total;
  }

  private async unfannedEvents(after: Cursor): Promise<(Cursor & { job: Wanted })[]> {
    const rows = await this.events.unfanned(after, PAGE);
    return rows.map((r) => ({
      ...r,
      job: { queue: 'notifications', name: 'notification.fanout', jobId: fanoutJobId(r.eventId), payload: { eventId: r.eventId }, delayMs: 0 },
    }));
  }

  private async pendingEmails(after: Cursor): Promise<(Cursor & { job: Wanted })[]> {
    const rows = await this.notifications.pendingEmails(after, PAGE);
    return rows.map((r) => ({
      ...r,
      job: {
        queue: 'emails',
        name: 'email.send',
        jobId: emailJobId(r.eventId, r.userId, r.resends),
        payload: { eventId: r.eventId, userId: r.userId },
        delayMs: r.delayMs,
      },
    }));
  }

  private async dueDeliveries(after: Cursor): Promise<(Cursor & { job: Wanted })[]> {
    const rows = await this.deliveries.due(after, PAGE, this.config.WEBHOOK_TIMEOUT_MS + TRY_MARGIN_MS);
    return rows.map((r) => ({
      ...r,
      job: { queue: 'webhooks', name: 'webhook.deliver', jobId: webhookJobId(r.id, r.replays, r.resumes), payload: { deliveryId: r.id }, delayMs: r.delayMs },
    }));
  }
}
