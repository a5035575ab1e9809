import type { VoteResult } from '@tripartite/domain';
import {
  AgendaItemRow,
  AmendmentRow,
  ItemTallyRow,
  MeetingReadService,
  MeetingRow,
  MeetingTallyRow,
  ParticipantRow,
  PositionRow,
  VoteRecordRow,
} from '@tripartite/meetings';
import { LoaderOptions, byId, forCaller, listsBy, valuesBy } from '../graphql/loaders';

/** Meetings' per-request loaders (composed in graphql/loaders.ts); parents are checked before they are reached. */
export function meetingLoaders(read: MeetingReadService, o: LoaderOptions = {}) {
  return {
    meeting: byId<MeetingRow>((ids) => read.byIds(ids), o),
    // The caller is the same for every key of a request; the list is filtered to the meetings it may read.
    meetingsOfInstrument: forCaller<MeetingRow[]>((actor, ids) => read.byInstrumentIds(actor, ids), [], o),
    participantsOfMeeting: listsBy<ParticipantRow>((ids) => read.participantsByMeetingIds(ids), o),
    moderatorIdsOfMeeting: listsBy<string>((ids) => read.moderatorIdsByMeetingIds(ids), o),
    agendaOfMeeting: listsBy<AgendaItemRow>((ids) => read.agendaByMeetingIds(ids), o),
    agendaItem: byId<AgendaItemRow>((ids) => read.itemsByIds(ids), o),
    tallyOfMeeting: valuesBy<MeetingTallyRow>((ids) => read.meetingTalliesByIds(ids), o),
    positionsOfItem: listsBy<PositionRow>((ids) => read.currentPositionsByItemIds(ids), o),
    positionHistoryOfItem: listsBy<PositionRow>((ids) => read.positionHistoryByItemIds(ids), o),
    amendmentsOfItem: listsBy<AmendmentRow>((ids) => read.amendmentsByItemIds(ids), o),
    voteOfItem: valuesBy<VoteResult>((ids) => read.votesByItemIds(ids), o),
    voteHistoryOfItem: listsBy<VoteRecordRow>((ids) => read.voteHistoryByItemIds(ids), o),
    tallyOfItem: valuesBy<ItemTallyRow>(async (ids) => new Map((await read.itemTalliesByIds(ids)).map((t) => [t.agendaItemId, t])), o),
    positionsOfAmendment: listsBy<PositionRow>((ids) => read.currentAmendmentPositionsByIds(ids), o),
    positionHistoryOfAmendment: listsBy<PositionRow>((ids) => read.amendmentPositionHistoryByIds(ids), o),
  };
}
