// Shared by the notification suites: emitting events in a transaction, and reading what the fan-out wrote.
import type { INestApplication } from '@nestjs/common';
import { Transactions } from '@tripartite/database';
import { NotificationEventInput, NotificationFanout, NotificationsService } from '@tripartite/notifications';
import type { TestApi } from '@tripartite/testing';

/** Emits an event in its own transaction, as a service would in its write. */
export function emit(app: INestApplication, event: NotificationEventInput): Promise<string> {
  const notifications = app.get(NotificationsService);
  return app.get(Transactions).run(({ em }) => notifications.emit(em, event));
}

/** Emits and fans out in-process (no worker): the in-app rows exist when this returns. */
export async function emitAndFanOut(app: INestApplication, event: NotificationEventInput): Promise<string> {
  const eventId = await emit(app, event);
  await app.get(NotificationFanout).fanOut(eventId);
  return eventId;
}

export async function recipientsOf(api: TestApi, eventId: string): Promise<string[]> {
  const rows = await api.db.query<{ user_id: string }>(`SELECT user_id FROM notification WHERE event_id = $1 ORDER BY user_id`, [eventId]);
  return rows.map((r) => r.user_id);
}

/** The jobs the fan-out queued (outbox rows), by name. */
export async function queuedJobs(api: TestApi, name: string, like: string): Promise<{ jobId: string; payload: any }[]> {
  return api.db.query(`SELECT job_id AS "jobId", payload FROM outbox WHERE name = $1 AND job_id LIKE $2 ORDER BY job_id`, [name, like]);
}

export const sorted = (ids: string[]) => [...ids].sort();
