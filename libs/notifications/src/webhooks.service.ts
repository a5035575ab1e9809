import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@tripartite/audit';
import { Actor, AppError, FieldErrors, hasRole } from '@tripartite/common';
import { CAPACITY, capacityMessage } from '@tripartite/domain';
import { AppConfig } from '@tripartite/config';
import { Transactions } from '@tripartite/database';
import { OutboxService } from '@tripartite/outbox';
import { webhookJobId } from './job-ids';
import { ALL_KINDS, isNotificationKind, isUuid } from './kinds';
import { assertPublicHost, hostOf, NonPublicAddressError } from './webhook-address';

export interface WebhookRow {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: Date;
  deletedAt: Date | null;
}

export interface DeadLetterRow {
  id: string;
  webhookId: string;
  deliveryId: string;
  kind: string;
  attempts: number;
  lastError: string | null;
  lastStatus: number | null;
  failedAt: Date;
  replayedAt: Date | null;
}

export interface RegisterWebhookInput {
  url: string;
  events: string[];
  secret: string;
}

const SECRET_MIN = 16;
const SECRET_MAX = 500;
const URL_MAX = 2000;

const WEBHOOK_COLUMNS = `id, url, events, active, created_at AS "createdAt", deleted_at AS "deletedAt"`;
/** Beyond WEBHOOK_TIMEOUT_MS, time for a try's own database writes (as in the reconcile). */
const TRY_MARGIN_MS = 5000;
const DEAD_LETTER_COLUMNS = `id, webhook_id AS "webhookId", delivery_id AS "deliveryId", kind, attempts, last_error AS "lastError",
  last_status AS "lastStatus", failed_at AS "failedAt", replayed_at AS "replayedAt"`;

/**
 * Webhooks as an admin manages them: registration (with the address rules), pausing and resuming, deletion,
 * dead letters, replay. Deletion is soft: the webhook's deliveries and dead letters stay readable (for the audit
 * trail), its deliveries still owed are CANCELLED, and it is no longer listed, delivered to or replayable.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly tx: Transactions,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  /** Private, loopback and link-local targets are refused in production unless WEBHOOK_ALLOW_PRIVATE. */
  get publicOnly(): boolean {
    return this.config.isProduction && !this.config.WEBHOOK_ALLOW_PRIVATE;
  }

  async register(actor: Actor, input: RegisterWebhookInput): Promise<WebhookRow> {
    this.requireAdmin(actor);
    const errors = new FieldErrors();
    const url = parseHttpUrl(input.url);
    errors.check(url !== null, 'url', 'must be an http:// or https:// URL');
    errors.check(input.url.length <= URL_MAX, 'url', `must be at most ${URL_MAX} characters`);
    const events = [...new Set(input.events.map((e) => e.trim()))];
    errors.check(events.length > 0, 'events', 'must name at least one notification kind, or "*"');
    input.events.forEach((e, i) => errors.check(e.trim() === ALL_KINDS || isNotificationKind(e.trim()), `events[${i}]`, 'is not a notification kind or "*"'));
    errors.check(input.secret.length >= SECRET_MIN, 'secret', `must be at least ${SECRET_MIN} characters`);
    errors.check(input.secret.length <= SECRET_MAX, 'secret', `must be at most ${SECRET_MAX} characters`);
    if (url && this.publicOnly) {
      try {
        await assertPublicHost(hostOf(url));
      } catch (error) {
        errors.add(
          'url',
          error instanceof NonPublicAddressError ? 'must not point to a private, loopback or link-local address' : 'names a host that does not resolve',
        );
      }
    }
    errors.throwIfAny();
    return this.tx.run(async ({ em }) => {
      // Deleted webhooks are kept (soft delete) but no longer count.
      const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM webhook WHERE deleted_at IS NULL`);
      if (n >= CAPACITY.webhooks)
        throw AppError.badInput([{ field: 'url', message: `the system ${capacityMessage(CAPACITY.webhooks, 'webhooks')}; delete one first` }]);
      const [webhook]: WebhookRow[] = await em.query(
        `INSERT INTO webhook (url, events, secret, created_by) VALUES ($1, $2, $3, $4) RETURNING ${WEBHOOK_COLUMNS}`,
        [url!.href, events, input.secret, actor.userId],
      );
      await this.audit.record(em, actor, 'webhook.registered', 'Webhook', webhook.id, { url: webhook.url, events });
      return webhook;
    });
  }

  list(actor: Actor): Promise<WebhookRow[]> {
    this.requireAdmin(actor);
    return this.dataSource.query(`SELECT ${WEBHOOK_COLUMNS} FROM webhook WHERE deleted_at IS NULL ORDER BY created_at, id`);
  }

  byIds(ids: readonly string[]): Promise<WebhookRow[]> {
    const valid = ids.filter(isUuid);
    return valid.length ? this.dataSource.query(`SELECT ${WEBHOOK_COLUMNS} FROM webhook WHERE id = ANY($1::uuid[])`, [valid]) : Promise.resolve([]);
  }

  /** Newest first. */
  deadLetters(actor: Actor, first: number): Promise<DeadLetterRow[]> {
    this.requireAdmin(actor);
    return this.dataSource.query(`SELECT ${DEAD_LETTER_COLUMNS} FROM webhook_dead_letter ORDER BY failed_at DESC, id DESC LIMIT $1`, [first]);
  }

  /**
   * Sends a dead-lettered delivery again: same delivery id and body, a fresh set of tries
   * (a new job id), queued through the outbox with the dead letter marked replayed.
   */
  async replay(actor: Actor, deadLetterId: string): Promise<boolean> {
    this.requireAdmin(actor);
    if (!isUuid(deadLetterId)) throw AppError.notFound('WebhookDeadLetter', deadLetterId);
    return this.tx.run(async ({ em }) => {
      const [letter]: { deliveryId: string; replayedAt: Date | null; status: string; deleted: boolean }[] = await em.query(
        `SELECT dl.delivery_id AS "deliveryId", dl.replayed_at AS "replayedAt", d.status, w.deleted_at IS NOT NULL AS deleted
           FROM webhook_dead_letter dl JOIN webhook_delivery d ON d.id = dl.delivery_id JOIN webhook w ON w.id = d.webhook_id
          WHERE dl.id = $1 FOR UPDATE OF dl, d FOR SHARE OF w`,
        [deadLetterId],
      );
      if (!letter) throw AppError.notFound('WebhookDeadLetter', deadLetterId);
      if (letter.deleted) throw AppError.conflict('The webhook of this dead letter has been deleted');
      if (letter.replayedAt || letter.status !== 'DEAD') throw AppError.conflict('This dead letter has already been replayed');
      const [[delivery]]: [{ replays: number; resumes: number }[]] = await em.query(
        `UPDATE webhook_delivery SET status = 'PENDING', replays = replays + 1, cycle_attempts = 0, next_attempt_at = clock_timestamp()
          WHERE id = $1 RETURNING replays, resumes`,
        [letter.deliveryId],
      );
      await em.query(`UPDATE webhook_dead_letter SET replayed_at = clock_timestamp(), replayed_by = $2 WHERE id = $1`, [deadLetterId, actor.userId]);
      await this.outbox.add(em, {
        queue: 'webhooks',
        name: 'webhook.deliver',
        payload: { deliveryId: letter.deliveryId },
        jobId: webhookJobId(letter.deliveryId, delivery.replays, delivery.resumes),
      });
      await this.audit.record(em, actor, 'webhook.delivery-replayed', 'WebhookDelivery', letter.deliveryId, { deadLetterId, replay: delivery.replays });
      return true;
    });
  }

  /**
   * Pauses or resumes a webhook. Paused, it gets no deliveries for new events, and those it is owed wait untried
   * (their jobs do nothing when due). Resumed, each delivery it is owed is queued again under a new job, due when
   * its schedule said, or at once if that time has passed, with the tries it had left. Audited when it changes.
   */
  async setActive(actor: Actor, webhookId: string, active: boolean): Promise<WebhookRow> {
    this.requireAdmin(actor);
    if (!isUuid(webhookId)) throw AppError.notFound('Webhook', webhookId);
    return this.tx.run(async ({ em }) => {
      const [before]: { active: boolean }[] = await em.query(`SELECT active FROM webhook WHERE id = $1 AND deleted_at IS NULL FOR UPDATE`, [webhookId]);
      if (!before) throw AppError.notFound('Webhook', webhookId);
      if (before.active !== active) {
        await em.query(`UPDATE webhook SET active = $2 WHERE id = $1`, [webhookId, active]);
        let resumed = 0;
        if (active) {
          // A try still running when the webhook was paused has until WEBHOOK_TIMEOUT_MS (and a margin) to end first.
          const [rows]: [{ id: string; replays: number; resumes: number; dueAt: Date }[]] = await em.query(
            `UPDATE webhook_delivery SET resumes = resumes + 1
              WHERE webhook_id = $1 AND status = 'PENDING'
              RETURNING id, replays, resumes,
                        greatest(clock_timestamp(), next_attempt_at,
                                 attempt_started_at + make_interval(secs => $2::float8 / 1000)) AS "dueAt"`,
            [webhookId, this.config.WEBHOOK_TIMEOUT_MS + TRY_MARGIN_MS],
          );
          for (const row of rows) {
            await this.outbox.add(em, {
              queue: 'webhooks',
              name: 'webhook.deliver',
              payload: { deliveryId: row.id },
              jobId: webhookJobId(row.id, row.replays, row.resumes),
              runAt: row.dueAt,
            });
          }
          resumed = rows.length;
        }
        await this.audit.record(em, actor, active ? 'webhook.activated' : 'webhook.deactivated', 'Webhook', webhookId, active ? { resumed } : {});
      }
      const [webhook]: WebhookRow[] = await em.query(`SELECT ${WEBHOOK_COLUMNS} FROM webhook WHERE id = $1`, [webhookId]);
      return webhook;
    });
  }

  /** Soft-deletes a webhook: see the class comment. Audited with the number of deliveries cancelled. */
  async delete(actor: Actor, webhookId: string): Promise<boolean> {
    this.requireAdmin(actor);
    if (!isUuid(webhookId)) throw AppError.notFound('Webhook', webhookId);
    return this.tx.run(async ({ em }) => {
      const [[webhook]]: [{ url: string }[]] = await em.query(
        `UPDATE webhook SET deleted_at = clock_timestamp(), active = false WHERE id = $1 AND deleted_at IS NULL RETURNING url`,
        [webhookId],
      );
      if (!webhook) throw AppError.notFound('Webhook', webhookId);
      const [, cancelled]: [unknown, number] = await em.query(
        `UPDATE webhook_delivery SET status = 'CANCELLED', next_attempt_at = NULL WHERE webhook_id = $1 AND status = 'PENDING'`,
        [webhookId],
      );
      await this.audit.record(em, actor, 'webhook.deleted', 'Webhook', webhookId, { url: webhook.url, cancelledDeliveries: cancelled });
      return true;
    });
  }

  private requireAdmin(actor: Actor): void {
    if (!hasRole(actor, 'ADMIN')) throw AppError.forbidden('Only an administrator manages webhooks');
  }
}

function parseHttpUrl(text: string): URL | null {
  try {
    const url = new URL(text.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url : null;
  } catch {
    return null;
  }
}
