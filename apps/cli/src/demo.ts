import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { appConfig, ConfigError, loadConfig } from '@tripartite/config';
import { demoBanner, findDemoPlaces } from './demo-banner';
import { DemoConsole, Source, childEnv, demoOutput } from './demo-console';
import { migrate } from './migrate';
import { walkthrough } from './walkthrough';
import { seedDemo } from './seed-demo';

const dist = join(__dirname, '..', '..', '..');
const children: { child: ChildProcess; closed: Promise<void> }[] = [];
let stopping = false;
let out = new DemoConsole(process.stdout, { pretty: false, color: false });

/** Pretty: the child's output comes through the demo's console, labelled; JSON: straight to the demo's stdout and stderr. */
function start(name: Source, entry: string, env: NodeJS.ProcessEnv): void {
  const piped = out.options.pretty;
  const child = spawn(process.execPath, [join(dist, entry)], { stdio: ['ignore', piped ? 'pipe' : 'inherit', piped ? 'pipe' : 'inherit'], env });
  const read = piped ? out.attach(name, child.stdout, child.stderr) : Promise.resolve();
  child.on('exit', (code, signal) => {
    if (!stopping) {
      out.say(`${name} stopped unexpectedly (${signal ?? code}); stopping the demo`);
      void stop(1);
    }
  });
  // Exited, and its last lines out.
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  children.push({ child, closed: Promise.all([exited, read]).then(() => undefined) });
}

async function stop(code: number): Promise<void> {
  stopping = true;
  await Promise.all(
    children.map(({ child, closed }) => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return closed;
    }),
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
  const { format, color } = demoOutput(loadConfig(), process.stdout);
  out = new DemoConsole(process.stdout, { pretty: format === 'pretty', color });
  if (format === 'pretty') Logger.overrideLogger(out.nestLogger());
  const config = appConfig();
  const walk = process.argv.includes('--walkthrough');

  await migrate(config.DATABASE_URL, (line) => out.say(line), { brief: true });
  await seedDemo({ onlyIfEmpty: true }, (line) => out.say(line));
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  out.say(`Starting the api (port ${config.PORT}) and the worker (health on port ${config.WORKER_HEALTH_PORT})`);
  const env = childEnv(process.env, { format, color, walkthrough: walk });
  start('api', 'apps/api/src/main.js', env);
  start('worker', 'apps/worker/src/main.js', env);
  await waitReady(`http://127.0.0.1:${config.PORT}/health/ready`);
  await waitReady(`http://127.0.0.1:${config.WORKER_HEALTH_PORT}/health/ready`);

  if (walk) {
    out.plain('');
    const stage = await walkthrough(
      `http://127.0.0.1:${config.PORT}`,
      config.DEMO_PASSWORD,
      (line) => out.plain(line),
      (text) => out.bold(text),
    );
    out.plain(`\nWalkthrough finished: the instrument is ${stage}.`);
    return stop(0);
  }
  const places = await findDemoPlaces(config.DATABASE_URL);
  for (const line of demoBanner(places, { port: config.PORT, password: config.DEMO_PASSWORD, smtp: !!config.SMTP_URL, bold: (t) => out.bold(t) }))
    out.plain(line);
}

main().catch((error: Error) => {
  process.stderr.write(error instanceof ConfigError ? `${error.message}\n` : `demo failed: ${error.message}\n`);
  void stop(1);
});
