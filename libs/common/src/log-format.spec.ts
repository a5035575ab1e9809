import { prettyDestination, prettyLogLine, resolveLogFormat, useColor } from './log-format';

const time = () => '12:04:31.250';

describe('resolveLogFormat', () => {
  it('auto: pretty only at a terminal outside production', () => {
    expect(resolveLogFormat('auto', true, false)).toBe('pretty');
    expect(resolveLogFormat('auto', false, false)).toBe('json');
    expect(resolveLogFormat('auto', true, true)).toBe('json');
    expect(resolveLogFormat('auto', false, true)).toBe('json');
  });

  it('an explicit format wins, terminal or not', () => {
    expect(resolveLogFormat('pretty', false, true)).toBe('pretty');
    expect(resolveLogFormat('json', true, false)).toBe('json');
  });
});

describe('useColor', () => {
  it('colours a terminal unless NO_COLOR, and a pipe only when FORCE_COLOR asks', () => {
    expect(useColor({ isTTY: true }, {})).toBe(true);
    expect(useColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(useColor({ isTTY: false }, {})).toBe(false);
    expect(useColor({}, { FORCE_COLOR: '1' })).toBe(true);
    expect(useColor({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
  });
});

describe('prettyLogLine', () => {
  it('a record: time, level, context and message, then its other fields as key=value', () => {
    const line = prettyLogLine(
      {
        level: 30,
        time: 1796184704198,
        pid: 1,
        hostname: 'h',
        app: 'worker',
        context: 'NotificationReconciler',
        fanouts: 35,
        emails: 0,
        msg: 'reconciled notification jobs',
      },
      { time },
    );
    expect(line).toBe('12:04:31.250 INFO  NotificationReconciler: reconciled notification jobs fanouts=35 emails=0');
  });

  it('quotes a value with spaces and writes objects as JSON', () => {
    const line = prettyLogLine({ level: 40, time: 1, context: 'Jobs', msg: 'odd', reason: 'two words', job: { id: 'a', attempts: 2 } }, { time });
    expect(line).toBe('12:04:31.250 WARN  Jobs: odd reason="two words" job={"id":"a","attempts":2}');
  });

  it('a request in a few words: method, path, status, duration (no headers, no request id)', () => {
    const line = prettyLogLine(
      {
        level: 30,
        time: 1,
        app: 'api',
        reqId: '44f3dc78',
        req: { id: '44f3dc78', method: 'POST', url: '/graphql', headers: { authorization: '[redacted]', 'user-agent': 'node' } },
        res: { statusCode: 200, headers: {} },
        responseTime: 12,
        msg: 'request completed',
      },
      { time },
    );
    expect(line).toBe('12:04:31.250 INFO  POST /graphql 200 12 ms');
  });

  it("leaves out Nest's start-up account, but not the same contexts' warnings", () => {
    expect(prettyLogLine({ level: 30, time: 1, context: 'InstanceLoader', msg: 'AuthModule dependencies initialized' })).toBeNull();
    expect(prettyLogLine({ level: 30, time: 1, context: 'RouterExplorer', msg: 'Mapped {/health/live, GET} route' })).toBeNull();
    expect(prettyLogLine({ level: 30, time: 1, context: 'GraphQLModule', msg: 'Mapped {/graphql, POST} route' })).toBeNull();
    expect(prettyLogLine({ level: 40, time: 1, context: 'InstanceLoader', msg: 'odd' }, { time })).toBe('12:04:31.250 WARN  InstanceLoader: odd');
    expect(prettyLogLine({ level: 30, time: 1, context: 'NestApplication', msg: 'Nest application successfully started' }, { time })).toBe(
      '12:04:31.250 INFO  NestApplication: Nest application successfully started',
    );
  });

  it('an error: its message on the line, its stack below, indented', () => {
    const err = { type: 'Error', message: 'connect ECONNREFUSED', stack: 'Error: connect ECONNREFUSED\n    at a (x.js:1:1)\n    at b (y.js:2:2)' };
    expect(prettyLogLine({ level: 50, time: 1, context: 'Relay', err, msg: 'relay failed' }, { time })).toBe(
      '12:04:31.250 ERROR Relay: relay failed (Error: connect ECONNREFUSED)\n    at a (x.js:1:1)\n    at b (y.js:2:2)',
    );
    // An error given as its message alone.
    expect(prettyLogLine({ level: 40, time: 1, context: 'JobRunner', job: 'j1', err: 'Connection is closed.', msg: 'job failed' }, { time })).toBe(
      '12:04:31.250 WARN  JobRunner: job failed (Connection is closed.) job=j1',
    );
    // A warning carries the message only.
    expect(prettyLogLine({ level: 40, time: 1, err, msg: 'retrying' }, { time })).toBe('12:04:31.250 WARN  retrying (Error: connect ECONNREFUSED)');
  });

  it('colours the level and context when asked, and only then', () => {
    const plain = prettyLogLine({ level: 50, time: 1, context: 'X', msg: 'm' }, { time })!;
    const coloured = prettyLogLine({ level: 50, time: 1, context: 'X', msg: 'm' }, { time, color: true })!;
    expect(plain).not.toContain('\x1b[');
    expect(coloured).toContain('\x1b[31mERROR\x1b[0m');
    expect(coloured.replace(/\x1b\[\d+m/g, '')).toBe(plain);
  });

  it('shows local time by default', () => {
    expect(prettyLogLine({ level: 30, time: Date.now(), msg: 'm' })).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}m$/);
  });
});

describe('prettyDestination', () => {
  it('formats each JSON line it is given, drops the left-out ones, passes other text unchanged', () => {
    const written: string[] = [];
    const dest = prettyDestination({ write: (t: string) => written.push(t) }, { time });
    dest.write('{"level":30,"time":1,"context":"InstanceLoader","msg":"XModule dependencies initialized"}\n');
    dest.write('{"level":40,"time":1,"context":"EmailSender","msg":"SMTP_URL is not set"}\n');
    dest.write('not json\n');
    expect(written).toEqual(['12:04:31.250 WARN  EmailSender: SMTP_URL is not set\n', 'not json\n']);
  });
});
