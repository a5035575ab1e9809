import { ConcurrencyGate } from './concurrency-gate';

describe('the gate of the costliest queries', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('admits `slots` at once and the others in the order they came, as slots are released', async () => {
    const gate = new ConcurrencyGate(2, 10);
    const a = await gate.enter(1000);
    const b = await gate.enter(1000);
    const order: string[] = [];
    const c = gate.enter(1000).then((release) => (order.push('c'), release));
    const d = gate.enter(1000).then((release) => (order.push('d'), release));
    await Promise.resolve();
    expect(gate.queued).toBe(2);
    b();
    b(); // a second release of the same slot frees nothing more
    (await c)();
    expect(order).toEqual(['c']);
    a();
    (await d)();
    expect(order).toEqual(['c', 'd']);
    expect(gate.queued).toBe(0);
  });

  it('refuses with RATE_LIMITED when the queue is full, or the wait would outlast the request', async () => {
    const gate = new ConcurrencyGate(1, 1);
    const held = await gate.enter(1000);
    const waiting = gate.enter(500);
    await expect(gate.enter(500)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    jest.advanceTimersByTime(501);
    await expect(waiting).rejects.toMatchObject({ code: 'RATE_LIMITED', extensions: { retryAfterSeconds: 1 } });
    expect(gate.queued).toBe(0);
    held();
    // The slot is free again.
    (await gate.enter(0))();
  });
});
