import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '@tripartite/config';
import { OutboxService } from '@tripartite/outbox';
import { JobOptionsMap, Queues, jobOptions, optionsFor } from '@tripartite/queue';

const BATCH = 200;

/**
 * Moves committed outbox rows to BullMQ. Woken by LISTEN/NOTIFY for promptness and by a
 * sweep timer for robustness; rows are claimed with SKIP LOCKED so several workers share the work.
 * A row is marked dispatched only after BullMQ accepted it; a replay adds nothing (same jobId).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly options: JobOptionsMap;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly queues: Queues,
    private readonly config: AppConfig,
  ) {
    this.options = jobOptions(config);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.timer = setInterval(() => this.wake(), this.config.OUTBOX_SWEEP_MS);
    this.wake();
  }

  /** Coalesces wake-ups: at most one drain runs, and one more follows if woken meanwhile. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: Error) => this.logger.warn({ err: error.message }, 'outbox relay pass failed; the next sweep retries'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Dispatches every pending row; returns when none is left (or BullMQ refuses). */
  async drain(): Promise<void> {
    for (;;) {
      const sent = await this.dataSource.transaction(async (em) => {
        const rows = await this.outbox.claimPending(em, BATCH);
        for (const row of rows) {
          const delay = row.runAt ? Math.max(0, row.runAt.getTime() - Date.now()) : 0;
          const opts = { ...optionsFor(this.options, row.queue, row.name), jobId: row.jobId, delay };
          await this.queues.get(row.queue).add(row.name, row.payload, opts);
        }
        if (rows.length) {
          await this.outbox.markDispatched(
            em,
            rows.map((r) => r.id),
          );
        }
        return rows.length;
      });
      if (sent < BATCH) return;
    }
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.DATABASE_URL, application_name: 'tripartite-outbox-listener' });
    client.on('notification', () => this.wake());
    client.on('error', (error) => {
      this.logger.warn({ err: error.message }, 'outbox listener lost; reconnecting');
      this.listener = null;
      client.end().catch(() => undefined);
      setTimeout(() => void this.listen().catch(() => undefined), 1000).unref();
    });
    try {
      await client.connect();
      await this.outbox.listen(client);
      this.listener = client;
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'cannot LISTEN for the outbox yet; the sweep covers it');
      client.end().catch(() => undefined);
      setTimeout(() => void this.listen().catch(() => undefined), 2000).unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    // A pass blocked on an unreachable Redis is abandoned: its rows stay pending for the next worker.
    await Promise.race([this.running, new Promise((r) => setTimeout(r, this.config.SHUTDOWN_TIMEOUT_MS).unref())]);
    await this.listener?.end().catch(() => undefined);
  }
}
