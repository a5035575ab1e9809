import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { Authenticated, CurrentActor } from '@tripartite/auth';
import type { Actor } from '@tripartite/common';
import { LiveEventPayloads, LiveSubscriptions, liveChannel } from '@tripartite/live';
import { ItemTallyRow, MeetingReadService } from '@tripartite/meetings';
import { ItemTallyModel } from './meetings.models';

/** The live board: each changed item's fresh tally, to those who may read the meeting. */
@Resolver()
export class TallyUpdatedResolver {
  constructor(
    private readonly read: MeetingReadService,
    private readonly live: LiveSubscriptions,
  ) {}

  @Authenticated()
  @Subscription(() => ItemTallyModel, { resolve: (tally: ItemTallyRow) => tally, description: "Each change to an item of the meeting: the item's tally." })
  async tallyUpdated(@CurrentActor() actor: Actor, @Args('meetingId', { type: () => ID }) meetingId: string): Promise<AsyncIterableIterator<ItemTallyRow>> {
    // NOT_FOUND at subscribe time for those who may not read the meeting, as its query answers.
    await this.read.get(actor, meetingId);
    // Re-read per event and subscriber through the same reader check (one statement).
    return this.live.asyncIterator<LiveEventPayloads['tallyUpdated'], ItemTallyRow>(liveChannel('tallyUpdated', meetingId), (event) =>
      this.read.itemTallyForReader(actor, event.agendaItemId),
    );
  }
}
