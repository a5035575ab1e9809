import { Injectable, OnModuleInit } from '@nestjs/common';
import { EventBus } from '@tripartite/events';
import { LivePublisher } from '@tripartite/live';
import { NotificationsService } from '@tripartite/notifications';
import { MeetingReminders } from './meeting-reminders.service';

/** The events of agenda items (their positions, amendments and votes included): each changes the item's tally. */
export const AGENDA_ITEM_EVENTS = [
  'agendaItem.opened',
  'position.recorded',
  'amendment.proposed',
  'amendment.positionRecorded',
  'amendment.decided',
  'vote.recorded',
  'agendaItem.closed',
] as const;

/** A meeting scheduled is told to its people and the secretariat (notify), and its reminder is queued (jobs), in the write's transaction. */
@Injectable()
export class MeetingsScheduledSubscriber implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly notifications: NotificationsService,
    private readonly reminders: MeetingReminders,
  ) {}

  onModuleInit(): void {
    const by = MeetingsScheduledSubscriber.name;
    this.bus.onWrite(['meeting.scheduled'], 'notify', by, (tx, e) =>
      this.notifications.emit(tx.em, {
        kind: 'meeting.scheduled',
        instrumentId: e.data.instrumentId,
        subjectId: e.entityId,
        data: { meetingId: e.entityId, startsAt: e.data.startsAt },
      }),
    );
    this.bus.onWrite(['meeting.scheduled'], 'jobs', by, (tx, e) => this.reminders.schedule(tx, e.entityId));
  }
}

/** Once a change to an agenda item commits, the live board of its meeting hears of it (tallyUpdated, on every api instance). */
@Injectable()
export class MeetingsLiveSubscriber implements OnModuleInit {
  constructor(
    private readonly bus: EventBus,
    private readonly live: LivePublisher,
  ) {}

  onModuleInit(): void {
    this.bus.afterCommit(AGENDA_ITEM_EVENTS, 'live', MeetingsLiveSubscriber.name, (e) =>
      this.live.publish('tallyUpdated', e.data.meetingId, { meetingId: e.data.meetingId, agendaItemId: e.entityId }),
    );
  }
}
