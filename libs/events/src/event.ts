/**
 * What a subscriber does with an event, checked at boot: every effect an event declares has a subscriber
 * (EventBus.assertComplete). Every event is audited, so 'audit' is implied, not declared.
 * - notify: notification events (in-app, email, webhooks) through the outbox
 * - jobs: deadline or maintenance jobs through the outbox (a round's close, a reminder, a checkpoint)
 * - live: a live event published after commit (tallyUpdated, stageChanged, ...)
 * - react: another capability changes its own state in the same transaction (a stage move opens a round)
 */
export type Effect = 'audit' | 'notify' | 'jobs' | 'live' | 'react';

/** An entry of the catalogue: the audited entity type, the effects its subscribers must provide, and its data's type. */
export interface EventSpec<D> {
  entity: string;
  effects: readonly Effect[];
  /** Type only (never read): the shape of the event's data. */
  readonly data?: D;
}

/** Declares one event of the catalogue: `event<{ roundId: string }>('ConsultationRound', ['notify'])`. */
export function event<D extends object>(entity: string, effects: readonly Exclude<Effect, 'audit'>[] = []): EventSpec<D> {
  return { entity, effects };
}
