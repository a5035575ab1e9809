import { Queue, QueueEvents, Worker } from 'bullmq';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { ReconcileRetryPolicy, requeueJobs } from '@tripartite/queue';
import { REDIS_URL, deleteRedisKeys } from '@tripartite/testing';

// A job that fails for good every time (a bug, not an outage): reconcile retries it, spaced, and then stops.
describe('requeueJobs: retries of a job that keeps failing', () => {
  const prefix = `tt-requeue-${randomUUID().slice(0, 8)}`;
  const connection = { host: new URL(REDIS_URL).hostname, port: Number(new URL(REDIS_URL).port || 6379), maxRetriesPerRequest: null };
  const policy: ReconcileRetryPolicy = { maxRetries: 2, firstDelayMs: 400, maxDelayMs: 1000, countTtlMs: 60_000 };
  let redis: Redis;
  let queue: Queue;
  let events: QueueEvents;
  let worker: Worker;
  let runs = 0;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    queue = new Queue('requeue-test', { connection, prefix });
    events = new QueueEvents('requeue-test', { connection, prefix });
    await events.waitUntilReady();
    worker = new Worker(
      'requeue-test',
      async (): Promise<void> => {
        runs += 1;
        throw new Error('always fails');
      },
      { connection, prefix },
    );
  });
  afterAll(async () => {
    await worker.close();
    await events.close();
    await queue.close();
    redis.disconnect();
    await deleteRedisKeys(prefix);
  });

  const failedOnce = (jobId: string) =>
    new Promise<void>((resolve) => {
      const onFailed = ({ jobId: id }: { jobId: string }) => {
        if (id !== jobId) return;
        events.off('failed', onFailed);
        resolve();
      };
      events.on('failed', onFailed);
    });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('retries at once, then only after the spacing, and leaves it failed after maxRetries', async () => {
    const jobId = 'always-failing';
    const wanted = [{ name: 'work', jobId, data: {}, delayMs: 0, opts: { attempts: 1 } }];
    let failed = failedOnce(jobId);
    await expect(requeueJobs(redis, queue, wanted, policy)).resolves.toEqual({ added: 1, retried: 0 });
    await failed;

    failed = failedOnce(jobId);
    await expect(requeueJobs(redis, queue, wanted, policy)).resolves.toEqual({ added: 0, retried: 1 });
    await failed;
    // The second retry waits firstDelayMs after that failure.
    await expect(requeueJobs(redis, queue, wanted, policy)).resolves.toEqual({ added: 0, retried: 0 });
    expect(await queue.getJobState(jobId)).toBe('failed');
    await sleep(policy.firstDelayMs + 100);
    failed = failedOnce(jobId);
    await expect(requeueJobs(redis, queue, wanted, policy)).resolves.toEqual({ added: 0, retried: 1 });
    await failed;

    // Two retries done: however long it waits now, it stays failed for a person to look at.
    await sleep(policy.maxDelayMs + 100);
    await expect(requeueJobs(redis, queue, wanted, policy)).resolves.toEqual({ added: 0, retried: 0 });
    await expect(requeueJobs(redis, queue, wanted, policy)).resolves.toEqual({ added: 0, retried: 0 });
    expect(await queue.getJobState(jobId)).toBe('failed');
    expect(runs).toBe(3);
  });
});
