import { Injectable } from '@nestjs/common';
import type { Actor } from '@tripartite/common';
import { AuditService } from '@tripartite/audit';
import type { Tx } from '@tripartite/database';
import { LivePublisher } from '@tripartite/live';
import { AppConfig, durationMs } from '@tripartite/config';
import { meetingReminderJobId } from '@tripartite/domain';
import { NotificationsService } from '@tripartite/notifications';
import { OutboxService } from '@tripartite/outbox';
import type { MeetingRow } from './sql-columns';

/** What a meeting write tells the rest of the system: inside its transaction (audit, notifications) or after it (live board). */
@Injectable()
export class MeetingEvents {
  constructor(
    private readonly audit: AuditService,
    private readonly live: LivePublisher,
    private readonly notifications: NotificationsService,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  async scheduled(tx: Tx, actor: Actor, meeting: MeetingRow, agendaItems: number): Promise<void> {
    await this.audit.record(tx.em, actor, 'meeting.scheduled', 'ExpertsMeeting', meeting.id, {
      instrumentId: meeting.instrumentId,
      versionId: meeting.versionId,
      title: meeting.title,
      startsAt: meeting.startsAt.toISOString(),
      endsAt: meeting.endsAt.toISOString(),
      decisionRule: meeting.decisionRule,
      agendaItems,
    });
    await this.notifications.emit(tx.em, {
      kind: 'meeting.scheduled',
      instrumentId: meeting.instrumentId,
      subjectId: meeting.id,
      data: { meetingId: meeting.id, startsAt: meeting.startsAt.toISOString() },
    });
    const remindAt = new Date(meeting.startsAt.getTime() - durationMs(this.config.MEETING_REMINDER_OFFSET));
    // A reminder whose time has already passed when the meeting is scheduled is skipped (as for rounds).
    if (remindAt > meeting.createdAt) {
      await this.outbox.add(tx.em, {
        queue: 'deadlines',
        name: 'meeting.reminder',
        payload: { meetingId: meeting.id, startsAt: meeting.startsAt.toISOString() },
        jobId: meetingReminderJobId(meeting.id, meeting.startsAt),
        runAt: remindAt,
      });
    }
  }

  /** Audits a change to an agenda item and, once committed, pushes the item's new tally to the live board. */
  async itemChanged(tx: Tx, actor: Actor, action: string, meetingId: string, agendaItemId: string, data: Record<string, unknown>): Promise<void> {
    await this.audit.record(tx.em, actor, action, 'AgendaItem', agendaItemId, { meetingId, ...data });
    tx.afterCommit(() => this.live.publish('tallyUpdated', meetingId, { meetingId, agendaItemId }));
  }
}
