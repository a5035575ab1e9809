import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotificationEventRow, RecipientResolvers, idIn, isUuid } from '@tripartite/notifications';

// A meeting's participants and moderators, as they stand at fan-out time.
const IN_MEETING = `SELECT user_id AS id FROM meeting_participant WHERE meeting_id = $1
                    UNION SELECT user_id AS id FROM meeting_moderator WHERE meeting_id = $1`;
const SECRETARIAT = `SELECT u.id FROM app_user u WHERE 'SECRETARIAT' = ANY(u.roles)`;

/** Who hears of a meeting: meeting.scheduled also goes to the secretariat (participants are usually registered later). */
@Injectable()
export class MeetingRecipients implements OnModuleInit {
  constructor(private readonly recipients: RecipientResolvers) {}

  onModuleInit(): void {
    this.recipients.register('meeting.scheduled', (em, event) => this.of(em, event, `${IN_MEETING} UNION ${SECRETARIAT}`));
    this.recipients.register('meeting.reminder', (em, event) => this.of(em, event, IN_MEETING));
  }

  private async of(em: EntityManager, event: NotificationEventRow, sql: string): Promise<string[]> {
    const meetingId = idIn(event.data, 'meetingId') ?? (isUuid(event.subjectId) ? event.subjectId : null);
    if (!meetingId) return [];
    const rows: { id: string }[] = await em.query(sql, [meetingId]);
    return rows.map((r) => r.id);
  }
}
