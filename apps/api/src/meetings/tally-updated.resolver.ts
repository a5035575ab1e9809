import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { Authenticated, BoardReadable, CurrentActor } from '@tripartite/auth';
import type { Actor } from '@tripartite/common';
import { LiveEventPayloads, LiveSubscriptions, liveChannel, perEvent } from '@tripartite/live';
import { ItemTallyRow, MeetingReadService, mayReadTally } from '@tripartite/meetings';
import { ItemTallyModel } from './meetings.models';

/** The live board: each changed item's fresh tally, to those who may read the meeting. */
@Resolver()
export class TallyUpdatedResolver {
  constructor(
    private readonly read: MeetingReadService,
    private readonly live: LiveSubscriptions,
  ) {}

  private readonly tallyOf = perEvent((event: LiveEventPayloads['tallyUpdated']) => this.read.itemTallyWithReaders(event.agendaItemId));

  @Authenticated()
  @BoardReadable()
  @Subscription(() => ItemTallyModel, { resolve: (tally: ItemTallyRow) => tally, description: "Each change to an item of the meeting: the item's tally." })
  async tallyUpdated(@CurrentActor() actor: Actor, @Args('meetingId', { type: () => ID }) meetingId: string): Promise<AsyncIterableIterator<ItemTallyRow>> {
    // NOT_FOUND at subscribe time for those who may not read the meeting, as its query answers.
    await this.read.get(actor, meetingId);
    // Read once per event in this instance; whether each subscriber still may read the meeting is checked on every event.
    return this.live.asyncIterator<LiveEventPayloads['tallyUpdated'], ItemTallyRow>(liveChannel('tallyUpdated', meetingId), async (event) => {
      const read = await this.tallyOf(event);
      return read && mayReadTally(actor, read) ? read.tally : null;
    });
  }
}
