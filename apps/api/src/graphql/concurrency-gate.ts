import { AppError } from '@tripartite/common';

/**
 * At most `slots` holders at once; the others wait in order, at most `maxWaiting` of them, each no longer
 * than it may (its request's remaining time). Used for the costliest queries, so that a flood of them
 * shares a few slots of the event loop and everything else (health, small queries) keeps answering.
 */
export class ConcurrencyGate {
  private running = 0;
  private readonly waiting: { admit: () => void }[] = [];

  constructor(
    readonly slots: number,
    readonly maxWaiting: number,
    private readonly onChange: (running: number, waiting: number) => void = () => undefined,
  ) {}

  private changed(): void {
    this.onChange(this.running, this.waiting.length);
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with the release function once admitted; RATE_LIMITED when the queue is full or the wait too long. */
  async enter(maxWaitMs: number): Promise<() => void> {
    if (this.running < this.slots) {
      this.running += 1;
      this.changed();
      return this.releaser();
    }
    if (this.waiting.length >= this.maxWaiting) throw AppError.rateLimited(1);
    await new Promise<void>((resolve, reject) => {
      const entry = {
        admit: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(
        () => {
          const at = this.waiting.indexOf(entry);
          if (at >= 0) this.waiting.splice(at, 1);
          this.changed();
          reject(AppError.rateLimited(1));
        },
        Math.max(0, maxWaitMs),
      );
      this.waiting.push(entry);
      this.changed();
    });
    return this.releaser();
  }

  /** The slot passes to the next waiter as it is, or is freed; calling it twice does nothing. */
  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next.admit();
      else this.running -= 1;
      this.changed();
    };
  }
}
