import { PassThrough } from 'node:stream';
import { loadConfig } from '@tripartite/config';
import { DemoConsole, childEnv, demoOutput } from './demo-console';

const capture = () => {
  const lines: string[] = [];
  return { lines, out: { write: (t: string) => lines.push(...t.split('\n').filter(Boolean)) } };
};
const SHORT_TIME = /\d\d:\d\d:\d\d\.\d{3}/;

describe('the demo runner chooses how the apps log', () => {
  const settings = (env: Record<string, string>) => loadConfig(env);

  it('JSON when its stdout is not a terminal, or in production; pretty (coloured unless NO_COLOR) at a terminal', () => {
    expect(demoOutput(settings({}), { isTTY: false }, {})).toEqual({ format: 'json', color: false });
    expect(demoOutput(settings({}), {}, {})).toEqual({ format: 'json', color: false });
    expect(demoOutput(settings({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }), { isTTY: true }, {})).toEqual({ format: 'json', color: false });
    expect(demoOutput(settings({}), { isTTY: true }, {})).toEqual({ format: 'pretty', color: true });
    expect(demoOutput(settings({}), { isTTY: true }, { NO_COLOR: '1' })).toEqual({ format: 'pretty', color: false });
    expect(demoOutput(settings({ LOG_FORMAT: 'json' }), { isTTY: true }, {})).toEqual({ format: 'json', color: false });
    expect(demoOutput(settings({ LOG_FORMAT: 'pretty' }), { isTTY: false }, {})).toEqual({ format: 'pretty', color: false });
  });

  it('tells the apps the format outright (their stdout is the runner’s pipe), with colours only for a coloured terminal', () => {
    expect(childEnv({ PATH: '/bin' }, { format: 'json', color: false, walkthrough: false })).toEqual({ PATH: '/bin', LOG_FORMAT: 'json' });
    expect(childEnv({}, { format: 'pretty', color: true, walkthrough: false })).toEqual({ LOG_FORMAT: 'pretty', FORCE_COLOR: '1' });
    expect(childEnv({}, { format: 'pretty', color: false, walkthrough: false })).toEqual({ LOG_FORMAT: 'pretty' });
  });

  it('the walkthrough quiets the apps to warnings, unless LOG_LEVEL was given', () => {
    expect(childEnv({}, { format: 'pretty', color: false, walkthrough: true }).LOG_LEVEL).toBe('warn');
    expect(childEnv({ LOG_LEVEL: 'debug' }, { format: 'pretty', color: false, walkthrough: true }).LOG_LEVEL).toBe('debug');
    expect(childEnv({}, { format: 'pretty', color: false, walkthrough: false }).LOG_LEVEL).toBeUndefined();
  });
});

describe('DemoConsole', () => {
  it('pretty: labels every line with the process that wrote it', () => {
    const { lines, out } = capture();
    const demo = new DemoConsole(out, { pretty: true, color: false });
    demo.say('Applied 13 migrations');
    demo.fromChild('api', '12:04:31.250 INFO  NestApplication: Nest application successfully started');
    demo.fromChild('worker', 'first\nsecond');
    demo.plain('Tripartite demo is running');
    expect(lines).toEqual([
      'demo   │ Applied 13 migrations',
      'api    │ 12:04:31.250 INFO  NestApplication: Nest application successfully started',
      'worker │ first',
      'worker │ second',
      'Tripartite demo is running',
    ]);
  });

  it('JSON: lines go out as they are, unlabelled', () => {
    const { lines, out } = capture();
    const demo = new DemoConsole(out, { pretty: false, color: false });
    demo.say('Demo data is in place');
    demo.fromChild('api', '{"level":30,"msg":"x"}');
    expect(lines).toEqual(['Demo data is in place', '{"level":30,"msg":"x"}']);
  });

  it("puts an app's early lines in Nest's format into the short one, and shows a start-up warning every process gives once", () => {
    const { lines, out } = capture();
    const demo = new DemoConsole(out, { pretty: true, color: false });
    const nest = (pid: number, level: string, text: string) =>
      `\x1b[33m[Nest] ${pid}  - \x1b[39m12/02/2026, 4:11:41 AM \x1b[33m   ${level}\x1b[39m \x1b[38;5;3m[Config] \x1b[39m\x1b[33m${text}\x1b[39m`;
    demo.nestLogger().warn('JWT_SECRET is not set: using the development secret (never in production)', 'Config');
    demo.fromChild('api', nest(11, 'WARN', 'JWT_SECRET is not set: using the development secret (never in production)'));
    demo.fromChild('worker', nest(12, 'WARN', 'JWT_SECRET is not set: using the development secret (never in production)'));
    demo.fromChild('worker', nest(12, 'WARN', 'AUDIT_SIGNING_KEY is not set'));
    demo.fromChild('api', nest(11, 'ERROR', 'cannot start'));
    demo.fromChild('api', nest(11, 'ERROR', 'cannot start'));
    expect(lines.map((l) => l.replace(SHORT_TIME, 'T'))).toEqual([
      'demo   │ T WARN  Config: JWT_SECRET is not set: using the development secret (never in production)',
      'worker │ T WARN  Config: AUDIT_SIGNING_KEY is not set',
      // Errors are never folded.
      'api    │ T ERROR Config: cannot start',
      'api    │ T ERROR Config: cannot start',
    ]);
  });

  it("its Nest logger honours the levels a Nest context sets (the seed's: errors and warnings)", () => {
    const { lines, out } = capture();
    const logger = new DemoConsole(out, { pretty: true, color: false }).nestLogger();
    logger.setLogLevels!(['error', 'warn']);
    logger.log('created admin@tripartite.demo', 'seed');
    logger.debug!('noise', 'seed');
    logger.error('seed failed', 'seed');
    expect(lines.map((l) => l.replace(SHORT_TIME, 'T'))).toEqual(['demo   │ T ERROR seed: seed failed']);
  });

  it('reads a child’s streams line by line', async () => {
    const { lines, out } = capture();
    const demo = new DemoConsole(out, { pretty: true, color: false });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const read = demo.attach('worker', stdout, stderr);
    stdout.write('half a ');
    stdout.end('line\nno newline at the end');
    stderr.end('an error\n');
    await read;
    expect(lines.sort()).toEqual(['worker │ an error', 'worker │ half a line', 'worker │ no newline at the end']);
  });

  it('colours the labels only when asked', () => {
    const { lines, out } = capture();
    new DemoConsole(out, { pretty: true, color: true }).say('x');
    expect(lines[0]).toBe('\x1b[35mdemo  \x1b[0m \x1b[90m│\x1b[0m x');
  });
});
