import { INSTANT_MAX, INSTANT_MIN, TEXT_MAX, TextKind, charLength, checkAfter, checkBefore, checkInstant, checkText, isAcceptedInstant } from './limits';

describe('charLength', () => {
  it('counts code points, as PostgreSQL char_length does', () => {
    expect(charLength('')).toBe(0);
    expect(charLength('abc')).toBe(3);
    expect(charLength('é')).toBe(1);
    expect(charLength('😀😀')).toBe(2);
    expect('😀😀'.length).toBe(4);
  });
});

describe('checkText', () => {
  const kinds = Object.keys(TEXT_MAX) as TextKind[];

  it.each(kinds)('%s: accepts its limit, trimmed, and refuses one character more', (kind) => {
    const max = TEXT_MAX[kind];
    expect(checkText('f', `  ${'a'.repeat(max)}\n`, kind)).toEqual({ value: 'a'.repeat(max), problems: [] });
    expect(checkText('f', 'a'.repeat(max + 1), kind)).toEqual({
      value: 'a'.repeat(max + 1),
      problems: [{ field: 'f', message: `must be at most ${max} characters` }],
    });
  });

  it('counts astral characters once, so a limit of emoji is not refused for their UTF-16 length', () => {
    const max = TEXT_MAX.name;
    expect(checkText('title', '😀'.repeat(max), 'name').problems).toEqual([]);
    expect(checkText('title', '😀'.repeat(max + 1), 'name').problems).toEqual([{ field: 'title', message: `must be at most ${max} characters` }]);
  });

  it('makes optional blank text null, and required blank text a problem', () => {
    for (const blank of [undefined, null, '', '  \n\t ']) {
      expect(checkText('note', blank, 'prose')).toEqual({ value: null, problems: [] });
      expect(checkText('body', blank, 'prose', { required: true })).toEqual({ value: '', problems: [{ field: 'body', message: 'is required' }] });
    }
  });

  it('refuses line breaks and control characters in one-line text, and keeps them in prose', () => {
    for (const text of ['a\nb', 'a\rb', 'a\tb', 'a\u0007b', 'a\u007fb']) {
      expect(checkText('symbol', text, 'code', { oneLine: true }).problems).toEqual([{ field: 'symbol', message: 'must be on one line' }]);
      expect(checkText('body', text, 'prose')).toEqual({ value: text, problems: [] });
    }
  });

  it('reports every problem of one text', () => {
    expect(checkText('symbol', `${'x'.repeat(60)}\ny`, 'code', { oneLine: true }).problems.map((p) => p.message)).toEqual([
      'must be at most 50 characters',
      'must be on one line',
    ]);
  });

  it('treats a value that is not a string as missing', () => {
    expect(checkText('t', 42 as unknown as string, 'name', { required: true }).problems).toEqual([{ field: 't', message: 'is required' }]);
  });
});

describe('checkInstant', () => {
  const d = (iso: string) => new Date(iso);

  it('accepts the years 2000 to 2200, both ends included', () => {
    for (const iso of ['2000-01-01T00:00:00.000Z', '2026-11-27T12:00:00Z', '2200-12-31T23:59:59.999Z']) {
      expect(checkInstant('closesAt', d(iso))).toEqual([]);
      expect(isAcceptedInstant(d(iso))).toBe(true);
    }
    expect(INSTANT_MIN.toISOString()).toBe('2000-01-01T00:00:00.000Z');
    expect(INSTANT_MAX.toISOString()).toBe('2200-12-31T23:59:59.999Z');
  });

  it('refuses instants outside them, down to the millisecond, and the ends of what JavaScript can hold', () => {
    for (const iso of [
      '1999-12-31T23:59:59.999Z',
      '2201-01-01T00:00:00.000Z',
      '0001-01-01T00:00:00Z',
      '+275760-09-13T00:00:00Z',
      '-271821-04-20T00:00:00Z',
      '+020260-01-01T00:00:00Z',
    ]) {
      const value = d(iso);
      expect(Number.isNaN(value.getTime())).toBe(false);
      expect(checkInstant('startsAt', value)).toEqual([{ field: 'startsAt', message: 'must be in the years 2000 to 2200' }]);
      expect(isAcceptedInstant(value)).toBe(false);
    }
  });

  it('refuses what is not a date', () => {
    for (const value of [new Date('not a date'), 'not a date', '2026-01-01', 1_700_000_000_000, {}]) {
      expect(checkInstant('endsAt', value)).toEqual([{ field: 'endsAt', message: 'must be a date and time' }]);
      expect(isAcceptedInstant(value)).toBe(false);
    }
  });

  it('asks for a missing instant unless it is optional', () => {
    for (const missing of [null, undefined]) {
      expect(checkInstant('closesAt', missing)).toEqual([{ field: 'closesAt', message: 'is required' }]);
      expect(checkInstant('documentDeadline', missing, { required: false })).toEqual([]);
    }
    expect(checkInstant('documentDeadline', d('1900-01-01T00:00:00Z'), { required: false })).toHaveLength(1);
  });
});

describe('checkAfter and checkBefore', () => {
  const a = new Date('2031-03-10T08:00:00Z');
  const b = new Date('2031-03-20T08:00:00Z');

  it('want a strict order', () => {
    expect(checkAfter('endsAt', b, 'startsAt', a)).toEqual([]);
    expect(checkAfter('endsAt', a, 'startsAt', a)).toEqual([{ field: 'endsAt', message: 'must be after startsAt' }]);
    expect(checkAfter('endsAt', a, 'startsAt', b)).toEqual([{ field: 'endsAt', message: 'must be after startsAt' }]);
    expect(checkBefore('documentDeadline', a, 'startsAt', b)).toEqual([]);
    expect(checkBefore('documentDeadline', b, 'startsAt', b)).toEqual([{ field: 'documentDeadline', message: 'must be before startsAt' }]);
  });

  it('say nothing when either side is not an accepted instant (checkInstant reports it)', () => {
    for (const bad of [null, new Date('nope'), new Date('0001-01-01T00:00:00Z')]) {
      expect(checkAfter('endsAt', bad, 'startsAt', a)).toEqual([]);
      expect(checkAfter('endsAt', a, 'startsAt', bad)).toEqual([]);
      expect(checkBefore('documentDeadline', bad, 'startsAt', a)).toEqual([]);
    }
  });
});
