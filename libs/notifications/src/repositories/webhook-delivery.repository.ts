import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { selectList } from '@tripartite/database';
import { DeliveryStatus, WebhookDeadLetterEntity } from '../webhook-delivery.entity';
import type { Keyset } from './notification-event.repository';

/** A dead letter as an admin sees it. */
export type DeadLetterRow = Omit<WebhookDeadLetterEntity, 'replayedBy'>;

/** A delivery as an admin sees it in a webhook's list. */
export interface DeliveryListRow {
  id: string;
  kind: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  nextAttemptAt: Date | null;
}

/** A delivery's job generation: its replay and resume counts. */
export interface DeliveryGeneration {
  replays: number;
  resumes: number;
}

/** What one try sends, claimed (counted) before it is sent. */
export interface ClaimedTry {
  tries: number;
  payload: string;
  url: string;
  secret: string;
}

/** The webhook_delivery and webhook_dead_letter tables. */
@Injectable()
export class WebhookDeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A delivery first due in `firstTryMs`; null when the event already has one for this webhook. */
  async insert(
    em: EntityManager,
    d: { id: string; webhookId: string; eventId: string; payload: string; firstTryMs: number },
  ): Promise<{ id: string; dueAt: Date } | null> {
    const [created]: { id: string; dueAt: Date }[] = await em.query(
      `INSERT INTO webhook_delivery (id, webhook_id, event_id, payload, next_attempt_at)
       VALUES ($1, $2, $3, $4, clock_timestamp() + make_interval(secs => $5::float8 / 1000))
       ON CONFLICT (event_id, webhook_id) DO NOTHING RETURNING id, next_attempt_at AS "dueAt"`,
      [d.id, d.webhookId, d.eventId, d.payload, d.firstTryMs],
    );
    return created ?? null;
  }

  /**
   * Counts a try of a PENDING delivery of an active webhook, and marks it running (committed at once, so a try cut
   * short by a crash still counts); with a generation, only if the delivery is still of it. Null: nothing to try.
   */
  async claim(id: string, generation: DeliveryGeneration | null): Promise<ClaimedTry | null> {
    const [[claimed]]: [ClaimedTry[]] = await this.dataSource.query(
      `UPDATE webhook_delivery d SET attempts = d.attempts + 1, cycle_attempts = d.cycle_attempts + 1, attempt_started_at = clock_timestamp()
         FROM webhook w
        WHERE d.id = $1 AND w.id = d.webhook_id AND d.status = 'PENDING' AND w.active
          AND ($2::int IS NULL OR (d.replays = $2 AND d.resumes = $3))
        RETURNING d.cycle_attempts AS tries, d.payload, w.url, w.secret`,
      [id, generation?.replays ?? null, generation?.resumes ?? null],
    );
    return claimed ?? null;
  }

  async recordDelivered(id: string, status: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_delivery SET status = 'DELIVERED', delivered_at = clock_timestamp(), last_status = $2, last_error = NULL, next_attempt_at = NULL, attempt_started_at = NULL
        WHERE id = $1 AND status = 'PENDING'`,
      [id, status],
    );
  }

  async recordRetry(id: string, status: number | null, error: string, retryInMs: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_delivery SET last_status = $2, last_error = $3, next_attempt_at = clock_timestamp() + make_interval(secs => $4::float8 / 1000),
              attempt_started_at = NULL
        WHERE id = $1 AND status = 'PENDING'`,
      [id, status, error, retryInMs],
    );
  }

  /** Gives a PENDING delivery up: DEAD, with a dead letter saying why (nothing when it was not PENDING). */
  async deadLetter(em: EntityManager, id: string, status: number | null, error: string): Promise<void> {
    const [[dead]]: [{ webhookId: string; eventId: string; attempts: number }[]] = await em.query(
      `UPDATE webhook_delivery SET status = 'DEAD', last_status = $2, last_error = $3, next_attempt_at = NULL, attempt_started_at = NULL
        WHERE id = $1 AND status = 'PENDING' RETURNING id, webhook_id AS "webhookId", event_id AS "eventId", attempts`,
      [id, status, error],
    );
    if (!dead) return;
    await em.query(
      `INSERT INTO webhook_dead_letter (delivery_id, webhook_id, kind, attempts, last_status, last_error)
       SELECT $1, $2, e.kind, $3, $4, $5 FROM notification_event e WHERE e.id = $6`,
      [id, dead.webhookId, dead.attempts, status, error, dead.eventId],
    );
  }

  /**
   * Gives each PENDING delivery of the webhook a new job generation (it is made active again), due when its schedule
   * said, or at once if that has passed, and not before a try still running (begun less than `runningMs` ago) ends.
   */
  async resumeAll(em: EntityManager, webhookId: string, runningMs: number): Promise<({ id: string; dueAt: Date } & DeliveryGeneration)[]> {
    const [rows]: [({ id: string; dueAt: Date } & DeliveryGeneration)[]] = await em.query(
      `UPDATE webhook_delivery SET resumes = resumes + 1
        WHERE webhook_id = $1 AND status = 'PENDING'
        RETURNING id, replays, resumes,
                  greatest(clock_timestamp(), next_attempt_at,
                           attempt_started_at + make_interval(secs => $2::float8 / 1000)) AS "dueAt"`,
      [webhookId, runningMs],
    );
    return rows;
  }

  /** CANCELLED: the webhook's deliveries still owed (it is deleted). How many. */
  async cancelPending(em: EntityManager, webhookId: string): Promise<number> {
    const [, cancelled]: [unknown, number] = await em.query(
      `UPDATE webhook_delivery SET status = 'CANCELLED', next_attempt_at = NULL WHERE webhook_id = $1 AND status = 'PENDING'`,
      [webhookId],
    );
    return cancelled;
  }

  /** PENDING deliveries of active webhooks, after `after` in (created_at, id) order, but none whose try may still be running (begun less than `runningMs` ago). */
  due(after: Keyset, limit: number, runningMs: number): Promise<(Keyset & DeliveryGeneration & { delayMs: number })[]> {
    return this.dataSource.query(
      `SELECT d.created_at::text AS at, d.id, d.replays, d.resumes,
              greatest(0, ceil(extract(epoch FROM coalesce(d.next_attempt_at, clock_timestamp()) - clock_timestamp()) * 1000))::float8 AS "delayMs"
         FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id
        WHERE d.status = 'PENDING' AND (d.created_at, d.id) > ($1::timestamptz, $2::uuid) AND w.active
          AND (d.attempt_started_at IS NULL OR d.attempt_started_at < clock_timestamp() - make_interval(secs => $3::float8 / 1000))
        ORDER BY d.created_at, d.id LIMIT ${Number(limit)}`,
      [after.at, after.id, runningMs],
    );
  }

  /** The webhook's deliveries, newest first (created_at, id), after the keyset when given, of one status when given. */
  ofWebhook(webhookId: string, status: DeliveryStatus | null, after: { at: string; id: string } | null, limit: number): Promise<DeliveryListRow[]> {
    return this.dataSource.query(
      `SELECT d.id, e.kind, d.status, d.attempts, d.last_status AS "lastStatus", d.last_error AS "lastError", d.created_at AS "createdAt",
              d.delivered_at AS "deliveredAt", d.next_attempt_at AS "nextAttemptAt"
         FROM webhook_delivery d JOIN notification_event e ON e.id = d.event_id
        WHERE d.webhook_id = $1 AND ($2::text IS NULL OR d.status = $2)
          AND ($3::timestamptz IS NULL OR (d.created_at, d.id) < ($3::timestamptz, $4::uuid))
        ORDER BY d.created_at DESC, d.id DESC LIMIT ${Number(limit)}`,
      [webhookId, status, after?.at ?? null, after?.id ?? null],
    );
  }

  /** The exact creation instant of a delivery of the webhook (text, so the keyset keeps microseconds); null when none. */
  async createdAtOf(webhookId: string, id: string): Promise<string | null> {
    const [row]: { at: string }[] = await this.dataSource.query(`SELECT created_at::text AS at FROM webhook_delivery WHERE id = $1 AND webhook_id = $2`, [
      id,
      webhookId,
    ]);
    return row?.at ?? null;
  }

  /** Newest first. */
  deadLetters(limit: number): Promise<DeadLetterRow[]> {
    return this.dataSource.query(
      `SELECT ${selectList(this.dataSource, WebhookDeadLetterEntity, 'dl', ['replayedBy'])} FROM webhook_dead_letter dl ORDER BY dl.failed_at DESC, dl.id DESC LIMIT $1`,
      [limit],
    );
  }

  /** The dead letter and its delivery, locked for a replay (its webhook share-locked against deletion). */
  async lockDeadLetter(
    em: EntityManager,
    deadLetterId: string,
  ): Promise<{ deliveryId: string; replayedAt: Date | null; status: DeliveryStatus; deleted: boolean } | null> {
    const [letter]: { deliveryId: string; replayedAt: Date | null; status: DeliveryStatus; deleted: boolean }[] = await em.query(
      `SELECT dl.delivery_id AS "deliveryId", dl.replayed_at AS "replayedAt", d.status, w.deleted_at IS NOT NULL AS deleted
         FROM webhook_dead_letter dl JOIN webhook_delivery d ON d.id = dl.delivery_id JOIN webhook w ON w.id = d.webhook_id
        WHERE dl.id = $1 FOR UPDATE OF dl, d FOR SHARE OF w`,
      [deadLetterId],
    );
    return letter ?? null;
  }

  /** PENDING again with a fresh cycle of tries, due at once, under a new job generation. */
  async replay(em: EntityManager, deliveryId: string): Promise<DeliveryGeneration> {
    const [[delivery]]: [DeliveryGeneration[]] = await em.query(
      `UPDATE webhook_delivery SET status = 'PENDING', replays = replays + 1, cycle_attempts = 0, next_attempt_at = clock_timestamp()
        WHERE id = $1 RETURNING replays, resumes`,
      [deliveryId],
    );
    return delivery;
  }

  async markReplayed(em: EntityManager, deadLetterId: string, userId: string): Promise<void> {
    await em.query(`UPDATE webhook_dead_letter SET replayed_at = clock_timestamp(), replayed_by = $2 WHERE id = $1`, [deadLetterId, userId]);
  }
}
