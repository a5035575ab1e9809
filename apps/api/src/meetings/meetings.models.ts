import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { AmendmentStatus, ConstituentGroup, DecisionRule, ItemStatus, MeetingStatus, ParticipantRole, Position, TallyOutcome } from '@tripartite/domain';
import {
  AmendmentStatusEnum,
  ConstituentGroupEnum,
  DecisionRuleEnum,
  ItemStatusEnum,
  MeetingStatusEnum,
  ParticipantRoleEnum,
  PositionEnum,
  TallyOutcomeEnum,
} from '../graphql/enums';

// Parents and lists (instrument, version, participants, moderators, agenda, tally, guideline, positions,
// amendments, vote, user, recordedBy) are @ResolveFields in meetings.resolver.ts, batched per request.

@ObjectType('ExpertsMeeting')
export class ExpertsMeetingModel {
  @Field(() => ID) id: string;
  @Field(() => String) title: string;
  @Field(() => String, { nullable: true }) venue: string | null;
  @Field(() => Date) startsAt: Date;
  @Field(() => Date) endsAt: Date;
  @Field(() => MeetingStatusEnum) status: MeetingStatus;
  @Field(() => DecisionRuleEnum) decisionRule: DecisionRule;
  instrumentId: string;
  versionId: string;
}

@ObjectType('Participant')
export class ParticipantModel {
  @Field(() => ID) id: string;
  @Field(() => ConstituentGroupEnum) group: ConstituentGroup;
  @Field(() => ParticipantRoleEnum) role: ParticipantRole;
  userId: string;
}

@ObjectType('AgendaItem')
export class AgendaItemModel {
  @Field(() => ID) id: string;
  @Field(() => Int) order: number;
  @Field(() => ItemStatusEnum) status: ItemStatus;
  @Field(() => Int, { description: 'bumps on every change to the item, its positions, amendments and vote' }) revision: number;
  @Field(() => String, { nullable: true }) finalText: string | null;
  meetingId: string;
  guidelineId: string;
}

@ObjectType('GroupPosition')
export class GroupPositionModel {
  @Field(() => ConstituentGroupEnum) group: ConstituentGroup;
  @Field(() => PositionEnum) position: Position;
  @Field(() => String, { nullable: true }) statement: string | null;
  @Field(() => Date) recordedAt: Date;
  recordedById: string;
}

@ObjectType('Amendment')
export class AmendmentModel {
  @Field(() => ID) id: string;
  @Field(() => ConstituentGroupEnum) proposedBy: ConstituentGroup;
  @Field(() => String) text: string;
  @Field(() => AmendmentStatusEnum) status: AmendmentStatus;
  agendaItemId: string;
}

@ObjectType('GroupVote')
export class GroupVoteModel {
  @Field(() => ConstituentGroupEnum) group: ConstituentGroup;
  @Field(() => Int) inFavour: number;
  @Field(() => Int) against: number;
  @Field(() => Int) abstentions: number;
}

@ObjectType('VoteResult')
export class VoteResultModel {
  @Field(() => [GroupVoteModel]) votes: GroupVoteModel[];
  @Field(() => Float) weightedInFavour: number;
  @Field(() => Float) weightedAgainst: number;
  @Field(() => Boolean) quorumMet: boolean;
  @Field(() => Boolean) carried: boolean;
}

// recordedBy is a @ResolveField (meetings.resolver.ts).
@ObjectType('VoteRecord')
export class VoteRecordModel {
  @Field(() => VoteResultModel) result: VoteResultModel;
  @Field(() => Boolean, { description: 'the vote in force; a later vote on the item replaces it' }) current: boolean;
  @Field(() => Date) recordedAt: Date;
  recordedById: string;
}

@ObjectType('ItemTally')
export class ItemTallyModel {
  @Field(() => ID) agendaItemId: string;
  @Field(() => TallyOutcomeEnum) outcome: TallyOutcome;
  @Field(() => [ConstituentGroupEnum]) supporting: ConstituentGroup[];
  @Field(() => [ConstituentGroupEnum]) opposing: ConstituentGroup[];
  @Field(() => [ConstituentGroupEnum]) abstaining: ConstituentGroup[];
  @Field(() => [ConstituentGroupEnum]) reserving: ConstituentGroup[];
  @Field(() => [ConstituentGroupEnum], { description: 'groups with no recorded position yet' }) pending: ConstituentGroup[];
}

@ObjectType('MeetingTally')
export class MeetingTallyModel {
  @Field(() => ID) meetingId: string;
  @Field(() => [ItemTallyModel]) items: ItemTallyModel[];
  @Field(() => Int, { description: 'ADOPTED and ADOPTED_AS_AMENDED' }) adopted: number;
  @Field(() => Int) notAdopted: number;
  @Field(() => Int) deferred: number;
  @Field(() => Int, { description: 'PENDING and UNDER_DISCUSSION' }) open: number;
}

@ObjectType('BoardLink', { description: "A room's read-only link to a meeting's board (its secret is shown once, at creation)" })
export class BoardLinkModel {
  @Field(() => ID) id: string;
  @Field(() => ID) meetingId: string;
  @Field(() => String) label: string;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { description: 'When it stops opening the board (it also stops once the meeting report is adopted)' }) expiresAt: Date;
  @Field(() => Date, { nullable: true }) revokedAt: Date | null;
}

@ObjectType('CreatedBoardLink')
export class CreatedBoardLinkModel {
  @Field(() => BoardLinkModel) link: BoardLinkModel;
  @Field(() => String, {
    description: 'The bearer token of the link (tbl_...), shown only now; the room opens /room/<token>. Only its SHA-256 is kept.',
  })
  token: string;
}
