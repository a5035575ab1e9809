import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Authenticated, CurrentActor, Roles, type OrganizationEntity, type SessionActor } from '@tripartite/auth';
import type { Actor } from '@tripartite/common';
import { AppError, checkFirst, isStaff } from '@tripartite/common';
import { AppConfig } from '@tripartite/config';
import { CommentQueryService, CommentService, RoundService } from '@tripartite/consultation';
import type { Disposition } from '@tripartite/domain';
import type { GqlContext } from '../graphql/context';
import { DispositionEnum } from '../graphql/enums';
import { DraftVersionModel, GuidelineModel, InstrumentModel } from '../drafting/drafting.models';
import { OrganizationModel, UserModel } from '../identity/identity.models';
import { CommentFilterInput, DispositionTargetInput, ScheduleConsultationInput, SubmitCommentInput, UpdateCommentInput } from './consultation.inputs';
import {
  BulkDispositionResultModel,
  CommentConnectionModel,
  CommentModel,
  ConsultationRoundModel,
  DeadlineExtensionModel,
  DispositionRecordModel,
  GuidelineCommentSummaryModel,
} from './consultation.models';

@Resolver(() => ConsultationRoundModel)
export class ConsultationRoundResolver {
  constructor(
    private readonly rounds: RoundService,
    private readonly comments: CommentQueryService,
  ) {}

  @Authenticated()
  @Query(() => ConsultationRoundModel)
  round(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<ConsultationRoundModel> {
    return this.rounds.get(actor, id);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => ConsultationRoundModel)
  scheduleConsultation(@CurrentActor() actor: Actor, @Args('input') input: ScheduleConsultationInput): Promise<ConsultationRoundModel> {
    return this.rounds.schedule(actor, input);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => ConsultationRoundModel)
  extendConsultation(
    @CurrentActor() actor: Actor,
    @Args('roundId', { type: () => ID }) roundId: string,
    @Args('closesAt', { type: () => Date }) closesAt: Date,
    @Args('reason', { type: () => String }) reason: string,
  ): Promise<ConsultationRoundModel> {
    return this.rounds.extend(actor, roundId, closesAt, reason);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => ConsultationRoundModel, {
    description: 'Invites more organizations (of the groups it invites) to a SCHEDULED or OPEN round; those invited already are left as they are.',
  })
  inviteOrganizations(
    @CurrentActor() actor: Actor,
    @Args('roundId', { type: () => ID }) roundId: string,
    @Args('organizationIds', { type: () => [ID] }) organizationIds: string[],
  ): Promise<ConsultationRoundModel> {
    return this.rounds.invite(actor, roundId, organizationIds);
  }

  @ResolveField(() => InstrumentModel)
  async instrument(@Parent() round: ConsultationRoundModel, @Context() ctx: GqlContext): Promise<InstrumentModel> {
    return (await ctx.loaders.instrument.load(round.instrumentId))!;
  }

  @ResolveField(() => DraftVersionModel)
  async version(@Parent() round: ConsultationRoundModel, @Context() ctx: GqlContext): Promise<DraftVersionModel> {
    return (await ctx.loaders.draftVersion.load(round.versionId))!;
  }

  @ResolveField(() => [DeadlineExtensionModel])
  extensions(@Parent() round: ConsultationRoundModel, @Context() ctx: GqlContext): Promise<DeadlineExtensionModel[]> {
    return ctx.loaders.extensionsOfRound.load(round.id);
  }

  @ResolveField(() => Boolean, { description: "Whether the caller's organization is invited to comment in this round (false for callers without one)." })
  async invited(@Parent() round: ConsultationRoundModel, @CurrentActor() actor: Actor, @Context() ctx: GqlContext): Promise<boolean> {
    if (!actor.organizationId) return false;
    return (await ctx.loaders.invitedOrganizationsOfRound.load(round.id)).includes(actor.organizationId);
  }

  @ResolveField(() => [OrganizationModel], { description: 'Invited organizations that have not submitted a comment yet (secretariat only).' })
  pendingOrganizations(@Parent() round: ConsultationRoundModel, @CurrentActor() actor: Actor): Promise<OrganizationModel[]> {
    return this.rounds.pendingOrganizations(actor, round.id);
  }

  @ResolveField(() => [OrganizationModel], { description: 'Every organization invited to the round, by group and name (secretariat only).' })
  async invitedOrganizations(@Parent() round: ConsultationRoundModel, @CurrentActor() actor: Actor, @Context() ctx: GqlContext): Promise<OrganizationModel[]> {
    if (!isStaff(actor)) throw AppError.forbidden('Only the secretariat sees whom a round invites');
    const ids = await ctx.loaders.invitedOrganizationsOfRound.load(round.id);
    const organizations = (await ctx.loaders.organization.loadMany(ids)).filter((o): o is OrganizationEntity => !!o && !(o instanceof Error));
    const order = ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'];
    return organizations.sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group) || a.name.localeCompare(b.name));
  }

  @ResolveField(() => [GuidelineCommentSummaryModel])
  matrix(@Parent() round: ConsultationRoundModel, @CurrentActor() actor: Actor): Promise<GuidelineCommentSummaryModel[]> {
    return this.comments.matrix(actor, round);
  }
}

@Resolver(() => CommentModel)
export class CommentResolver {
  constructor(
    private readonly rounds: RoundService,
    private readonly writes: CommentService,
    private readonly query: CommentQueryService,
    private readonly config: AppConfig,
  ) {}

  @Authenticated()
  @Query(() => CommentConnectionModel)
  async comments(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => CommentFilterInput }) filter: CommentFilterInput,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null | undefined,
    @Context() ctx: GqlContext,
  ): Promise<CommentConnectionModel> {
    const size = checkFirst(first, this.config.GRAPHQL_MAX_FIRST);
    // Read already: Comment.round of this page costs nothing more.
    ctx.loaders.round.prime(filter.roundId, await this.rounds.get(actor, filter.roundId));
    const page = await this.query.page(actor, filter, size, after);
    // Read with the page: organization, author and guideline of these comments cost no statement more.
    page.related.organizations.forEach((o) => ctx.loaders.organization.prime(o.id, o));
    page.related.authors.forEach((u) => ctx.loaders.user.prime(u.id, u));
    page.related.guidelines.forEach((g) => ctx.loaders.guideline.prime(g.id, g));
    return {
      edges: page.edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.edges.at(-1)?.cursor ?? null },
      count: () => this.query.count(actor, filter),
    };
  }

  @Roles('CONSTITUENT')
  @Mutation(() => CommentModel)
  submitComment(@CurrentActor() actor: SessionActor, @Args('input') input: SubmitCommentInput): Promise<CommentModel> {
    // Neither given nor detectable: the author's own language (read with the session).
    return this.writes.submit(actor, input, actor.language);
  }

  @Roles('CONSTITUENT')
  @Mutation(() => CommentModel, { description: "its author's organization, while OPEN" })
  updateComment(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateCommentInput,
    @Args('expectedRevision', { type: () => Int, nullable: true }) expectedRevision?: number | null,
  ): Promise<CommentModel> {
    return this.writes.update(actor, id, input, expectedRevision);
  }

  @Roles('CONSTITUENT')
  @Mutation(() => CommentModel)
  withdrawComment(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<CommentModel> {
    return this.writes.withdraw(actor, id);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => CommentModel)
  setDisposition(
    @CurrentActor() actor: Actor,
    @Args('commentId', { type: () => ID }) commentId: string,
    @Args('disposition', { type: () => DispositionEnum }) disposition: Disposition,
    @Args('note', { type: () => String, nullable: true }) note?: string | null,
    @Args('expectedRevision', { type: () => Int, nullable: true, description: "the comment's dispositionRevision as read; CONFLICT when it has moved" })
    expectedRevision?: number | null,
  ): Promise<CommentModel> {
    return this.writes.setDisposition(actor, commentId, disposition, note, expectedRevision);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => BulkDispositionResultModel, {
    description:
      'One disposition and one note for several comments of one round (at most 200), in one transaction, item by item: each comment that ' +
      'setDisposition would accept is disposed of; each other one is refused (refused: its code, reason and current state) and nothing of it is ' +
      'written. Not all-or-nothing: a comment changed meanwhile does not stop the others.',
  })
  setDispositions(
    @CurrentActor() actor: Actor,
    @Args('roundId', { type: () => ID }) roundId: string,
    @Args('items', { type: () => [DispositionTargetInput] }) items: DispositionTargetInput[],
    @Args('disposition', { type: () => DispositionEnum }) disposition: Disposition,
    @Args('note', { type: () => String, nullable: true }) note?: string | null,
  ): Promise<BulkDispositionResultModel> {
    return this.writes.setDispositions(actor, roundId, items, disposition, note);
  }

  @ResolveField(() => ConsultationRoundModel)
  async round(@Parent() comment: CommentModel, @Context() ctx: GqlContext): Promise<ConsultationRoundModel> {
    return (await ctx.loaders.round.load(comment.roundId))!;
  }

  @ResolveField(() => GuidelineModel, { nullable: true, description: 'null: a general comment on the whole draft' })
  guideline(@Parent() comment: CommentModel, @Context() ctx: GqlContext): Promise<GuidelineModel | null> | null {
    return comment.guidelineId ? ctx.loaders.guideline.load(comment.guidelineId) : null;
  }

  @ResolveField(() => OrganizationModel)
  async organization(@Parent() comment: CommentModel, @Context() ctx: GqlContext): Promise<OrganizationModel> {
    return (await ctx.loaders.organization.load(comment.organizationId))!;
  }

  @ResolveField(() => UserModel)
  async author(@Parent() comment: CommentModel, @Context() ctx: GqlContext): Promise<UserModel> {
    return (await ctx.loaders.user.load(comment.authorId))!;
  }

  @ResolveField(() => [DispositionRecordModel], { description: 'Every disposition recorded, oldest first; the last is the current one (SECRETARIAT, ADMIN).' })
  dispositionHistory(@Parent() comment: CommentModel, @Context() ctx: GqlContext): Promise<DispositionRecordModel[]> {
    return ctx.loaders.dispositionHistoryOfComment.load({ actor: ctx.req.actor ?? null, id: comment.id });
  }
}

@Resolver(() => DispositionRecordModel)
export class DispositionRecordResolver {
  @ResolveField(() => UserModel)
  async recordedBy(@Parent() record: DispositionRecordModel, @Context() ctx: GqlContext): Promise<UserModel> {
    return (await ctx.loaders.user.load(record.recordedById))!;
  }
}

@Resolver(() => CommentConnectionModel)
export class CommentConnectionResolver {
  @ResolveField(() => Int)
  totalCount(@Parent() connection: CommentConnectionModel): Promise<number> {
    return connection.count();
  }
}

/** Instrument.rounds: the consultation's part of the drafting type. */
@Resolver(() => InstrumentModel)
export class InstrumentRoundsResolver {
  @ResolveField(() => [ConsultationRoundModel])
  rounds(@Parent() instrument: InstrumentModel, @Context() ctx: GqlContext): Promise<ConsultationRoundModel[]> {
    return ctx.loaders.roundsOfInstrument.load(instrument.id);
  }
}
