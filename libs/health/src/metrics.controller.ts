import { Controller, Get, Header, Headers, UnauthorizedException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Public } from '@tripartite/auth';
import { AppConfig } from '@tripartite/config';
import { OutboxService } from '@tripartite/outbox';
import { QUEUE_NAMES, Queues } from '@tripartite/queue';
import { metricsRegistry, outboxOldestAge, outboxPending, queueDepth } from './metrics';

const STATES = ['waiting', 'active', 'delayed', 'completed', 'failed', 'paused', 'prioritized'] as const;

/** Prometheus text; gauges that describe shared state (queues, outbox) are read at scrape time. */
@Controller()
export class MetricsController {
  private readonly tokenDigest: Buffer | null;

  constructor(
    private readonly queues: Queues,
    private readonly outbox: OutboxService,
    config: AppConfig,
  ) {
    this.tokenDigest = config.METRICS_TOKEN ? digest(config.METRICS_TOKEN) : null;
  }

  // Not a user's token: the scraper's own secret (METRICS_TOKEN), when one is set.
  @Public()
  @Get('metrics')
  @Header('Content-Type', metricsRegistry.contentType)
  async metrics(@Headers('authorization') authorization?: string): Promise<string> {
    if (this.tokenDigest) {
      const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
      if (!given || !timingSafeEqual(digest(given), this.tokenDigest)) throw new UnauthorizedException('GET /metrics needs the metrics token');
    }
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
      const backlog = await this.outbox.backlog();
      outboxPending.set(backlog.pending);
      outboxOldestAge.set(backlog.oldestAgeSeconds);
    } catch {
      // database away: readiness reports it
    }
  }
}

/** Equal-length digests, so the comparison takes the same time whatever was sent. */
const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}
