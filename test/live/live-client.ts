// graphql-ws clients as a browser or a service would use them, and what they receive.
import type { ClientRequestArgs } from 'node:http';
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export const wsUrl = (httpUrl: string) => `${httpUrl.replace(/^http/, 'ws')}/graphql`;

export interface LiveClientOptions {
  /** The Origin header of the upgrade request (a browser always sends one; ws sends none by default). */
  origin?: string;
  /** Sent as connectionParams.authorization, as the contract says. */
  authorization?: string;
}

/** Connects at once (not lazily), never retries: each test sees the server's first answer. */
export function liveClient(httpUrl: string, token: string | null, o: LiveClientOptions = {}): Client {
  const origin = o.origin;
  class OriginWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[], options?: ClientRequestArgs) {
      super(address, protocols, { ...options, ...(origin ? { origin } : {}) });
    }
  }
  const authorization = o.authorization ?? (token ? `Bearer ${token}` : undefined);
  return createClient({
    url: wsUrl(httpUrl),
    webSocketImpl: OriginWebSocket,
    connectionParams: authorization ? { authorization } : {},
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => undefined,
  });
}

export interface Closed {
  code: number;
  reason: string;
}

/** 'connected' once acknowledged, or the close event if the server refused the connection. */
export function connectionOutcome(client: Client): Promise<'connected' | Closed> {
  return new Promise((resolve) => {
    client.on('connected', () => resolve('connected'));
    client.on('closed', (event) => resolve(closeOf(event)));
  });
}

/** The next close of a connection (e.g. when its token expires). */
export function nextClose(client: Client): Promise<Closed> {
  return new Promise((resolve) => client.on('closed', (event) => resolve(closeOf(event))));
}

const closeOf = (event: unknown): Closed => {
  const e = event as { code: number; reason: unknown };
  return { code: e.code, reason: String(e.reason) };
};

export interface Received<T> {
  data: T;
  at: number;
}

/** One subscription's results, as they arrive. */
export class Feed<T = any> {
  readonly events: Received<T>[] = [];
  readonly errors: { code?: string; message: string }[] = [];
  completed = false;
  private readonly stop: () => void;

  constructor(
    client: Client,
    query: string,
    variables: Record<string, unknown>,
    private readonly field: string,
  ) {
    this.stop = client.subscribe<Record<string, T>>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors?.length) this.errors.push(...result.errors.map((e) => ({ code: e.extensions?.code as string | undefined, message: e.message })));
          if (result.data?.[this.field]) this.events.push({ data: result.data[this.field], at: Date.now() });
        },
        error: (error) => {
          const list = Array.isArray(error) ? error : [error];
          this.errors.push(...list.map((e: any) => ({ code: e?.extensions?.code, message: String(e?.message ?? e?.reason ?? e) })));
        },
        complete: () => (this.completed = true),
      },
    );
  }

  data(): T[] {
    return this.events.map((e) => e.data);
  }

  unsubscribe(): void {
    this.stop();
  }
}

/** Polls until check() is true, or fails after ms with what. */
export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 5000, every = 20): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/**
 * A subscription has no acknowledgement in graphql-transport-ws, so a test learns that the server is
 * listening by publishing a harmless "warm-up" event until every feed has received one.
 */
export async function warmUp(feeds: Feed[], publish: () => Promise<unknown>, isWarmUp: (data: any) => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!feeds.every((f) => f.data().some(isWarmUp))) {
    const failed = feeds.find((f) => f.errors.length || f.completed);
    if (failed) throw new Error(`a subscription ended before its warm-up: ${JSON.stringify(failed.errors)}`);
    if (Date.now() > deadline) throw new Error(`only ${feeds.filter((f) => f.data().some(isWarmUp)).length} of ${feeds.length} subscriptions warmed up`);
    await publish();
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until no feed has received anything for `ms` (fails after `within`). */
export async function quiet(feeds: Feed[], ms: number, within = 10_000): Promise<void> {
  const last = () => Math.max(0, ...feeds.map((f) => f.events.at(-1)?.at ?? 0));
  await until(`${ms} ms without events`, () => Date.now() - last() >= ms, within);
}
