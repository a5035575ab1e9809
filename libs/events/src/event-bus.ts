import { Injectable, Logger } from '@nestjs/common';
import type { Actor } from '@tripartite/common';
import type { Tx } from '@tripartite/database';
import type { Effect } from './event';
import { DOMAIN_EVENTS, DOMAIN_EVENT_NAMES, DomainEventName, EventData } from './catalogue';

/** One write, as its subscribers see it. */
export interface DomainEvent<N extends DomainEventName = DomainEventName> {
  name: N;
  /** null: the system (a deadline job, the demo seed). */
  actor: Actor | null;
  /** The id of the entity the catalogue names (an Instrument's, a Comment's, ...). */
  entityId: string;
  data: EventData<N>;
}

/** Each event a subscriber takes is narrowed to its own name. */
type Each<N extends DomainEventName> = { [K in N]: DomainEvent<K> }[N];
type InTransaction<N extends DomainEventName> = (tx: Tx, event: Each<N>) => Promise<unknown> | void;
type AfterCommit<N extends DomainEventName> = (event: Each<N>) => Promise<unknown> | void;

interface Subscription {
  names: ReadonlySet<DomainEventName> | 'all';
  effect: Effect;
  inTransaction?: InTransaction<DomainEventName>;
  afterCommit?: AfterCommit<DomainEventName>;
  by: string;
}

/**
 * The typed bus of domain events (Vendure's EventBus is the model). A service raises one event per write, inside
 * the write's transaction; in-transaction subscribers run there, in the order they subscribed, and what they
 * write commits or rolls back with the write (the audit row, outbox rows, another capability's reaction);
 * after-commit subscribers run once it has committed (live events), never when it rolled back.
 * Subscribers register in onModuleInit; assertComplete (at application bootstrap) checks every effect each
 * event declares has a subscriber.
 */
@Injectable()
export class EventBus {
  private readonly logger = new Logger(EventBus.name);
  private readonly subscriptions: Subscription[] = [];

  /** Runs in the raising transaction. `names` 'all': every event (the audit). */
  onWrite<N extends DomainEventName>(names: readonly N[] | 'all', effect: Effect, by: string, handler: InTransaction<N>): void {
    this.subscriptions.push({ names: names === 'all' ? 'all' : new Set(names), effect, by, inTransaction: handler as InTransaction<DomainEventName> });
  }

  /** Runs after the raising transaction committed; a failure is logged, never thrown (the write stands). */
  afterCommit<N extends DomainEventName>(names: readonly N[], effect: Effect, by: string, handler: AfterCommit<N>): void {
    this.subscriptions.push({ names: new Set(names), effect, by, afterCommit: handler as AfterCommit<DomainEventName> });
  }

  async raise<N extends DomainEventName>(tx: Tx, event: DomainEvent<N>): Promise<void> {
    const matching = this.subscriptions.filter((s) => s.names === 'all' || s.names.has(event.name));
    // One connection per transaction: subscribers' statements run one after another.
    for (const s of matching) if (s.inTransaction) await s.inTransaction(tx, event as Each<DomainEventName>);
    for (const s of matching) {
      const handler = s.afterCommit;
      if (!handler) continue;
      tx.afterCommit(async () => {
        try {
          await handler(event as Each<DomainEventName>);
        } catch (error) {
          this.logger.error({ err: { message: (error as Error)?.message }, event: event.name, by: s.by }, 'after-commit subscriber failed');
        }
      });
    }
  }

  /** The effects events declare that no subscriber provides, as "event: effect"; empty when complete. */
  missing(): string[] {
    const gaps: string[] = [];
    for (const name of DOMAIN_EVENT_NAMES) {
      const effects: readonly Effect[] = ['audit', ...DOMAIN_EVENTS[name].effects];
      for (const effect of effects) {
        const covered = this.subscriptions.some((s) => s.effect === effect && (s.names === 'all' || s.names.has(name)));
        if (!covered) gaps.push(`${name}: ${effect}`);
      }
    }
    return gaps;
  }

  /** Throws when an event's declared effect has no subscriber (a module left out, or a subscriber forgotten). */
  assertComplete(): void {
    const gaps = this.missing();
    if (gaps.length) throw new Error(`Domain events without their subscribers: ${gaps.join(', ')}`);
  }

  /** Who subscribed to what, for the catalogue's tests: [event, effect, by]. */
  subscribers(): [DomainEventName, Effect, string][] {
    return DOMAIN_EVENT_NAMES.flatMap((name) =>
      this.subscriptions.filter((s) => s.names === 'all' || s.names.has(name)).map((s): [DomainEventName, Effect, string] => [name, s.effect, s.by]),
    );
  }
}
