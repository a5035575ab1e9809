import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Authenticated, BoardReadable, CurrentActor, Roles, UserEntity } from '@tripartite/auth';
import { AppError, type Actor, checkFirst } from '@tripartite/common';
import { AppConfig } from '@tripartite/config';
import type { AmendmentStatus, ConstituentGroup, ItemStatus, ParticipantRole, Position, Role } from '@tripartite/domain';
import { AgendaService, MeetingReadService, MeetingService } from '@tripartite/meetings';
import { DraftVersionModel, GuidelineModel, InstrumentModel } from '../drafting/drafting.models';
import type { GqlContext } from '../graphql/context';
import { AmendmentStatusEnum, ConstituentGroupEnum, ItemStatusEnum, ParticipantRoleEnum, PositionEnum, RoleEnum } from '../graphql/enums';
import { UserModel } from '../identity/identity.models';
import { GroupVoteInput, ScheduleMeetingInput } from './meetings.inputs';
import {
  AgendaItemModel,
  AmendmentModel,
  ExpertsMeetingModel,
  GroupPositionModel,
  ItemTallyModel,
  MeetingTallyModel,
  ParticipantModel,
  VoteRecordModel,
  VoteResultModel,
} from './meetings.models';

/** The roster rule (ROSTER_RULES in libs/domain), as the field descriptions say it. */
const ROSTER =
  'until the meeting is CLOSED (SCHEDULED or IN_SESSION); positions and votes are recorded per group, so those already recorded stay in the record';

/** The description of every expectedRevision of an item's writes. */
const REVISION = "the agenda item's revision as read (for an amendment: its item's); CONFLICT when it has moved";

const present = <T>(value: T | null, what: string, id: string): T => {
  if (value === null) throw AppError.notFound(what, id);
  return value;
};

@Resolver(() => ExpertsMeetingModel)
export class ExpertsMeetingResolver {
  constructor(
    private readonly meetings: MeetingService,
    private readonly read: MeetingReadService,
    private readonly config: AppConfig,
  ) {}

  @Roles('SECRETARIAT')
  @Query(() => [UserModel], {
    description:
      'SECRETARIAT. Active users a meeting may register or assign: of an organization (its delegates), with a role (MODERATOR: who may moderate), or both; by name',
  })
  async meetingCandidates(
    @CurrentActor() actor: Actor,
    @Context() ctx: GqlContext,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId?: string | null,
    @Args('role', { type: () => RoleEnum, nullable: true }) role?: Role | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100 }) first = 100,
  ): Promise<UserModel[]> {
    const ids = await this.meetings.candidateIds(
      actor,
      { organizationId: organizationId ?? null, role: role ?? null },
      checkFirst(first, this.config.GRAPHQL_MAX_FIRST),
    );
    const users = await ctx.loaders.user.loadMany(ids);
    return users.filter((u): u is UserEntity => u !== null && !(u instanceof Error));
  }

  @Authenticated()
  @BoardReadable()
  @Query(() => ExpertsMeetingModel, { description: "A meeting the caller may read; a room's board link reads its own meeting's board" })
  meeting(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<ExpertsMeetingModel> {
    return this.read.get(actor, id);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => ExpertsMeetingModel)
  scheduleMeeting(@CurrentActor() actor: Actor, @Args('input') input: ScheduleMeetingInput): Promise<ExpertsMeetingModel> {
    return this.meetings.schedule(actor, input);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => ExpertsMeetingModel)
  assignModerator(
    @CurrentActor() actor: Actor,
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Args('userId', { type: () => ID }) userId: string,
  ): Promise<ExpertsMeetingModel> {
    return this.meetings.assignModerator(actor, meetingId, userId);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => ExpertsMeetingModel, { description: `SECRETARIAT, ${ROSTER.split(';')[0]}; unassigning one who is not a moderator of it changes nothing` })
  unassignModerator(
    @CurrentActor() actor: Actor,
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Args('userId', { type: () => ID }) userId: string,
  ): Promise<ExpertsMeetingModel> {
    return this.meetings.unassignModerator(actor, meetingId, userId);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => ExpertsMeetingModel, {
    description: `SECRETARIAT. Removes a participant, with a reason (audited with who it was), ${ROSTER}. Answers the meeting`,
  })
  removeParticipant(
    @CurrentActor() actor: Actor,
    @Args('participantId', { type: () => ID }) participantId: string,
    @Args('reason', { type: () => String }) reason: string,
  ): Promise<ExpertsMeetingModel> {
    return this.meetings.removeParticipant(actor, participantId, reason);
  }

  @Roles('MODERATOR', 'SECRETARIAT')
  @Mutation(() => ExpertsMeetingModel, { description: 'MODERATOR of it, SECRETARIAT' })
  openMeeting(@CurrentActor() actor: Actor, @Args('meetingId', { type: () => ID }) meetingId: string): Promise<ExpertsMeetingModel> {
    return this.meetings.open(actor, meetingId);
  }

  @Roles('MODERATOR', 'SECRETARIAT')
  @Mutation(() => ExpertsMeetingModel, { description: 'MODERATOR of it, SECRETARIAT; every agenda item must be closed' })
  closeMeeting(@CurrentActor() actor: Actor, @Args('meetingId', { type: () => ID }) meetingId: string): Promise<ExpertsMeetingModel> {
    return this.meetings.close(actor, meetingId);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => ExpertsMeetingModel, { description: 'SECRETARIAT; the meeting must be CLOSED' })
  adoptMeetingReport(@CurrentActor() actor: Actor, @Args('meetingId', { type: () => ID }) meetingId: string): Promise<ExpertsMeetingModel> {
    return this.meetings.adoptReport(actor, meetingId);
  }

  @ResolveField(() => InstrumentModel)
  async instrument(@Parent() meeting: ExpertsMeetingModel, @Context() ctx: GqlContext): Promise<InstrumentModel> {
    return present(await ctx.loaders.instrument.load(meeting.instrumentId), 'Instrument', meeting.instrumentId);
  }

  @ResolveField(() => DraftVersionModel)
  async version(@Parent() meeting: ExpertsMeetingModel, @Context() ctx: GqlContext): Promise<DraftVersionModel> {
    return present(await ctx.loaders.draftVersion.load(meeting.versionId), 'Version', meeting.versionId);
  }

  @ResolveField(() => [ParticipantModel], {
    description:
      'Registered now, by group, then role. A removed participant is no longer listed: its removal (who, in what group and role, why) is in the audit log, and the positions and votes recorded before it stay',
  })
  participants(@Parent() meeting: ExpertsMeetingModel, @Context() ctx: GqlContext): Promise<ParticipantModel[]> {
    return ctx.loaders.participantsOfMeeting.load(meeting.id);
  }

  @ResolveField(() => [UserModel])
  async moderators(@Parent() meeting: ExpertsMeetingModel, @Context() ctx: GqlContext): Promise<UserModel[]> {
    const ids = await ctx.loaders.moderatorIdsOfMeeting.load(meeting.id);
    const users = await ctx.loaders.user.loadMany(ids);
    return users.filter((u): u is UserEntity => u !== null && !(u instanceof Error));
  }

  @ResolveField(() => [AgendaItemModel])
  agenda(@Parent() meeting: ExpertsMeetingModel, @Context() ctx: GqlContext): Promise<AgendaItemModel[]> {
    return ctx.loaders.agendaOfMeeting.load(meeting.id);
  }

  @ResolveField(() => MeetingTallyModel)
  async tally(@Parent() meeting: ExpertsMeetingModel, @Context() ctx: GqlContext): Promise<MeetingTallyModel> {
    return (await ctx.loaders.tallyOfMeeting.load(meeting.id)) ?? { meetingId: meeting.id, items: [], adopted: 0, notAdopted: 0, deferred: 0, open: 0 };
  }
}

@Resolver(() => ParticipantModel)
export class ParticipantResolver {
  constructor(private readonly meetings: MeetingService) {}

  @Roles('SECRETARIAT')
  @Mutation(() => ParticipantModel)
  addParticipant(
    @CurrentActor() actor: Actor,
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Args('userId', { type: () => ID }) userId: string,
    @Args('group', { type: () => ConstituentGroupEnum }) group: ConstituentGroup,
    @Args('role', { type: () => ParticipantRoleEnum }) role: ParticipantRole,
  ): Promise<ParticipantModel> {
    return this.meetings.addParticipant(actor, meetingId, userId, group, role);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => ParticipantModel, {
    description: `SECRETARIAT. Corrects a participant's group and role, with a reason (audited), ${ROSTER}. The organization is the user's: a constituent sits with its organization's group; one CHAIR`,
  })
  updateParticipant(
    @CurrentActor() actor: Actor,
    @Args('participantId', { type: () => ID }) participantId: string,
    @Args('group', { type: () => ConstituentGroupEnum }) group: ConstituentGroup,
    @Args('role', { type: () => ParticipantRoleEnum }) role: ParticipantRole,
    @Args('reason', { type: () => String }) reason: string,
  ): Promise<ParticipantModel> {
    return this.meetings.correctParticipant(actor, participantId, group, role, reason);
  }

  @ResolveField(() => UserModel)
  async user(@Parent() participant: ParticipantModel, @Context() ctx: GqlContext): Promise<UserModel> {
    return present(await ctx.loaders.user.load(participant.userId), 'User', participant.userId);
  }
}

@Resolver(() => AgendaItemModel)
export class AgendaItemResolver {
  constructor(
    private readonly agenda: AgendaService,
    private readonly read: MeetingReadService,
  ) {}

  // One item with its histories, which read through `meeting { agenda }` would be priced at every item's worst case.
  @Authenticated()
  @Query(() => AgendaItemModel, { description: 'An agenda item of a meeting the caller may read' })
  agendaItem(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<AgendaItemModel> {
    return this.read.getItem(actor, id);
  }

  @Roles('MODERATOR', 'SECRETARIAT')
  @Mutation(() => AgendaItemModel)
  openAgendaItem(@CurrentActor() actor: Actor, @Args('agendaItemId', { type: () => ID }) agendaItemId: string): Promise<AgendaItemModel> {
    return this.agenda.openItem(actor, agendaItemId);
  }

  @Roles('MODERATOR', 'SECRETARIAT')
  @Mutation(() => AgendaItemModel)
  recordPosition(
    @CurrentActor() actor: Actor,
    @Args('agendaItemId', { type: () => ID }) agendaItemId: string,
    @Args('group', { type: () => ConstituentGroupEnum }) group: ConstituentGroup,
    @Args('position', { type: () => PositionEnum }) position: Position,
    @Args('statement', { type: () => String, nullable: true }) statement?: string | null,
    @Args('expectedRevision', { type: () => Int, nullable: true, description: REVISION }) expectedRevision?: number | null,
  ): Promise<AgendaItemModel> {
    return this.agenda.recordPosition(actor, agendaItemId, group, position, statement, expectedRevision);
  }

  @Roles('MODERATOR', 'SECRETARIAT')
  @Mutation(() => AgendaItemModel)
  recordVote(
    @CurrentActor() actor: Actor,
    @Args('agendaItemId', { type: () => ID }) agendaItemId: string,
    @Args('votes', { type: () => [GroupVoteInput] }) votes: GroupVoteInput[],
    @Args('expectedRevision', { type: () => Int, nullable: true, description: REVISION }) expectedRevision?: number | null,
  ): Promise<AgendaItemModel> {
    return this.agenda.recordVote(actor, agendaItemId, votes, expectedRevision);
  }

  @Roles('MODERATOR', 'SECRETARIAT')
  @Mutation(() => AgendaItemModel, {
    description:
      'ADOPTED needs the tally CONSENSUS or VOTE_CARRIED (final text: the guideline text); ADOPTED_AS_AMENDED needs an ACCEPTED amendment (final text: its text). finalText, when given, must match.',
  })
  closeAgendaItem(
    @CurrentActor() actor: Actor,
    @Args('agendaItemId', { type: () => ID }) agendaItemId: string,
    @Args('status', { type: () => ItemStatusEnum }) status: ItemStatus,
    @Args('finalText', { type: () => String, nullable: true }) finalText?: string | null,
    @Args('expectedRevision', { type: () => Int, nullable: true, description: REVISION }) expectedRevision?: number | null,
  ): Promise<AgendaItemModel> {
    return this.agenda.closeItem(actor, agendaItemId, status, finalText, expectedRevision);
  }

  @ResolveField(() => GuidelineModel)
  async guideline(@Parent() item: AgendaItemModel, @Context() ctx: GqlContext): Promise<GuidelineModel> {
    return present(await ctx.loaders.guideline.load(item.guidelineId), 'Guideline', item.guidelineId);
  }

  @ResolveField(() => [GroupPositionModel], { description: 'The position in force for each group that stated one.' })
  positions(@Parent() item: AgendaItemModel, @Context() ctx: GqlContext): Promise<GroupPositionModel[]> {
    return ctx.loaders.positionsOfItem.load(item.id);
  }

  @ResolveField(() => [GroupPositionModel], { description: 'Every position recorded on the item, oldest first (replaced ones included).' })
  positionHistory(@Parent() item: AgendaItemModel, @Context() ctx: GqlContext): Promise<GroupPositionModel[]> {
    return ctx.loaders.positionHistoryOfItem.load(item.id);
  }

  @ResolveField(() => [AmendmentModel])
  amendments(@Parent() item: AgendaItemModel, @Context() ctx: GqlContext): Promise<AmendmentModel[]> {
    return ctx.loaders.amendmentsOfItem.load(item.id);
  }

  @ResolveField(() => VoteResultModel, { nullable: true })
  vote(@Parent() item: AgendaItemModel, @Context() ctx: GqlContext): Promise<VoteResultModel | null> {
    return ctx.loaders.voteOfItem.load(item.id);
  }

  @ResolveField(() => [VoteRecordModel], { description: 'Every vote recorded on the item, oldest first (replaced ones included).' })
  voteHistory(@Parent() item: AgendaItemModel, @Context() ctx: GqlContext): Promise<VoteRecordModel[]> {
    return ctx.loaders.voteHistoryOfItem.load(item.id);
  }

  @ResolveField(() => ItemTallyModel)
  async tally(@Parent() item: AgendaItemModel, @Context() ctx: GqlContext): Promise<ItemTallyModel> {
    return present(await ctx.loaders.tallyOfItem.load(item.id), 'Agenda item', item.id);
  }
}

@Resolver(() => AmendmentModel)
export class AmendmentResolver {
  constructor(private readonly agenda: AgendaService) {}

  @Roles('MODERATOR', 'SECRETARIAT')
  @Mutation(() => AmendmentModel)
  proposeAmendment(
    @CurrentActor() actor: Actor,
    @Args('agendaItemId', { type: () => ID }) agendaItemId: string,
    @Args('proposedBy', { type: () => ConstituentGroupEnum }) proposedBy: ConstituentGroup,
    @Args('text', { type: () => String }) text: string,
  ): Promise<AmendmentModel> {
    return this.agenda.proposeAmendment(actor, agendaItemId, proposedBy, text);
  }

  @Roles('MODERATOR', 'SECRETARIAT')
  @Mutation(() => AmendmentModel)
  recordAmendmentPosition(
    @CurrentActor() actor: Actor,
    @Args('amendmentId', { type: () => ID }) amendmentId: string,
    @Args('group', { type: () => ConstituentGroupEnum }) group: ConstituentGroup,
    @Args('position', { type: () => PositionEnum }) position: Position,
    @Args('expectedRevision', { type: () => Int, nullable: true, description: REVISION }) expectedRevision?: number | null,
  ): Promise<AmendmentModel> {
    return this.agenda.recordAmendmentPosition(actor, amendmentId, group, position, expectedRevision);
  }

  @Roles('MODERATOR', 'SECRETARIAT')
  @Mutation(() => AmendmentModel, { description: "ACCEPTED needs the amendment's own positions in CONSENSUS" })
  decideAmendment(
    @CurrentActor() actor: Actor,
    @Args('amendmentId', { type: () => ID }) amendmentId: string,
    @Args('status', { type: () => AmendmentStatusEnum }) status: AmendmentStatus,
    @Args('expectedRevision', { type: () => Int, nullable: true, description: REVISION }) expectedRevision?: number | null,
  ): Promise<AmendmentModel> {
    return this.agenda.decideAmendment(actor, amendmentId, status, expectedRevision);
  }

  @ResolveField(() => [GroupPositionModel])
  positions(@Parent() amendment: AmendmentModel, @Context() ctx: GqlContext): Promise<GroupPositionModel[]> {
    return ctx.loaders.positionsOfAmendment.load(amendment.id);
  }

  @ResolveField(() => AgendaItemModel, { description: 'The item it amends (whose revision its writes compare and bump).' })
  async agendaItem(@Parent() amendment: AmendmentModel, @Context() ctx: GqlContext): Promise<AgendaItemModel> {
    return present(await ctx.loaders.agendaItem.load(amendment.agendaItemId), 'Agenda item', amendment.agendaItemId);
  }

  @ResolveField(() => [GroupPositionModel], { description: 'Every position recorded on the amendment, oldest first.' })
  positionHistory(@Parent() amendment: AmendmentModel, @Context() ctx: GqlContext): Promise<GroupPositionModel[]> {
    return ctx.loaders.positionHistoryOfAmendment.load(amendment.id);
  }
}

@Resolver(() => GroupPositionModel)
export class GroupPositionResolver {
  @ResolveField(() => UserModel)
  async recordedBy(@Parent() position: GroupPositionModel, @Context() ctx: GqlContext): Promise<UserModel> {
    return present(await ctx.loaders.user.load(position.recordedById), 'User', position.recordedById);
  }
}

@Resolver(() => VoteRecordModel)
export class VoteRecordResolver {
  @ResolveField(() => UserModel)
  async recordedBy(@Parent() vote: VoteRecordModel, @Context() ctx: GqlContext): Promise<UserModel> {
    return present(await ctx.loaders.user.load(vote.recordedById), 'User', vote.recordedById);
  }
}

/** Instrument.meetings: the meetings the caller may read. */
@Resolver(() => InstrumentModel)
export class InstrumentMeetingsResolver {
  @ResolveField(() => [ExpertsMeetingModel])
  meetings(@Parent() instrument: InstrumentModel, @Context() ctx: GqlContext): Promise<ExpertsMeetingModel[]> {
    return ctx.loaders.meetingsOfInstrument.load({ actor: ctx.req.actor ?? null, id: instrument.id });
  }
}
