import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REDIS_URL, createTestDatabase, deleteRedisKeys, type TestDatabase } from '@tripartite/testing';
import { freePort } from '../ops/processes';

describe('npm run demo -- --walkthrough', () => {
  let db: TestDatabase;
  const prefix = `ttwalk${process.pid}`;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
    await deleteRedisKeys(prefix);
  });

  it('takes the second demo instrument from publication to the Governing Body decision in under two minutes', async () => {
    const started = Date.now();
    const child = spawn(process.execPath, [join(process.cwd(), 'dist', 'apps', 'cli', 'src', 'demo.js'), '--walkthrough'], {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: db.url,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        PORT: String(await freePort()),
        WORKER_HEALTH_PORT: String(await freePort()),
        RECONCILE_INTERVAL_MS: '1000',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    const seconds = (Date.now() - started) / 1000;
    expect({ code, tail: out.slice(-3000) }).toMatchObject({ code: 0 });
    expect(seconds).toBeLessThan(120);
    // Each step printed as it happens, in order, ending with the paper.
    const steps = [
      'Published version 1 of PLAT/2026',
      'Consultation open until',
      'Round closed by the worker',
      'Dispositions recorded',
      '1.1 ADOPTED by consensus',
      '1.2 ADOPTED_AS_AMENDED',
      '-> VOTE_CARRIED',
      '2.2 NOT_ADOPTED',
      'Meeting report adopted',
      'Decision recorded: DECIDED',
      'Point for decision: paragraph',
      'Walkthrough finished: the instrument is DECIDED.',
    ];
    const positions = steps.map((s) => out.indexOf(s));
    expect(steps.filter((_, i) => positions[i] < 0)).toEqual([]);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  }, 150_000);
});
