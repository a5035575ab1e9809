/**
 * Live events (GraphQL subscriptions) through Redis, so every API instance delivers what any process published.
 *
 * Adding one, e.g. tallyUpdated(meetingId):
 * 1. Name its payload in LiveEventPayloads (ids only: each subscriber re-reads what it may see).
 * 2. Publish after the commit, in the service that writes (its module imports LiveModule):
 *      tx.afterCommit(() => this.live.publish('tallyUpdated', meetingId, { meetingId, agendaItemId }));
 *    (`live` is LivePublisher; publish never throws, a failure is logged.)
 * 3. Serve it from a resolver in a module that imports LiveModule:
 *      @Authenticated()
 *      @Subscription(() => ItemTallyModel, { resolve: (tally: ItemTallyRow) => tally })
 *      async tallyUpdated(@CurrentActor() actor: Actor, @Args('meetingId', { type: () => ID }) meetingId: string) {
 *        await this.read.get(actor, meetingId); // refuse at subscribe time (NOT_FOUND), as the query would
 *        return this.live.asyncIterator<LiveEventPayloads['tallyUpdated'], ItemTallyRow>(liveChannel('tallyUpdated', meetingId),
 *          async (event) => { const t = await this.tallyOf(event); return t && mayRead(actor, t) ? t.tally : null; });
 *      }
 *    `live` is LiveSubscriptions; `tallyOf = perEvent((e) => ...)` reads once per event in this process, with what
 *    decides who may see it, and the select function filters per subscriber in memory (null: not for this one).
 *    `resolve` returns what it selected. (Nest's `filter` option also works on the raw payload, at the cost of a
 *    second read.) When the payload type has fields resolved through ctx.loaders, use LiveFeeds.stream
 *    (apps/api/src/live/live-feeds.ts) instead, which gives each event fresh loaders.
 * Auth, Origin, limits and error formatting of the WebSocket are in apps/api/src/live/ws-server.ts.
 */
export * from './live-events';
export { redisLiveChannel } from './live-pubsub';
export * from './live-publisher';
export * from './live-subscriptions';
export * from './per-event';
export * from './live.module';
