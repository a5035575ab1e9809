import { setImmediate } from 'node:timers';
import DataLoader from 'dataloader';
import { buildSchema, graphql } from 'graphql';
import { EXECUTION_SLICE_MS, ExecutionBudget, batchSchedule, withExecutionBudget } from './execution-budget';

/** A clock the test moves: each resolved `child` costs `perChild` ms. */
function fakeClock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function world(perChild: number, budgetOf: (clock: ReturnType<typeof fakeClock>) => ExecutionBudget | undefined) {
  const clock = fakeClock();
  const budget = budgetOf(clock);
  const resolved: number[] = [];
  const batches: number[][] = [];
  const loader = new DataLoader<number, { id: number }>(
    async (ids) => {
      batches.push([...ids]);
      return ids.map((id) => ({ id }));
    },
    budget ? { batchScheduleFn: batchSchedule(budget) } : {},
  );
  const schema = buildSchema(`
    type Child { id: Int! }
    type Item { id: Int! child: Child! }
    type Query { items: [Item!]! }
  `);
  const fields = (schema.getType('Item') as unknown as { getFields(): Record<string, { resolve?: unknown }> }).getFields();
  fields.child.resolve = (item: { id: number }) => {
    resolved.push(item.id);
    clock.advance(perChild);
    return loader.load(item.id);
  };
  withExecutionBudget(schema);
  const root = { items: Array.from({ length: 100 }, (_, id) => ({ id })) };
  const run = () => graphql({ schema, source: `{ items { id child { id } } }`, rootValue: root, contextValue: { budget } });
  return { clock, resolved, batches, run, budget };
}

describe("a request's execution budget", () => {
  it('lets other work run between slices of a large result, and still sends its loads in one batch', async () => {
    const w = world(1, (clock) => new ExecutionBudget(10_000, clock.now));
    let otherRanAfter: number | null = null;
    setImmediate(() => (otherRanAfter = w.resolved.length));
    const result = await w.run();
    expect(result.errors).toBeUndefined();
    expect(result.data?.items).toHaveLength(100);
    // The other callback ran once the first slice was used up, not after the whole result.
    expect(otherRanAfter).toBeGreaterThanOrEqual(EXECUTION_SLICE_MS);
    expect(otherRanAfter).toBeLessThan(100);
    // 100 children over 20 slices of 5 ms: the batch stayed open across every pause.
    expect(w.batches).toHaveLength(1);
    expect(w.batches[0]).toHaveLength(100);
  });

  it('runs no field once the deadline has passed, and says so', async () => {
    const w = world(1, (clock) => new ExecutionBudget(30, clock.now));
    const result = await w.run();
    expect(w.budget!.expired).toBe(true);
    // Children resolved up to the deadline (30 ms at 1 ms each, give or take a slice), none after.
    expect(w.resolved.length).toBeGreaterThanOrEqual(30);
    expect(w.resolved.length).toBeLessThanOrEqual(31);
    expect(result.errors?.[0].originalError).toMatchObject({ code: 'QUERY_TOO_COMPLEX', extensions: { kind: 'time', limit: 30 } });
  });

  it('leaves a context without a budget (subscription events) as it was', async () => {
    const w = world(1, () => undefined);
    const result = await w.run();
    expect(result.errors).toBeUndefined();
    expect(w.resolved).toHaveLength(100);
    expect(w.batches).toHaveLength(1);
  });
});
