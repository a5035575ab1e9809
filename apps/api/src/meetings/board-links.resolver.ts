import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, Roles } from '@tripartite/auth';
import type { Actor } from '@tripartite/common';
import { BoardLinkService } from '@tripartite/meetings';
import { BoardLinkModel, CreatedBoardLinkModel } from './meetings.models';

/** The secretariat's board links for a meeting's room (the room itself reads through `meeting` and `tallyUpdated`). */
@Resolver(() => BoardLinkModel)
export class BoardLinksResolver {
  constructor(private readonly links: BoardLinkService) {}

  @Roles('SECRETARIAT')
  @Query(() => [BoardLinkModel], { description: "SECRETARIAT: the meeting's board links still open (not revoked, not expired)" })
  boardLinks(@CurrentActor() actor: Actor, @Args('meetingId', { type: () => ID }) meetingId: string): Promise<BoardLinkModel[]> {
    return this.links.list(actor, meetingId);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => CreatedBoardLinkModel, {
    description: 'SECRETARIAT: a read-only link to the meeting board for its room; expires at expiresAt (default: a day after the meeting ends)',
  })
  createBoardLink(
    @CurrentActor() actor: Actor,
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @Args('label', { type: () => String }) label: string,
    @Args('expiresAt', { type: () => Date, nullable: true }) expiresAt?: Date | null,
  ): Promise<CreatedBoardLinkModel> {
    return this.links.create(actor, meetingId, label, expiresAt);
  }

  @Roles('SECRETARIAT')
  @Mutation(() => BoardLinkModel, { description: 'SECRETARIAT: the link opens nothing from now on (its open sockets are closed)' })
  revokeBoardLink(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<BoardLinkModel> {
    return this.links.revoke(actor, id);
  }
}
