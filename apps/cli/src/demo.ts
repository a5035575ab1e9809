import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { appConfig, ConfigError } from '@tripartite/config';
import { migrate } from './migrate';
import { walkthrough } from './walkthrough';
import { seedDemo } from './seed-demo';
import { DEMO_ORGANIZATIONS, DEMO_STAFF } from './seed/demo-people';

const dist = join(__dirname, '..', '..', '..');
const children: ChildProcess[] = [];
let stopping = false;

function start(name: string, entry: string): ChildProcess {
  const child = spawn(process.execPath, [join(dist, entry)], { stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`${name} stopped unexpectedly (${signal ?? code}); stopping the demo\n`);
      void stop(1);
    }
  });
  children.push(child);
  return child;
}

async function stop(code: number): Promise<void> {
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  process.exit(code);
}

async function waitReady(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not become ready in ${timeoutMs / 1000} s`);
}

async function main(): Promise<void> {
  const config = appConfig();
  await migrate(config.DATABASE_URL);
  await seedDemo({ onlyIfEmpty: true });
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  start('api', 'apps/api/src/main.js');
  start('worker', 'apps/worker/src/main.js');
  await waitReady(`http://127.0.0.1:${config.PORT}/health/ready`);
  await waitReady(`http://127.0.0.1:${config.WORKER_HEALTH_PORT}/health/ready`);
  if (process.argv.includes('--walkthrough')) {
    const stage = await walkthrough(`http://127.0.0.1:${config.PORT}`, config.DEMO_PASSWORD);
    process.stdout.write(`\nWalkthrough finished: the instrument is ${stage}.\n`);
    return stop(0);
  }
  const accounts = [...DEMO_STAFF.map((s) => `${s.email} (${s.roles.join(', ')})`), ...DEMO_ORGANIZATIONS.map((o) => `${o.user.email} (CONSTITUENT, ${o.name})`)];
  process.stdout.write(
    [
      '',
      `Tripartite demo is running. Web client: http://localhost:${config.PORT}/  GraphQL: http://localhost:${config.PORT}/graphql`,
      `Demo accounts (password: ${config.DEMO_PASSWORD}):`,
      ...accounts.map((a) => `  ${a}`),
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch((error: Error) => {
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `demo failed: ${error.message}\n`);
  void stop(1);
});
