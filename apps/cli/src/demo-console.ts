import type { LogLevel, LoggerService } from '@nestjs/common';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { LogFormat, LogFormatSetting, prettyLogLine, resolveLogFormat, useColor } from '@tripartite/common';

/** Who said it: the demo runner itself, or one of the apps it runs. */
export type Source = 'demo' | 'api' | 'worker';

const SOURCE_COLOR: Record<Source, number> = { demo: 35, api: 36, worker: 33 };
const NEST_LEVELS: Record<string, number> = { VERBOSE: 10, DEBUG: 20, LOG: 30, WARN: 40, ERROR: 50, FATAL: 60 };
const LEVEL_OF: Record<LogLevel, number> = { verbose: 10, debug: 20, log: 30, warn: 40, error: 50, fatal: 60 };

// `[Nest] 4242  - 12/02/2026, 4:11:41 AM   WARN [Config] JWT_SECRET is not set: ...`: what a process logs before its
// own logger is up (the configuration's warnings), in Nest's default format.
const NEST_LINE = /^\[Nest\] \d+\s+-\s+.*?\s+(VERBOSE|DEBUG|LOG|WARN|ERROR|FATAL)\s+\[([^\]]+)\]\s+(.*)$/;
const ANSI = /\x1b\[[0-9;]*m/g;

/** At a terminal: short labelled lines (coloured unless NO_COLOR); otherwise (a pipe, a file, a collector) JSON from the apps, as in production. */
export function demoOutput(
  settings: { LOG_FORMAT: LogFormatSetting; isProduction: boolean },
  stdout: { isTTY?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): { format: LogFormat; color: boolean } {
  const format = resolveLogFormat(settings.LOG_FORMAT, !!stdout.isTTY, settings.isProduction);
  return { format, color: format === 'pretty' && useColor(stdout, env) };
}

/** What the demo runner passes to the api and worker it starts. */
export function childEnv(parent: NodeJS.ProcessEnv, options: { format: LogFormat; color: boolean; walkthrough: boolean }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...parent, LOG_FORMAT: options.format };
  // The children write to the runner's pipe, not to the terminal: colours are asked for.
  if (options.format === 'pretty' && options.color) env.FORCE_COLOR = '1';
  // The walkthrough prints its own steps; the apps' info lines (a line per request) would bury them.
  if (options.walkthrough && !parent.LOG_LEVEL) env.LOG_LEVEL = 'warn';
  return env;
}

/**
 * The demo's terminal. Pretty: every line says which process it comes from (`api    │ ...`), the apps' early
 * lines in Nest's format are put in the short format too, and a start-up warning that every process gives
 * (the development secrets) is shown once. JSON: the apps' lines are not touched (they are not piped here),
 * and the runner's own lines are plain text.
 */
export class DemoConsole {
  private readonly startupWarnings = new Set<string>();

  constructor(
    private readonly out: { write(text: string): unknown },
    readonly options: { pretty: boolean; color: boolean },
  ) {}

  paint(code: number, text: string): string {
    return this.options.color ? `\x1b[${code}m${text}\x1b[0m` : text;
  }

  bold(text: string): string {
    return this.paint(1, text);
  }

  /** A line of the runner's own. */
  say(text: string): void {
    this.line('demo', text);
  }

  /** A line without a source: the banner, the walkthrough's steps and paper. */
  plain(text: string): void {
    this.out.write(`${text}\n`);
  }

  line(source: Source, text: string): void {
    if (!this.options.pretty) return this.plain(text);
    const label = this.paint(SOURCE_COLOR[source], source.padEnd(6));
    for (const part of text.split('\n')) this.out.write(`${label} ${this.paint(90, '│')} ${part}\n`);
  }

  /** A line an app wrote. */
  fromChild(source: Source, raw: string): void {
    const nest = NEST_LINE.exec(raw.replace(ANSI, ''));
    if (!nest) return this.line(source, raw);
    const [, level, context, msg] = nest;
    if (level === 'WARN') {
      const key = `${context}: ${msg}`;
      if (this.startupWarnings.has(key)) return;
      this.startupWarnings.add(key);
    }
    const short = prettyLogLine({ level: NEST_LEVELS[level], time: Date.now(), context, msg }, { color: this.options.color });
    if (short !== null) this.line(source, short);
  }

  /** Every line of a child's stdout and stderr; resolves once both have ended and every line is out. */
  attach(source: Source, ...streams: (Readable | null)[]): Promise<void> {
    const read = streams.map((stream) => {
      if (!stream) return Promise.resolve();
      const lines = createInterface({ input: stream, crlfDelay: Infinity }).on('line', (l) => this.fromChild(source, l));
      return new Promise<void>((resolve) => lines.once('close', () => resolve()));
    });
    return Promise.all(read).then(() => undefined);
  }

  /** The runner's own Nest logger (the seed's context, the configuration's warnings) writing here, as `demo`. */
  nestLogger(): LoggerService {
    let enabled = new Set<LogLevel>(['log', 'warn', 'error', 'fatal']);
    const write =
      (level: LogLevel) =>
      (message: unknown, ...params: unknown[]) => {
        if (!enabled.has(level)) return;
        const context = typeof params.at(-1) === 'string' ? (params.at(-1) as string) : undefined;
        const msg = typeof message === 'string' ? message : message instanceof Error ? message.message : JSON.stringify(message);
        if (level === 'warn') {
          if (this.startupWarnings.has(`${context}: ${msg}`)) return;
          this.startupWarnings.add(`${context}: ${msg}`);
        }
        const short = prettyLogLine({ level: LEVEL_OF[level], time: Date.now(), context, msg }, { color: this.options.color });
        if (short !== null) this.say(short);
      };
    return {
      log: write('log'),
      warn: write('warn'),
      error: write('error'),
      fatal: write('fatal'),
      debug: write('debug'),
      verbose: write('verbose'),
      setLogLevels: (levels: LogLevel[]) => {
        enabled = new Set(levels);
      },
    };
  }
}
