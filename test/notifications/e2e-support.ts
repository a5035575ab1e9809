// The real worker as a child process, and the outside world it talks to: a webhook receiver and an SMTP server.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { Queue } from 'bullmq';
import { bullConnection } from '@tripartite/queue';
import { REDIS_URL, TestApi } from '@tripartite/testing';
import { AppProcess, freePort, health, startProcess, waitFor } from '../ops/processes';

export interface WorkerHandle {
  proc: AppProcess;
  port: number;
}

/** Starts dist's worker on the test API's database and queue prefix; resolves once it is ready. */
export async function startWorker(api: TestApi, env: Record<string, string> = {}): Promise<WorkerHandle> {
  const port = await freePort();
  const proc = startProcess('worker', {
    NODE_ENV: 'test',
    DATABASE_URL: api.db.url,
    REDIS_URL,
    QUEUE_PREFIX: api.prefix,
    WORKER_HEALTH_PORT: String(port),
    LOG_LEVEL: 'warn',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    // About the old 300 ms doubling: eight tries within some 40 s.
    WEBHOOK_RETRY_SCHEDULE: '0s,300ms,600ms,1200ms,2400ms,4800ms,9600ms,19200ms',
    EMAIL_BACKOFF_MS: '100',
    EMAIL_BACKOFF_MAX_MS: '400',
    // A killed worker's job runs again within a few seconds, not BullMQ's default 30 s or more.
    JOB_LOCK_DURATION_MS: '2000',
    JOB_STALLED_INTERVAL_MS: '1000',
    OUTBOX_SWEEP_MS: '200',
    ...env,
  });
  try {
    await waitFor('the worker to be ready', async () => ((await health(`http://127.0.0.1:${port}`, 'ready')).status === 200 ? true : undefined), 30000);
  } catch (error) {
    await proc.kill();
    throw new Error(`${(error as Error).message}\nstdout:\n${proc.stdout()}\nstderr:\n${proc.stderr()}`);
  }
  return { proc, port };
}

export interface Hit {
  path: string;
  at: number;
  deliveryId: string;
  signature: string;
  contentType: string;
  body: string;
  headers: Record<string, string>;
}

export type Answer = (hit: Hit, hitsOfDelivery: number, res: ServerResponse) => number | 'hang';

/** A webhook receiver: records every request, answers with what `answer` says for its path (or holds it open). */
export class WebhookReceiver {
  readonly hits: Hit[] = [];
  private readonly answers = new Map<string, Answer>();
  private server!: Server;
  url = '';

  on(path: string, answer: Answer): this {
    this.answers.set(path, answer);
    return this;
  }

  async start(): Promise<this> {
    // A sender that dies mid-request (a worker killed at teardown) resets the socket while its body is read:
    // drop that request, which was never delivered, rather than crash the test file with an unhandled rejection.
    this.server = createServer((req, res) => void this.handle(req, res).catch(() => res.destroy()));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const hit: Hit = {
      path: req.url ?? '',
      at: Date.now(),
      deliveryId: String(req.headers['x-delivery-id'] ?? ''),
      signature: String(req.headers['x-signature'] ?? ''),
      contentType: String(req.headers['content-type'] ?? ''),
      body: Buffer.concat(chunks).toString('utf8'),
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
    };
    this.hits.push(hit);
    const answer = this.answers.get(hit.path) ?? (() => 200);
    const status = answer(hit, this.hits.filter((h) => h.deliveryId === hit.deliveryId).length, res);
    if (status === 'hang') return;
    res.statusCode = status;
    res.end();
  }

  hitsOn(path: string): Hit[] {
    return this.hits.filter((h) => h.path === path);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** Whether X-Signature is the HMAC-SHA256 of the raw body with the secret. */
export function validSignature(secret: string, hit: Hit): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(hit.body).digest('hex')}`);
  const given = Buffer.from(hit.signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface CaughtMail {
  to: string[];
  mail: ParsedMail;
}

export interface SmtpOptions {
  /** Listen on this port (to come back where the worker expects it after stop()); default: any free port. */
  port?: number;
  /** Accept a recipient (so the message) only once this resolves: a slow server; default: at once. A client that gave up meanwhile sent nothing. */
  gate?: () => Promise<void>;
  /** Refuse these recipients for good (550), as a server does for an unknown mailbox. */
  refuse?: string[];
}

export interface TestSmtp {
  url: string;
  port: number;
  mails: CaughtMail[];
  stop(): Promise<void>;
}

/** A local SMTP server (no TLS, no auth) keeping every message it receives, parsed. */
export async function startSmtp(options: SmtpOptions = {}, mails: CaughtMail[] = []): Promise<TestSmtp> {
  let stopped = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // On stop, drop clients still talking (421) at once, as a server going down does.
    closeTimeout: 50,
    onRcptTo(address, _session, callback) {
      if (options.refuse?.includes(address.address)) return callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
      if (!options.gate) return callback();
      options.gate().then(() => callback());
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if (stopped) throw new Error('4.3.2 shutting down');
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
        })
        .then(
          () => callback(),
          (error: Error) => callback(error),
        );
    },
  });
  // A client that dies mid-session (a worker killed at teardown) resets its socket: that message was never
  // accepted; without a listener the server's 'error' event would fail the whole test file.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    stop: () =>
      new Promise<void>((resolve) => {
        stopped = true;
        server.close(() => resolve());
      }),
  };
}

export { waitFor };

/** How many jobs of a kind the worker has finished (completed or failed), from its /metrics. */
export async function jobsFinished(worker: WorkerHandle, queue: string, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${worker.port}/metrics`)).text();
  const pattern = new RegExp(`^tripartite_job_duration_seconds_count\\{([^}]*)\\} (\\d+)$`, 'gm');
  let n = 0;
  for (const [, labels, count] of text.matchAll(pattern)) {
    if (labels.includes(`queue="${queue}"`) && labels.includes(`name="${name}"`)) n += Number(count);
  }
  return n;
}

/** Resolves once the worker has finished `runs` more jobs of that kind than when called: a positive sign that they ran. */
export async function afterRuns(worker: WorkerHandle, queue: string, name: string, runs: number, timeoutMs = 20_000): Promise<void> {
  const from = await jobsFinished(worker, queue, name);
  await waitFor(
    `${runs} more ${queue}/${name} runs`,
    async () => ((await jobsFinished(worker, queue, name)) >= from + runs ? true : undefined),
    timeoutMs,
    100,
  );
}

/**
 * Resolves once nothing is left to happen for notifications: the outbox dispatched, every event fanned out, every
 * email decided (sent, skipped or failed) and every webhook delivery settled, and the given queues have nothing waiting
 * or running. What the tests then count is final.
 */
export async function notificationsSettled(
  api: TestApi,
  queues: { getJobCounts(...types: string[]): Promise<Record<string, number>> }[] = [],
  timeoutMs = 20_000,
): Promise<void> {
  await waitFor(
    'every notification to be settled',
    async () => {
      // Jobs queued or running (a reminder, a fan-out) may still add to what is counted.
      for (const q of queues) {
        const counts = await q.getJobCounts('waiting', 'active', 'prioritized');
        if (Object.values(counts).some((n) => n > 0)) throw new Error(`jobs still queued: ${JSON.stringify(counts)}`);
      }
      const [row] = await api.db.query<Record<string, number>>(
        `SELECT (SELECT count(*) FROM outbox WHERE dispatched_at IS NULL)::int AS outbox,
                (SELECT count(*) FROM notification_event WHERE fanned_out_at IS NULL)::int AS events,
                (SELECT count(*) FROM notification WHERE email_status = 'PENDING')::int AS emails,
                (SELECT count(*) FROM webhook_delivery WHERE status = 'PENDING')::int AS deliveries`,
      );
      // Thrown, not returned, so that a time-out says what was still open.
      if (Object.values(row).some((n) => n > 0)) throw new Error(`still open: ${JSON.stringify(row)}`);
      return true;
    },
    timeoutMs,
    100,
  );
}

/**
 * Resolves once a queue has no job waiting, running or scheduled for later: no try is left to make (a retry would
 * be a delayed job). A positive sign, unlike waiting for a while to see whether one comes.
 */
export async function noJobsLeft(api: TestApi, queueName: string, timeoutMs = 20_000): Promise<void> {
  const queue = new Queue(queueName, { connection: bullConnection(REDIS_URL), prefix: api.prefix });
  try {
    await waitFor(
      `the ${queueName} queue to have nothing left to run`,
      async () => {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return Object.values(counts).every((n) => n === 0) ? true : undefined;
      },
      timeoutMs,
      100,
    );
  } finally {
    await queue.close();
  }
}
