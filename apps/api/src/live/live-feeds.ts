import { Injectable } from '@nestjs/common';
import type { Actor } from '@tripartite/common';
import { CommentQueryService, CommentRow, RoundService } from '@tripartite/consultation';
import { DraftingReadService } from '@tripartite/drafting';
import { LiveEventPayloads, LiveSelect, LiveSubscriptions, liveChannel } from '@tripartite/live';
import { NotificationInbox, NotificationRow } from '@tripartite/notifications';
import { StageTransitionRow, WorkflowService } from '@tripartite/workflow';
import type { GqlContext } from '../graphql/context';
import { LoadersFactory } from '../graphql/loaders';

/**
 * The event streams behind the Subscription fields. Access to the subject is checked once, when the
 * subscription starts (NOT_FOUND as its query would answer); each event is then re-read for this
 * subscriber through the reader its query uses, and skipped when the subscriber may not see it.
 */
@Injectable()
export class LiveFeeds {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly live: LiveSubscriptions,
    private readonly loaders: LoadersFactory,
    private readonly drafting: DraftingReadService,
    private readonly workflow: WorkflowService,
    private readonly rounds: RoundService,
    private readonly comments: CommentQueryService,
    private readonly inbox: NotificationInbox,
  ) {}

  async stageChanged(actor: Actor, ctx: GqlContext, instrumentId: string): Promise<AsyncIterableIterator<StageTransitionRow>> {
    await this.drafting.getInstrument(actor, instrumentId);
    // The same row for every subscriber (access was checked above): one read per event, not one per subscriber.
    return this.stream<LiveEventPayloads['stageChanged'], StageTransitionRow>(ctx, liveChannel('stageChanged', instrumentId), (e) =>
      this.shared(`transition:${e.transitionId}`, () => this.workflow.transition(e.transitionId)),
    );
  }

  async commentSubmitted(actor: Actor, ctx: GqlContext, roundId: string): Promise<AsyncIterableIterator<CommentRow>> {
    await this.rounds.get(actor, roundId);
    return this.stream<LiveEventPayloads['commentSubmitted'], CommentRow>(ctx, liveChannel('commentSubmitted', roundId), async (e) => {
      const [visible] = await this.comments.byIds(actor, [e.commentId]);
      return visible;
    });
  }

  /** The caller's own channel, and only rows addressed to the caller: no one receives another's notification. */
  notificationAdded(actor: Actor, ctx: GqlContext): AsyncIterableIterator<NotificationRow> {
    return this.stream<LiveEventPayloads['notificationAdded'], NotificationRow>(ctx, liveChannel('notificationAdded', actor.userId), (e) =>
      this.inbox.own(actor, e.notificationId),
    );
  }

  /** Coalesces the concurrent reads of one key (the subscribers of one event), and keeps nothing after. */
  private shared<T>(key: string, read: () => Promise<T>): Promise<T> {
    let pending = this.inFlight.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = read().finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  /**
   * The selected events of one channel. Each event's nested fields get fresh loaders: a subscription
   * lives for hours and its context with it, and a loader's cache must not (events run one at a time).
   */
  stream<P, R>(ctx: GqlContext, channel: string, select: LiveSelect<P, R>): AsyncIterableIterator<R> {
    return this.live.asyncIterator<P, R>(channel, async (payload) => {
      const value = await select(payload);
      if (value !== null && value !== undefined) ctx.loaders = this.loaders.create();
      return value;
    });
  }
}
