import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PlannedReminder, lateReminderCandidates } from '@tripartite/domain';
import { OutboxService } from '@tripartite/outbox';
import { WantedJob, wantedReminder } from '@tripartite/queue';
import { ConsultationFactsSource } from './consultation-facts';
import { fanoutJobId } from './job-ids';
import { NotificationEventInput, idIn, isNotificationKind, isUuid } from './kinds';
import { NotificationEventRepository } from './repositories';

/** How capabilities tell people what happened: inside their own write transaction. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly events: NotificationEventRepository,
    private readonly consultation: ConsultationFactsSource,
  ) {}

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
    const recorded = await this.events.recordedOnceKeys(em, candidates);
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
    // Without an instrument named, the round's (when the event names one).
    const roundId = event.instrumentId ? null : idIn(event.data, 'roundId');
    const instrumentId = event.instrumentId ?? (roundId ? ((await this.consultation.facts.round(em, roundId))?.instrumentId ?? null) : null);
    // A concurrent holder of the same key makes this wait for its commit, then insert nothing.
    const id = await this.events.insert(em, { kind: event.kind, instrumentId, subjectId: event.subjectId ?? null, data: event.data, onceKey });
    if (!id) return null;
    await this.outbox.add(em, { queue: 'notifications', name: 'notification.fanout', payload: { eventId: id }, jobId: fanoutJobId(id) });
    return id;
  }
}
