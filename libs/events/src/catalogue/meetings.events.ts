import type {
  AmendmentStatus,
  ConstituentGroup,
  DecisionRule,
  GroupCounts,
  GroupVote,
  ItemStatus,
  MeetingStatus,
  ParticipantRole,
  Position,
  TallyOutcome,
} from '@tripartite/domain';
import { event } from '../event';

/** A meeting's own move: SCHEDULED -> IN_SESSION -> CLOSED -> REPORT_ADOPTED. */
type MeetingMoved = { instrumentId: string; from: MeetingStatus; to: MeetingStatus };

/** A change to an agenda item (its positions, amendments, vote included): its meeting, and the revision it bumped the item to. */
type ItemChanged<D extends object = object> = { meetingId: string } & D & { revision: number };

/**
 * Experts' meetings' writes. The meeting's (entity ExpertsMeeting) are audited; those of agenda items (entity
 * AgendaItem) also push the item's fresh tally to the live board once committed.
 */
export const MEETINGS_EVENTS = {
  'meeting.scheduled': event<{
    instrumentId: string;
    versionId: string;
    title: string;
    startsAt: string;
    endsAt: string;
    decisionRule: DecisionRule;
    agendaItems: number;
  }>('ExpertsMeeting', ['notify', 'jobs']),
  'meeting.participantAdded': event<{ participantId: string; userId: string; group: ConstituentGroup; role: ParticipantRole }>('ExpertsMeeting'),
  'meeting.participantCorrected': event<{
    participantId: string;
    userId: string;
    from: { group: ConstituentGroup; role: ParticipantRole };
    to: { group: ConstituentGroup; role: ParticipantRole };
    reason: string;
  }>('ExpertsMeeting'),
  /** The participant's row goes; this event keeps who it was. Positions and votes already recorded stay as they are. */
  'meeting.participantRemoved': event<{
    participantId: string;
    userId: string;
    group: ConstituentGroup;
    role: ParticipantRole;
    meetingStatus: MeetingStatus;
    reason: string;
  }>('ExpertsMeeting'),
  'meeting.moderatorAssigned': event<{ userId: string }>('ExpertsMeeting'),
  'meeting.moderatorUnassigned': event<{ userId: string }>('ExpertsMeeting'),
  'meeting.opened': event<MeetingMoved>('ExpertsMeeting'),
  'meeting.closed': event<MeetingMoved>('ExpertsMeeting'),
  'meeting.reportAdopted': event<MeetingMoved>('ExpertsMeeting'),
  // A room's read-only board link (entity BoardLink): its secret is never in the event, only who made it and until when.
  'boardLink.created': event<{ meetingId: string; label: string; expiresAt: string }>('BoardLink'),
  'boardLink.revoked': event<{ meetingId: string; label: string }>('BoardLink'),
  'agendaItem.opened': event<ItemChanged>('AgendaItem', ['live']),
  'position.recorded': event<ItemChanged<{ group: ConstituentGroup; position: Position; statement: string | null; replaced: Position | null }>>('AgendaItem', [
    'live',
  ]),
  'amendment.proposed': event<ItemChanged<{ amendmentId: string; proposedBy: ConstituentGroup; text: string }>>('AgendaItem', ['live']),
  'amendment.positionRecorded': event<ItemChanged<{ amendmentId: string; group: ConstituentGroup; position: Position; replaced: Position | null }>>(
    'AgendaItem',
    ['live'],
  ),
  'amendment.decided': event<ItemChanged<{ amendmentId: string; from: AmendmentStatus; to: AmendmentStatus }>>('AgendaItem', ['live']),
  'vote.recorded': event<
    ItemChanged<{ votes: GroupVote[]; registered: GroupCounts; weightedInFavour: number; weightedAgainst: number; quorumMet: boolean; carried: boolean }>
  >('AgendaItem', ['live']),
  'agendaItem.closed': event<ItemChanged<{ status: ItemStatus; outcome: TallyOutcome; finalText: string | null }>>('AgendaItem', ['live']),
} as const;
