import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Authenticated, CurrentActor, Roles } from '@tripartite/auth';
import { AppError, type Actor, checkFirst } from '@tripartite/common';
import { AppConfig } from '@tripartite/config';
import type { GbDecision, Language } from '@tripartite/domain';
import { GbSessionService, SubmissionReadService, SubmissionService, type DocumentFormat } from '@tripartite/governing-body';
import { InstrumentModel } from '../drafting/drafting.models';
import type { GqlContext } from '../graphql/context';
import { DocumentFormatEnum, GbDecisionEnum, LanguageEnum } from '../graphql/enums';
import { PrepareSubmissionInput } from './governing-body.inputs';
import { GoverningBodySessionModel, GoverningBodySubmissionModel } from './governing-body.models';

const present = <T>(value: T | null, what: string, id: string): T => {
  if (value === null) throw AppError.notFound(what, id);
  return value;
};

@Resolver(() => GoverningBodySessionModel)
export class GoverningBodySessionResolver {
  constructor(
    private readonly sessions: GbSessionService,
    private readonly config: AppConfig,
  ) {}

  @Authenticated()
  @Query(() => [GoverningBodySessionModel], { description: 'The latest `first` sessions, in the order they meet' })
  governingBodySessions(@Args('first', { type: () => Int, nullable: true, defaultValue: 100 }) first = 100): Promise<GoverningBodySessionModel[]> {
    return this.sessions.list(checkFirst(first, this.config.GRAPHQL_MAX_FIRST));
  }

  @Roles('SECRETARIAT')
  @Mutation(() => GoverningBodySessionModel, { description: 'SECRETARIAT; documentDeadline defaults to GB_DOCUMENT_DEADLINE_DAYS (15) before startsAt' })
  createGoverningBodySession(
    @CurrentActor() actor: Actor,
    @Args('number', { type: () => Int }) number: number,
    @Args('startsAt', { type: () => Date }) startsAt: Date,
    @Args('endsAt', { type: () => Date }) endsAt: Date,
    @Args('documentDeadline', { type: () => Date, nullable: true }) documentDeadline?: Date | null,
  ): Promise<GoverningBodySessionModel> {
    return this.sessions.create(actor, { number, startsAt, endsAt, documentDeadline });
  }
}

@Resolver(() => GoverningBodySubmissionModel)
export class GoverningBodySubmissionResolver {
  constructor(
    private readonly submissions: SubmissionService,
    private readonly read: SubmissionReadService,
  ) {}

  @Roles('SECRETARIAT')
  @Mutation(() => GoverningBodySubmissionModel, { description: 'SECRETARIAT; the instrument must be in GB_SUBMISSION' })
  prepareSubmission(@CurrentActor() actor: Actor, @Args('input') input: PrepareSubmissionInput): Promise<GoverningBodySubmissionModel> {
    return this.submissions.prepare(actor, input);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => GoverningBodySubmissionModel, { description: 'SECRETARIAT; DRAFT -> SUBMITTED, late after the document deadline; freezes the paper' })
  submitToGoverningBody(@CurrentActor() actor: Actor, @Args('submissionId', { type: () => ID }) submissionId: string): Promise<GoverningBodySubmissionModel> {
    return this.submissions.submit(actor, submissionId);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => GoverningBodySubmissionModel, {
    description: 'SECRETARIAT, on a SUBMITTED paper; moves the instrument (DEFERRED: stays in GB_SUBMISSION); text required with APPROVED_WITH_AMENDMENTS',
  })
  recordGoverningBodyDecision(
    @CurrentActor() actor: Actor,
    @Args('submissionId', { type: () => ID }) submissionId: string,
    @Args('decision', { type: () => GbDecisionEnum }) decision: GbDecision,
    @Args('text', { type: () => String, nullable: true }) text?: string | null,
  ): Promise<GoverningBodySubmissionModel> {
    return this.submissions.decide(actor, submissionId, decision, text);
  }

  @ResolveField(() => InstrumentModel)
  async instrument(@Parent() submission: GoverningBodySubmissionModel, @Context() ctx: GqlContext): Promise<InstrumentModel> {
    return present(await ctx.loaders.instrument.load(submission.instrumentId), 'Instrument', submission.instrumentId);
  }

  @ResolveField(() => GoverningBodySessionModel)
  async session(@Parent() submission: GoverningBodySubmissionModel, @Context() ctx: GqlContext): Promise<GoverningBodySessionModel> {
    return present(await ctx.loaders.gbSession.load(submission.sessionId), 'Session', submission.sessionId);
  }

  @ResolveField(() => String, { description: "the paper in the language, with the Office's fixed phrases; frozen once SUBMITTED" })
  document(
    @Parent() submission: GoverningBodySubmissionModel,
    @Args('format', { type: () => DocumentFormatEnum, nullable: true, defaultValue: 'MARKDOWN' }) format?: DocumentFormat | null,
    @Args('language', { type: () => LanguageEnum, nullable: true, defaultValue: 'EN' }) language?: Language | null,
  ): Promise<string> {
    return this.read.document(submission, format ?? 'MARKDOWN', language ?? 'EN');
  }
}

@Resolver(() => InstrumentModel)
export class InstrumentSubmissionResolver {
  @ResolveField(() => GoverningBodySubmissionModel, { nullable: true, description: 'the latest submission (a DRAFT only for staff)' })
  submission(@Parent() instrument: InstrumentModel, @Context() ctx: GqlContext): Promise<GoverningBodySubmissionModel | null> {
    return ctx.loaders.submissionOfInstrument.load({ actor: ctx.req.actor ?? null, id: instrument.id });
  }
}
