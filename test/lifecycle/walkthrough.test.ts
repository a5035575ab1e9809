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

  it('takes the second demo instrument from publication to the Governing Body decision, one numbered line per step, the apps logging JSON to a pipe', async () => {
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
    expect({ code, tail: out.slice(-3000) }).toMatchObject({ code: 0 });
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
      'Point for decision: Paragraph',
      'Walkthrough finished: the instrument is DECIDED.',
    ];
    const positions = steps.map((s) => out.indexOf(s));
    expect(steps.filter((_, i) => positions[i] < 0)).toEqual([]);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // Numbered, one line each, from 1 on.
    const numbered = out.split('\n').filter((l) => /^ *\d+\. /.test(l) && !/^\d+\. /.test(l));
    expect(numbered[0]).toMatch(/^ +1\. Published version 1 of PLAT\/2026/);
    expect(numbered.map((l) => Number(/^ *(\d+)\./.exec(l)![1]))).toEqual(numbered.map((_, i) => i + 1));
    expect(numbered.length).toBeGreaterThanOrEqual(15);

    // stdout is a pipe, not a terminal: the apps' records stay JSON, one object a line, not relabelled; and
    // without SMTP_URL the worker says so once, not once per email (the walkthrough notifies dozens of people).
    const records = out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
    const smtpOff = records.filter((r) => typeof r.msg === 'string' && r.msg.startsWith('SMTP_URL is not set'));
    expect(smtpOff).toEqual([expect.objectContaining({ app: 'worker', level: 40, context: 'EmailSender' })]);
    expect(out).not.toMatch(/^(api|worker) +│/m);
  }, 150_000);
});
