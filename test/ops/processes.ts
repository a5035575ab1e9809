import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export type AppName = 'api' | 'worker';

const ROOT = join(__dirname, '..', '..');
export const entryPoint = (app: AppName) => join(ROOT, 'dist', 'apps', app, 'src', 'main.js');

/** A built app running as its own process, as `npm run start:<app>` starts it. */
export interface AppProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Parsed JSON log lines written so far (pino). */
  logs(): Record<string, unknown>[];
  /** Resolves with the exit code (or signal) once the process has ended; rejects after `ms`. */
  exited(ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; afterMs: number }>;
  /** Ends the process if still running (test cleanup). */
  kill(): Promise<void>;
}

/** Starts dist/apps/<app>/src/main.js with only PATH and the given variables in its environment. */
export function startProcess(app: AppName, env: Record<string, string>): AppProcess {
  const main = entryPoint(app);
  if (!existsSync(main)) throw new Error(`${main} is missing: run the tests with \`npm test\`, which builds first`);
  const child = spawn(process.execPath, [main], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const started = Date.now();
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    logs: () =>
      out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    async exited(ms) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${app} still running after ${ms} ms\nstdout:\n${out}\nstderr:\n${err}`)), ms);
      });
      try {
        const { code, signal, at } = await Promise.race([ended, timeout]);
        return { code, signal, afterMs: at - started };
      } finally {
        clearTimeout(timer);
      }
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await ended;
      }
    },
  };
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls `check` until it returns a value other than undefined, or fails after `ms`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, ms = 15000, every = 100): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

export interface Health {
  status: number;
  body: { status?: string; info?: Record<string, { status: string }>; error?: Record<string, { status: string; message?: string }>; [k: string]: unknown };
}

export async function health(base: string, which: 'live' | 'ready'): Promise<Health> {
  const res = await fetch(`${base}/health/${which}`, { signal: AbortSignal.timeout(5000) });
  return { status: res.status, body: (await res.json()) as Health['body'] };
}
