// What other capabilities and the apps may use of meetings: its module, services, and the row types they return.
export * from './meeting-access';
export * from './meeting-tally';
export * from './meeting-read.service';
export * from './meeting.service';
export * from './agenda.service';
export * from './board-links.service';
export * from './meeting-reminders.service';
export type { AgendaItemRow, AmendmentRow, BoardLinkRow, MeetingRow, ParticipantRow, PositionRow, StoredVote } from './repositories';
export * from './meetings.module';
export * from './read-models/instrument-meetings.read-model';
export * from './read-models/paper.read-model';
