import { Controller, Get, Header } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Public } from '@tripartite/auth';
import { QUEUE_NAMES, Queues } from '@tripartite/queue';
import { metricsRegistry, outboxOldestAge, outboxPending, queueDepth } from './metrics';

const STATES = ['waiting', 'active', 'delayed', 'completed', 'failed', 'paused', 'prioritized'] as const;

/** Prometheus text; gauges that describe shared state (queues, outbox) are read at scrape time. */
@Controller()
export class MetricsController {
  constructor(
    private readonly queues: Queues,
    private readonly dataSource: DataSource,
  ) {}

  @Public()
  @Get('metrics')
  @Header('Content-Type', metricsRegistry.contentType)
  async metrics(): Promise<string> {
    await Promise.all([this.readQueues(), this.readOutbox()]);
    return metricsRegistry.metrics();
  }

  private async readQueues(): Promise<void> {
    await Promise.all(
      QUEUE_NAMES.map(async (name) => {
        try {
          const counts = await withTimeout(this.queues.get(name).getJobCounts(...STATES), 1000);
          for (const state of STATES) queueDepth.set({ queue: name, state }, counts[state] ?? 0);
        } catch {
          // Redis away: keep the last values; readiness reports the outage.
        }
      }),
    );
  }

  private async readOutbox(): Promise<void> {
    try {
      const [row] = await this.dataSource.query(
        `SELECT count(*)::int AS pending, coalesce(extract(epoch FROM clock_timestamp() - min(created_at)), 0) AS age
           FROM outbox WHERE dispatched_at IS NULL`,
      );
      outboxPending.set(row.pending);
      outboxOldestAge.set(Number(row.age));
    } catch {
      // database away: readiness reports it
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}
