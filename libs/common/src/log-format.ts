// The short, human log format: one line per record, for a person at a terminal. JSON stays the default for
// production and for any stdout that is not a terminal (log collectors).

export type LogFormatSetting = 'auto' | 'json' | 'pretty';
export type LogFormat = 'json' | 'pretty';

/** `auto`: pretty when stdout is a terminal outside production; JSON otherwise. */
export function resolveLogFormat(setting: LogFormatSetting, stdoutIsTTY: boolean, production: boolean): LogFormat {
  if (setting !== 'auto') return setting;
  return stdoutIsTTY && !production ? 'pretty' : 'json';
}

/** Colours for a stream: a terminal unless NO_COLOR is set, or anything when FORCE_COLOR asks (a parent that is a terminal). */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0';
  return !!stream.isTTY;
}

const LEVELS: Record<number, { name: string; color: number }> = {
  10: { name: 'TRACE', color: 90 },
  20: { name: 'DEBUG', color: 90 },
  30: { name: 'INFO', color: 32 },
  40: { name: 'WARN', color: 33 },
  50: { name: 'ERROR', color: 31 },
  60: { name: 'FATAL', color: 35 },
};

/** Fields shown in their own place, or not at all, rather than as key=value. */
const PLACED = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'app', 'context', 'reqId', 'req', 'res', 'responseTime', 'err', 'v']);

/** Nest's start-up account (each module loaded, each route mapped): JSON keeps it, the short format leaves it out. */
const STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

export interface PrettyOptions {
  color?: boolean;
  /** How a record's time is shown; default: local HH:MM:SS.mmm. */
  time?: (epochMs: number) => string;
}

type LogRecord = Record<string, unknown> & { level?: number; time?: number; msg?: unknown; context?: unknown };

const localTime = (ms: number): string => {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
};

const valueText = (value: unknown): string => (typeof value === 'string' && /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value));

/**
 * One pino record as one short line (a stack, for errors, on the lines after it), or null for a record the
 * short format leaves out. `12:04:31.250 WARN  EmailSender: SMTP_URL is not set ... eventId=...`;
 * a request: `12:04:31.250 INFO  POST /graphql 200 12 ms`.
 */
export function prettyLogLine(record: LogRecord, options: PrettyOptions = {}): string | null {
  const paint = (code: number, text: string) => (options.color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const level = LEVELS[record.level ?? 30] ?? { name: String(record.level), color: 0 };
  const context = typeof record.context === 'string' ? record.context : null;
  const msg = typeof record.msg === 'string' ? record.msg : record.msg === undefined ? '' : JSON.stringify(record.msg);
  if ((record.level ?? 30) <= 30 && ((context && STARTUP_CONTEXTS.has(context)) || msg.startsWith('Mapped {'))) return null;

  const parts: string[] = [];
  const req = record.req as { method?: string; url?: string } | undefined;
  const res = record.res as { statusCode?: number } | undefined;
  if (req?.method && res && (msg === 'request completed' || msg === 'request errored')) {
    parts.push(`${req.method} ${req.url ?? ''} ${res.statusCode ?? ''}${typeof record.responseTime === 'number' ? ` ${record.responseTime} ms` : ''}`);
  } else {
    parts.push(context ? `${paint(36, `${context}:`)} ${msg}` : msg);
  }
  // An Error serialized by pino, or just its message.
  const err = (typeof record.err === 'string' ? { message: record.err } : record.err) as { type?: string; message?: string; stack?: string } | undefined;
  if (err?.message && !msg.includes(err.message)) parts.push(`(${err.type ? `${err.type}: ` : ''}${err.message})`);
  const extra = Object.entries(record)
    .filter(([key, value]) => !PLACED.has(key) && value !== undefined)
    .map(([key, value]) => paint(90, `${key}=`) + valueText(value));
  parts.push(...extra);

  const time = typeof record.time === 'number' ? (options.time ?? localTime)(record.time) : '';
  let line = `${paint(90, time)} ${paint(level.color, level.name.padEnd(5))} ${parts.filter(Boolean).join(' ')}`.trimStart();
  if (err?.stack && (record.level ?? 30) >= 50) {
    line +=
      '\n' +
      err.stack
        .split('\n')
        .slice(1)
        .map((l) => `    ${l.trim()}`)
        .join('\n');
  }
  return line;
}

/** A pino destination writing the short format to `out`; a line that is not a JSON record passes as it is. */
export function prettyDestination(out: { write(text: string): unknown }, options: PrettyOptions = {}): { write(line: string): void } {
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n')) {
        if (!line) continue;
        let record: LogRecord | null = null;
        try {
          record = JSON.parse(line) as LogRecord;
        } catch {
          // not JSON: shown unchanged
        }
        const text = record && typeof record === 'object' ? prettyLogLine(record, options) : line;
        if (text !== null) out.write(`${text}\n`);
      }
    },
  };
}
