import DataLoader from 'dataloader';
import type { Actor } from '@tripartite/common';
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
import { byId, listsBy } from '../graphql/loaders';

function valuesBy<T>(load: (ids: readonly string[]) => Promise<Map<string, T>>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const map = await load(ids);
    return ids.map((id) => map.get(id) ?? null);
  });
}

/** Meetings' per-request loaders (composed in graphql/loaders.ts); parents are checked before they are reached. */
export function meetingLoaders(read: MeetingReadService) {
  return {
    meeting: byId<MeetingRow>((ids) => read.byIds(ids)),
    // The caller is the same for every key of a request; the list is filtered to the meetings it may read.
    meetingsOfInstrument: new DataLoader<{ actor: Actor | null; instrumentId: string }, MeetingRow[], string>(
      async (keys) => {
        const map = await read.byInstrumentIds(keys[0].actor, keys.map((k) => k.instrumentId));
        return keys.map((k) => map.get(k.instrumentId) ?? []);
      },
      { cacheKeyFn: (k) => k.instrumentId },
    ),
    participantsOfMeeting: listsBy<ParticipantRow>((ids) => read.participantsByMeetingIds(ids)),
    moderatorIdsOfMeeting: listsBy<string>((ids) => read.moderatorIdsByMeetingIds(ids)),
    agendaOfMeeting: listsBy<AgendaItemRow>((ids) => read.agendaByMeetingIds(ids)),
    agendaItem: byId<AgendaItemRow>((ids) => read.itemsByIds(ids)),
    tallyOfMeeting: valuesBy<MeetingTallyRow>((ids) => read.meetingTalliesByIds(ids)),
    positionsOfItem: listsBy<PositionRow>((ids) => read.currentPositionsByItemIds(ids)),
    positionHistoryOfItem: listsBy<PositionRow>((ids) => read.positionHistoryByItemIds(ids)),
    amendmentsOfItem: listsBy<AmendmentRow>((ids) => read.amendmentsByItemIds(ids)),
    voteOfItem: valuesBy<VoteResult>((ids) => read.votesByItemIds(ids)),
    voteHistoryOfItem: listsBy<VoteRecordRow>((ids) => read.voteHistoryByItemIds(ids)),
    tallyOfItem: valuesBy<ItemTallyRow>(async (ids) => new Map((await read.itemTalliesByIds(ids)).map((t) => [t.agendaItemId, t]))),
    positionsOfAmendment: listsBy<PositionRow>((ids) => read.currentAmendmentPositionsByIds(ids)),
    positionHistoryOfAmendment: listsBy<PositionRow>((ids) => read.amendmentPositionHistoryByIds(ids)),
  };
}
