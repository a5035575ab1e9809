import { setImmediate } from 'node:timers';
import { performance } from 'node:perf_hooks';
import { GraphQLFieldResolver, GraphQLSchema, defaultFieldResolver, getNamedType, isCompositeType, isObjectType } from 'graphql';
import { AppError } from '@tripartite/common';

/** How long execution may run before it lets the event loop answer other requests (health, small queries). */
export const EXECUTION_SLICE_MS = 5;

/**
 * One HTTP operation's time: a deadline past which no further field runs (the request is answered with a
 * QUERY_TOO_COMPLEX "time" error), and slices: graphql-js completes promise-free subtrees synchronously,
 * so a large result would hold the event loop for its whole build; after each slice the next field waits
 * for a macrotask turn instead.
 */
export class ExecutionBudget {
  private sliceStart: number;
  private pause: Promise<void> | null = null;
  private readonly started: number;
  expired = false;

  constructor(
    readonly timeoutMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = this.sliceStart = now();
  }

  /** The pause under way, if any: fields arriving now run once it is over. */
  get pending(): Promise<void> | null {
    return this.pause;
  }

  get elapsedMs(): number {
    return Math.round(this.now() - this.started);
  }

  /** Throws once the deadline has passed (and every call after it). */
  check(): void {
    if (this.expired || this.now() - this.started > this.timeoutMs) {
      this.expired = true;
      throw AppError.queryTooComplex('time', this.timeoutMs, this.elapsedMs, `The request ran longer than ${this.timeoutMs} ms and was stopped`);
    }
  }

  /** The resolver's result now, or after a macrotask turn when the current slice is used up. */
  run<T>(fn: () => T): T | Promise<T> {
    this.check();
    if (!this.pause && this.now() - this.sliceStart < EXECUTION_SLICE_MS) return fn();
    // Every field that arrives during the pause waits on the same turn and then runs in one go, so the
    // loads they make still reach DataLoader together (one batch, as without the pause).
    this.pause ??= new Promise<void>((resolve) =>
      setImmediate(() => {
        this.pause = null;
        this.sliceStart = this.now();
        resolve();
      }),
    );
    return this.pause.then(() => {
      this.check();
      return fn();
    });
  }
}

/**
 * DataLoader's batchScheduleFn for one request: as DataLoader's own (after the promise jobs queued now), but a
 * batch stays open across a pause of the budget, so the fields that wait out the pause still join it. Slicing
 * then never splits a batch: a request sends as many statements as it would without it.
 */
export function batchSchedule(budget: ExecutionBudget): (callback: () => void) => void {
  return (callback) => {
    const dispatch = (): void => {
      const pause = budget.pending;
      if (pause) void pause.then(() => process.nextTick(dispatch));
      else callback();
    };
    void Promise.resolve().then(() => process.nextTick(dispatch));
  };
}

interface WithBudget {
  budget?: ExecutionBudget;
}

/**
 * Every field that returns objects runs through the request's budget (contexts without one, such as
 * subscriptions' events, run as before). Leaves are not wrapped: they add no work below them, and
 * wrapping them would tax every field of every response.
 */
export function withExecutionBudget(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isCompositeType(getNamedType(field.type))) continue;
      const resolve: GraphQLFieldResolver<unknown, WithBudget> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: WithBudget, info) => {
        const budget = context?.budget;
        return budget ? budget.run(() => resolve(source, args, context, info)) : resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
