import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { selectList } from '@tripartite/database';
import type { EventData, NotificationKind } from '../kinds';
import { NotificationEventEntity } from '../notification-event.entity';

/** An event as the fan-out, the templates and the recipient resolvers read it. */
export type NotificationEventRow = Omit<NotificationEventEntity, 'onceKey'>;

export interface NewNotificationEvent {
  kind: NotificationKind;
  instrumentId: string | null;
  subjectId: string | null;
  data: EventData;
  onceKey: string | null;
}

/** A keyset position: the row's timestamp as text (exact to the microsecond) and its id. */
export interface Keyset {
  at: string;
  id: string;
}

/** The notification_event table. */
@Injectable()
export class NotificationEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  private columns(alias: string): string {
    return selectList(this.dataSource, NotificationEventEntity, alias, ['onceKey']);
  }

  /** The new event's id; null when an event with this once-key is already recorded (a concurrent holder of the key makes this wait for its commit). */
  async insert(em: EntityManager, event: NewNotificationEvent): Promise<string | null> {
    const [row]: { id: string }[] = await em.query(
      `INSERT INTO notification_event (kind, instrument_id, subject_id, data, once_key)
       VALUES ($1, $2::uuid, $3, $4, $5)
       ON CONFLICT (once_key) WHERE once_key IS NOT NULL DO NOTHING
       RETURNING id`,
      [event.kind, event.instrumentId, event.subjectId, JSON.stringify(event.data), event.onceKey],
    );
    return row?.id ?? null;
  }

  /** Those of these once-keys under which an event is recorded. */
  async recordedOnceKeys(em: Pick<EntityManager, 'query'>, keys: readonly string[]): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const rows: { key: string }[] = await em.query(`SELECT once_key AS key FROM notification_event WHERE once_key = ANY($1::text[])`, [keys]);
    return new Set(rows.map((r) => r.key));
  }

  /** The event, locked for its fan-out. */
  async lock(em: EntityManager, id: string): Promise<NotificationEventRow | null> {
    const [row] = await em.query(`SELECT ${this.columns('e')} FROM notification_event e WHERE e.id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  }

  async markFannedOut(em: EntityManager, id: string): Promise<void> {
    await em.query(`UPDATE notification_event SET fanned_out_at = clock_timestamp() WHERE id = $1`, [id]);
  }

  /** Events not fanned out yet, after `after` in (occurred_at, id) order. */
  unfanned(after: Keyset, limit: number): Promise<(Keyset & { eventId: string })[]> {
    return this.dataSource.query(
      `SELECT occurred_at::text AS at, id, id AS "eventId" FROM notification_event
        WHERE fanned_out_at IS NULL AND (occurred_at, id) > ($1::timestamptz, $2::uuid)
        ORDER BY occurred_at, id LIMIT ${Number(limit)}`,
      [after.at, after.id],
    );
  }
}
