import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AppConfig } from '@tripartite/config';
import { AuditLogService, encodeSequenceCursor } from '@tripartite/audit';
import { Roles } from '@tripartite/auth';
import { checkFirst } from '@tripartite/common';
import type { GqlContext } from '../graphql/context';
import { UserModel } from '../identity/identity.models';
import { AuditEventConnectionModel, AuditEventModel, AuditVerificationModel } from './audit.models';

@Resolver(() => AuditEventModel)
export class AuditResolver {
  constructor(
    private readonly log: AuditLogService,
    private readonly config: AppConfig,
  ) {}

  @Roles('SECRETARIAT', 'ADMIN')
  @Query(() => AuditEventConnectionModel)
  async auditLog(
    @Args('entityId', { type: () => ID, nullable: true }) entityId?: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100 }) first = 100,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<AuditEventConnectionModel> {
    const page = await this.log.page(entityId, checkFirst(first, this.config.GRAPHQL_MAX_FIRST), after);
    const edges = page.events.map((node) => ({ cursor: encodeSequenceCursor(node.sequence), node }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Roles('SECRETARIAT', 'ADMIN')
  @Query(() => AuditVerificationModel)
  verifyAuditChain(): Promise<AuditVerificationModel> {
    return this.log.verify();
  }

  @ResolveField(() => UserModel, { nullable: true, description: 'null: the system' })
  actor(@Parent() event: AuditEventModel, @Context() ctx: GqlContext): Promise<UserModel | null> | null {
    return event.actorId ? ctx.loaders.user.load(event.actorId) : null;
  }
}
