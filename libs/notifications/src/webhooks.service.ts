import { Injectable } from '@nestjs/common';
import { Actor, AppError, FieldErrors, hasRole } from '@tripartite/common';
import { CAPACITY, capacityMessage } from '@tripartite/domain';
import { AppConfig } from '@tripartite/config';
import { Transactions } from '@tripartite/database';
import { EventBus } from '@tripartite/events';
import { OutboxService } from '@tripartite/outbox';
import { webhookJobId } from './job-ids';
import { ALL_KINDS, isNotificationKind, isUuid } from './kinds';
import { DeadLetterRow, DeliveryListRow, WebhookDeliveryRepository, WebhookRepository, WebhookRow } from './repositories';
import type { DeliveryStatus } from './webhook-delivery.entity';
import { assertPublicHost, hostOf, NonPublicAddressError } from './webhook-address';

export interface RegisterWebhookInput {
  url: string;
  events: string[];
  secret: string;
}

const SECRET_MIN = 16;
const SECRET_MAX = 500;
const URL_MAX = 2000;

/** Beyond WEBHOOK_TIMEOUT_MS, time for a try's own database writes (as in the reconcile). */
const TRY_MARGIN_MS = 5000;

/**
 * Webhooks as an admin manages them: registration (with the address rules), pausing and resuming, deletion,
 * dead letters, replay. Deletion is soft: the webhook's deliveries and dead letters stay readable (for the audit
 * trail), its deliveries still owed are CANCELLED, and it is no longer listed, delivered to or replayable.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly tx: Transactions,
    private readonly events: EventBus,
    private readonly webhooks: WebhookRepository,
    private readonly deliveries: WebhookDeliveryRepository,
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
    return this.tx.run(async (tx) => {
      // Deleted webhooks are kept (soft delete) but no longer count.
      if ((await this.webhooks.countLive(tx.em)) >= CAPACITY.webhooks)
        throw AppError.badInput([{ field: 'url', message: `the system ${capacityMessage(CAPACITY.webhooks, 'webhooks')}; delete one first` }]);
      const webhook = await this.webhooks.insert(tx.em, { url: url!.href, events, secret: input.secret, createdBy: actor.userId });
      await this.events.raise(tx, { name: 'webhook.registered', actor, entityId: webhook.id, data: { url: webhook.url, events } });
      return webhook;
    });
  }

  list(actor: Actor): Promise<WebhookRow[]> {
    this.requireAdmin(actor);
    return this.webhooks.list();
  }

  byIds(ids: readonly string[]): Promise<WebhookRow[]> {
    const valid = ids.filter(isUuid);
    return valid.length ? this.webhooks.byIds(valid) : Promise.resolve([]);
  }

  /**
   * A webhook's deliveries (a deleted one's too: they stay readable), newest first; `after`: the id of the last
   * delivery of the previous page.
   */
  async deliveriesOf(
    actor: Actor,
    webhookId: string,
    options: { status: DeliveryStatus | null; first: number; after?: string | null },
  ): Promise<DeliveryListRow[]> {
    this.requireAdmin(actor);
    const [webhook] = isUuid(webhookId) ? await this.webhooks.byIds([webhookId]) : [];
    if (!webhook) throw AppError.notFound('Webhook', webhookId);
    let after: { at: string; id: string } | null = null;
    if (options.after) {
      const at = isUuid(options.after) ? await this.deliveries.createdAtOf(webhook.id, options.after) : null;
      if (!at) throw AppError.badInput([{ field: 'after', message: 'names no delivery of this webhook' }]);
      after = { at, id: options.after };
    }
    return this.deliveries.ofWebhook(webhook.id, options.status, after, options.first);
  }

  /** Newest first. */
  deadLetters(actor: Actor, first: number): Promise<DeadLetterRow[]> {
    this.requireAdmin(actor);
    return this.deliveries.deadLetters(first);
  }

  /**
   * Sends a dead-lettered delivery again: same delivery id and body, a fresh set of tries
   * (a new job id), queued through the outbox with the dead letter marked replayed.
   */
  async replay(actor: Actor, deadLetterId: string): Promise<boolean> {
    this.requireAdmin(actor);
    if (!isUuid(deadLetterId)) throw AppError.notFound('WebhookDeadLetter', deadLetterId);
    return this.tx.run(async (tx) => {
      const letter = await this.deliveries.lockDeadLetter(tx.em, deadLetterId);
      if (!letter) throw AppError.notFound('WebhookDeadLetter', deadLetterId);
      if (letter.deleted) throw AppError.conflict('The webhook of this dead letter has been deleted');
      if (letter.replayedAt || letter.status !== 'DEAD') throw AppError.conflict('This dead letter has already been replayed');
      const delivery = await this.deliveries.replay(tx.em, letter.deliveryId);
      await this.deliveries.markReplayed(tx.em, deadLetterId, actor.userId);
      await this.outbox.add(tx.em, {
        queue: 'webhooks',
        name: 'webhook.deliver',
        payload: { deliveryId: letter.deliveryId },
        jobId: webhookJobId(letter.deliveryId, delivery.replays, delivery.resumes),
      });
      await this.events.raise(tx, { name: 'webhook.delivery-replayed', actor, entityId: letter.deliveryId, data: { deadLetterId, replay: delivery.replays } });
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
    return this.tx.run(async (tx) => {
      const before = await this.webhooks.lockLive(tx.em, webhookId);
      if (!before) throw AppError.notFound('Webhook', webhookId);
      if (before.active !== active) {
        await this.webhooks.setActive(tx.em, webhookId, active);
        if (active) {
          // A try still running when the webhook was paused has until WEBHOOK_TIMEOUT_MS (and a margin) to end first.
          const rows = await this.deliveries.resumeAll(tx.em, webhookId, this.config.WEBHOOK_TIMEOUT_MS + TRY_MARGIN_MS);
          for (const row of rows) {
            await this.outbox.add(tx.em, {
              queue: 'webhooks',
              name: 'webhook.deliver',
              payload: { deliveryId: row.id },
              jobId: webhookJobId(row.id, row.replays, row.resumes),
              runAt: row.dueAt,
            });
          }
          await this.events.raise(tx, { name: 'webhook.activated', actor, entityId: webhookId, data: { resumed: rows.length } });
        } else {
          await this.events.raise(tx, { name: 'webhook.deactivated', actor, entityId: webhookId, data: {} });
        }
      }
      const webhook = await this.webhooks.get(tx.em, webhookId);
      return webhook!;
    });
  }

  /** Soft-deletes a webhook: see the class comment. Audited with the number of deliveries cancelled. */
  async delete(actor: Actor, webhookId: string): Promise<boolean> {
    this.requireAdmin(actor);
    if (!isUuid(webhookId)) throw AppError.notFound('Webhook', webhookId);
    return this.tx.run(async (tx) => {
      const webhook = await this.webhooks.softDelete(tx.em, webhookId);
      if (!webhook) throw AppError.notFound('Webhook', webhookId);
      const cancelled = await this.deliveries.cancelPending(tx.em, webhookId);
      await this.events.raise(tx, { name: 'webhook.deleted', actor, entityId: webhookId, data: { url: webhook.url, cancelledDeliveries: cancelled } });
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
