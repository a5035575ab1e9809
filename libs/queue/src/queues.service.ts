import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '@tripartite/config';
import { bullConnection } from './bullmq-connection';
import { QUEUE_NAMES, QueueName } from './job-catalogue';

/** One BullMQ Queue per catalogue queue, created on first use, closed on shutdown. */
@Injectable()
export class Queues implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly config: AppConfig) {}

  get(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: bullConnection(this.config.REDIS_URL),
        prefix: this.config.QUEUE_PREFIX,
        defaultJobOptions: { removeOnComplete: { age: 24 * 3600, count: 10000 }, removeOnFail: { age: 7 * 24 * 3600 } },
      });
      queue.on('error', () => undefined); // surfaced through health and failed adds
      this.queues.set(name, queue);
    }
    return queue;
  }

  all(): Queue[] {
    return QUEUE_NAMES.map((name) => this.get(name));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => closeQueue(q)));
  }
}

/**
 * BullMQ emits "Connection is closed" with no listener left when a queue is closed while its
 * connection is still initializing; let it finish first (bounded), and keep a listener for a late error.
 */
async function closeQueue(queue: Queue): Promise<void> {
  await Promise.race([queue.waitUntilReady().catch(() => undefined), new Promise((r) => setTimeout(r, 2000).unref())]);
  const connection = (queue as unknown as { connection?: { on(event: string, fn: () => void): void } }).connection;
  await queue.close().catch(() => undefined);
  connection?.on('error', () => undefined);
}
