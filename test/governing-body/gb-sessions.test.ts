import { ok, seedPeople, startApi } from '@tripartite/testing';
import { G, GbWorld, codeOf, fieldsOf, inDays } from './gb-fixtures';

const DAY = 86_400_000;

describe('Governing Body sessions', () => {
  let gb: GbWorld;

  beforeAll(async () => {
    gb = await GbWorld.start();
  });
  afterAll(() => gb.stop());

  const create = (vars: Record<string, unknown>, token: string | null = gb.tokens.secretariat) => gb.gql(G.createSession, vars, token);

  it('are created by the secretariat, with the document deadline 15 days before the opening by default, audited', async () => {
    const startsAt = '2031-03-10T08:00:00.000Z';
    const session = ok(await create({ n: 401, s: startsAt, e: '2031-03-20T18:00:00.000Z' })).createGoverningBodySession;
    expect(session).toMatchObject({ number: 401, startsAt, endsAt: '2031-03-20T18:00:00.000Z', documentDeadline: '2031-02-23T08:00:00.000Z' });
    const given = ok(await create({ n: 402, s: startsAt, e: '2031-03-20T18:00:00.000Z', d: '2031-03-01T12:00:00.000Z' }));
    expect(given.createGoverningBodySession.documentDeadline).toBe('2031-03-01T12:00:00.000Z');
    const audit = await gb.w.api.db.query(`SELECT action, data FROM audit_event WHERE entity_id = $1`, [session.id]);
    expect(audit).toEqual([{ action: 'gbSession.created', data: expect.objectContaining({ number: 401, documentDeadline: '2031-02-23T08:00:00.000Z' }) }]);
  });

  it('refuse a number already taken, with BAD_USER_INPUT on number; of two racing creations exactly one wins', async () => {
    const vars = { n: 410, s: inDays(40), e: inDays(45) };
    const results = await Promise.all([create(vars), create(vars), create(vars)]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const failed of results.filter((r) => r.errors)) {
      expect(codeOf(failed)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(failed)).toEqual(['number']);
    }
  });

  it('need startsAt before endsAt, a deadline before startsAt and a positive number, every problem at once', async () => {
    const s = '2031-05-10T08:00:00.000Z';
    const backwards = await create({ n: 0, s, e: s, d: s });
    expect(codeOf(backwards)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(backwards).sort()).toEqual(['documentDeadline', 'endsAt', 'number']);
    expect(fieldsOf(await create({ n: 420, s, e: '2031-05-01T00:00:00.000Z' }))).toEqual(['endsAt']);
    expect(fieldsOf(await create({ n: 421, s, e: '2031-05-12T00:00:00.000Z', d: '2031-05-11T00:00:00.000Z' }))).toEqual(['documentDeadline']);
    expect(codeOf(await create({ n: 422, s: 'not a date', e: s }))).toBe('BAD_USER_INPUT');
  });

  it('are created only by the secretariat', async () => {
    const vars = { n: 430, s: inDays(40), e: inDays(45) };
    for (const token of [gb.tokens.admin, gb.tokens.observer, gb.tokens.moderator, gb.tokens.constituents.WORKERS[0]]) {
      expect(codeOf(await create(vars, token))).toBe('FORBIDDEN');
    }
    expect(codeOf(await create(vars, null))).toBe('UNAUTHENTICATED');
  });

  it('are listed to any signed-in user in the order they meet', async () => {
    await create({ n: 440, s: '2032-06-01T08:00:00.000Z', e: '2032-06-10T08:00:00.000Z' });
    await create({ n: 439, s: '2032-03-01T08:00:00.000Z', e: '2032-03-10T08:00:00.000Z' });
    for (const token of [gb.tokens.observer, gb.tokens.constituents.EMPLOYERS[1], gb.tokens.secretariat]) {
      const sessions = ok(await gb.gql(G.sessions, {}, token)).governingBodySessions;
      const starts = sessions.map((s: any) => s.startsAt);
      expect(starts).toEqual([...starts].sort());
      expect(sessions.map((s: any) => s.number).filter((n: number) => n === 439 || n === 440)).toEqual([439, 440]);
    }
    expect(codeOf(await gb.gql(G.sessions, {}, null))).toBe('UNAUTHENTICATED');
  });
});

describe('Governing Body sessions with GB_DOCUMENT_DEADLINE_DAYS set', () => {
  afterAll(() => {
    delete process.env.GB_DOCUMENT_DEADLINE_DAYS;
  });

  it('default their document deadline to that many days before the opening', async () => {
    const api = await startApi({ GB_DOCUMENT_DEADLINE_DAYS: '30' });
    try {
      const token = await api.login((await seedPeople(api.app)).secretariat.email);
      const startsAt = new Date('2031-09-01T08:00:00.000Z');
      const session = ok(await api.gql(G.createSession, { n: 500, s: startsAt.toISOString(), e: '2031-09-05T08:00:00.000Z' }, token));
      expect(session.createGoverningBodySession.documentDeadline).toBe(new Date(startsAt.getTime() - 30 * DAY).toISOString());
    } finally {
      await api.close();
    }
  });
});
