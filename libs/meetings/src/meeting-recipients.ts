import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MeetingsAuthReadModel } from '@tripartite/auth';
import { NotificationEventRow, RecipientResolvers, idIn, isUuid } from '@tripartite/notifications';
import { ParticipantRepository } from './repositories';

/** Who hears of a meeting, as its people stand at fan-out time: meeting.scheduled also goes to the secretariat (participants are usually registered later). */
@Injectable()
export class MeetingRecipients implements OnModuleInit {
  constructor(
    private readonly recipients: RecipientResolvers,
    private readonly participants: ParticipantRepository,
    private readonly users: MeetingsAuthReadModel,
  ) {}

  onModuleInit(): void {
    this.recipients.register('meeting.scheduled', async (em, event) => {
      const people = await this.people(em, event);
      return people === null ? [] : [...people, ...(await this.users.secretariatIds(em))];
    });
    this.recipients.register('meeting.reminder', async (em, event) => (await this.people(em, event)) ?? []);
  }

  /** The meeting's participants and moderators; null when the event names no meeting. */
  private async people(em: EntityManager, event: NotificationEventRow): Promise<string[] | null> {
    const meetingId = idIn(event.data, 'meetingId') ?? (isUuid(event.subjectId) ? event.subjectId : null);
    return meetingId ? this.participants.peopleIds(em, meetingId) : null;
  }
}
