import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PlannedReminder, lateReminderCandidates } from '@tripartite/domain';
import { OutboxService } from '@tripartite/outbox';
import { WantedJob, wantedReminder } from '@tripartite/queue';
import { fanoutJobId } from './job-ids';
import { NotificationEventInput, idIn, isNotificationKind, isUuid } from './kinds';

/** How capabilities tell people what happened: inside their own write transaction. */
@Injectable()
export class NotificationsService {
  constructor(private readonly outbox: OutboxService) {}

  /**
   * Records the event and queues its fan-out in the caller's transaction, so it is sent
   * if and only if the change commits. Returns the event id.
   */
  async emit(em: EntityManager, event: NotificationEventInput): Promise<string> {
    return (await this.record(em, event, null))!;
  }

  /**
   * As emit, at most once per key (a reminder's job id), whoever runs it and however often: returns null,
   * and queues nothing, when an event with this key is already recorded.
   */
  emitOnce(em: EntityManager, onceKey: string, event: NotificationEventInput): Promise<string | null> {
    return this.record(em, event, onceKey);
  }

  /**
   * The reminder jobs a reconcile wants queued: each while its time is ahead; once its time has passed, one that
   * lateReminderCandidates offers is sent late rather than never (DESIGN.md §6: the reconcile runs overdue jobs and
   * never skips them), unless an event was recorded under its key (it was sent, and its job removed since).
   */
  async wantedReminders(em: Pick<EntityManager, 'query'>, name: string, reminders: (PlannedReminder & { data: object; now: Date })[]): Promise<WantedJob[]> {
    if (!reminders.length) return [];
    const candidates = lateReminderCandidates(reminders, reminders[0].now).map((r) => r.jobId);
    const sent: { key: string }[] = candidates.length
      ? await em.query(`SELECT once_key AS key FROM notification_event WHERE once_key = ANY($1::text[])`, [candidates])
      : [];
    const recorded = new Set(sent.map((s) => s.key));
    const late = new Set(candidates.filter((key) => !recorded.has(key)));
    return reminders.map((r) => wantedReminder(name, r.jobId, r.data, r.at, r.now, late.has(r.jobId)));
  }

  private async record(em: EntityManager, event: NotificationEventInput, onceKey: string | null): Promise<string | null> {
    if (!isNotificationKind(event.kind)) throw new Error(`unknown notification kind ${String(event.kind)}`);
    for (const key of ['instrumentId', 'subjectId'] as const) {
      if (event[key] != null && !isUuid(event[key])) throw new Error(`notification ${key} must be a uuid`);
    }
    for (const [key, value] of Object.entries(event.data)) {
      if (value !== null && typeof value !== 'string' && typeof value !== 'number')
        throw new Error(`notification data ${key} must be a string, number or null`);
    }
    // A concurrent holder of the same key makes this wait for its commit, then insert nothing.
    const [row]: { id: string }[] = await em.query(
      `INSERT INTO notification_event (kind, instrument_id, subject_id, data, once_key)
       VALUES ($1, coalesce($2::uuid, (SELECT instrument_id FROM consultation_round WHERE id = $5::uuid)), $3, $4, $6)
       ON CONFLICT (once_key) WHERE once_key IS NOT NULL DO NOTHING
       RETURNING id`,
      [event.kind, event.instrumentId ?? null, event.subjectId ?? null, JSON.stringify(event.data), idIn(event.data, 'roundId'), onceKey],
    );
    if (!row) return null;
    await this.outbox.add(em, { queue: 'notifications', name: 'notification.fanout', payload: { eventId: row.id }, jobId: fanoutJobId(row.id) });
    return row.id;
  }
}
