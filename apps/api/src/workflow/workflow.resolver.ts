import { Args, Context, ID, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '@tripartite/auth';
import type { Actor } from '@tripartite/common';
import type { Stage } from '@tripartite/domain';
import { WorkflowService } from '@tripartite/workflow';
import { InstrumentModel } from '../drafting/drafting.models';
import type { GqlContext } from '../graphql/context';
import { StageEnum } from '../graphql/enums';
import { UserModel } from '../identity/identity.models';
import { StageOptionModel, StageTransitionModel } from './workflow.models';

@Resolver(() => InstrumentModel)
export class WorkflowResolver {
  constructor(private readonly workflow: WorkflowService) {}

  @Roles('SECRETARIAT')
  @Mutation(() => InstrumentModel)
  advanceStage(
    @CurrentActor() actor: Actor,
    @Args('instrumentId', { type: () => ID }) instrumentId: string,
    @Args('to', { type: () => StageEnum }) to: Stage,
    @Args('reason', { type: () => String, nullable: true }) reason?: string,
    @Args('expectedRevision', { type: () => Int, nullable: true }) expectedRevision?: number,
  ): Promise<InstrumentModel> {
    return this.workflow.advance(actor, instrumentId, to, reason, expectedRevision) as Promise<InstrumentModel>;
  }

  @ResolveField(() => [StageOptionModel], { description: 'What the caller could do next, and what still blocks each move.' })
  nextStages(@Parent() instrument: InstrumentModel, @Context() ctx: GqlContext): Promise<StageOptionModel[]> {
    return this.workflow.options(ctx.req.actor ?? null, instrument.id);
  }

  @ResolveField(() => [StageTransitionModel])
  stageHistory(@Parent() instrument: InstrumentModel, @Context() ctx: GqlContext): Promise<StageTransitionModel[]> {
    return ctx.loaders.stageHistory.load(instrument.id);
  }
}

@Resolver(() => StageTransitionModel)
export class StageTransitionResolver {
  @ResolveField(() => UserModel, { nullable: true, description: 'null when the system (a deadline) moved it' })
  actor(@Parent() transition: StageTransitionModel, @Context() ctx: GqlContext): Promise<UserModel | null> | null {
    return transition.actorId ? ctx.loaders.user.load(transition.actorId) : null;
  }
}
