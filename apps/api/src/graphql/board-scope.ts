import { DocumentNode, GraphQLSchema, TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import { AppError } from '@tripartite/common';

/**
 * What a room's board link may select: the meeting's board and nothing reachable from it beyond (no participants,
 * no people, no instrument's rounds or comments, no histories). Checked on the document before any resolver runs;
 * the guard then admits the link to @BoardReadable root fields only, and the meetings' reads to its own meeting.
 */
export const BOARD_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Query: ['meeting'],
  Subscription: ['tallyUpdated'],
  ExpertsMeeting: ['id', 'title', 'venue', 'status', 'decisionRule', 'startsAt', 'endsAt', 'instrument', 'agenda', 'tally'],
  Instrument: ['id', 'reference', 'title'],
  AgendaItem: ['id', 'order', 'status', 'revision', 'guideline', 'finalText', 'amendments', 'tally', 'vote'],
  Guideline: ['id', 'number', 'title', 'text'],
  Amendment: ['id', 'proposedBy', 'text', 'status', 'positions'],
  GroupPosition: ['group', 'position'],
  VoteResult: ['votes', 'weightedInFavour', 'weightedAgainst', 'quorumMet', 'carried'],
  GroupVote: ['group', 'inFavour', 'against', 'abstentions'],
  ItemTally: ['agendaItemId', 'outcome', 'supporting', 'opposing', 'abstaining', 'reserving', 'pending'],
  MeetingTally: ['meetingId', 'items', 'adopted', 'notAdopted', 'deferred', 'open'],
};

/** The first field outside the board, as FORBIDDEN; null when the whole document stays on it. */
export function checkBoardScope(schema: GraphQLSchema, document: DocumentNode): AppError | null {
  const typeInfo = new TypeInfo(schema);
  let outside: string | null = null;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition(node) {
        if (node.operation === 'mutation' && !outside) outside = 'Mutation';
      },
      Field(node) {
        if (outside || node.name.value === '__typename') return;
        const parent = typeInfo.getParentType()?.name ?? '?';
        if (!BOARD_FIELDS[parent]?.includes(node.name.value)) outside = `${parent}.${node.name.value}`;
      },
    }),
  );
  return outside ? AppError.forbidden(`A board link reads only its meeting's board (${outside} is not on it)`) : null;
}
