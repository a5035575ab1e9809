import { Client } from 'pg';
import { People, TestApi, errorOf, ok, seedPeople, startApi } from '@tripartite/testing';

const CREATE = `mutation($r: String!) { createInstrument(input: { reference: $r, title: "Guidelines under test" }) { id stage revision versions { id } } }`;
const IMPORT = `mutation($v: ID!, $md: String!) { importDraftMarkdown(versionId: $v, markdown: $md) { id } }`;
const PUBLISH = `mutation($v: ID!) { publishVersion(versionId: $v, changeSummary: "first") { id status } }`;
const ADVANCE = `mutation($i: ID!, $to: Stage!, $reason: String, $rev: Int) { advanceStage(instrumentId: $i, to: $to, reason: $reason, expectedRevision: $rev) { id stage revision } }`;
const INSTRUMENT = `query($i: ID!) { instrument(id: $i) { id stage revision
  nextStages { stage allowed blockers { code message } }
  stageHistory { from to at reason actor { id } } } }`;
const MARKDOWN = `# Test\n\n## I. General\n\n1.1 Everyone should be heard.\n\n1.2 Deadlines are kept.\n`;

describe('workflow machine through the API', () => {
  let api: TestApi;
  let people: People;
  let secretariat: string;
  let n = 0;

  beforeAll(async () => {
    api = await startApi();
    people = await seedPeople(api.app);
    secretariat = await api.login(people.secretariat.email);
  });
  afterAll(() => api.close());

  async function instrument(publish = true): Promise<string> {
    const created = ok(await api.gql(CREATE, { r: `WF/${++n}` }, secretariat)).createInstrument;
    if (publish) {
      ok(await api.gql(IMPORT, { v: created.versions[0].id, md: MARKDOWN }, secretariat));
      ok(await api.gql(PUBLISH, { v: created.versions[0].id }, secretariat));
    }
    return created.id;
  }

  it('shows every move from DRAFTING with all its blockers, and refuses a blocked move with the same list', async () => {
    const id = await instrument(false);
    const view = ok(await api.gql(INSTRUMENT, { i: id }, secretariat)).instrument;
    expect(view.stage).toBe('DRAFTING');
    const consultation = view.nextStages.find((o: any) => o.stage === 'CONSULTATION');
    expect(consultation.allowed).toBe(false);
    const codes = consultation.blockers.map((b: any) => b.code);
    expect(codes).toEqual(expect.arrayContaining(['NO_SCHEDULED_ROUND']));
    const withdrawn = view.nextStages.find((o: any) => o.stage === 'WITHDRAWN');
    expect(withdrawn.blockers.map((b: any) => b.code)).toEqual(['REASON_REQUIRED']);

    const error = errorOf(await api.gql(ADVANCE, { i: id, to: 'CONSULTATION' }, secretariat));
    expect(error.code).toBe('TRANSITION_BLOCKED');
    expect((error.extensions!.blockers as any[]).map((b) => b.code)).toEqual(codes);
  });

  it('refuses a move that is not in the table', async () => {
    const id = await instrument();
    const error = errorOf(await api.gql(ADVANCE, { i: id, to: 'DECIDED' }, secretariat));
    expect(error.code).toBe('TRANSITION_BLOCKED');
    expect((error.extensions!.blockers as any[]).map((b) => b.code)).toEqual(['NOT_A_MOVE']);
  });

  it('withdraws with a reason, records the transition, and then allows nothing more', async () => {
    const id = await instrument();
    const before = ok(await api.gql(INSTRUMENT, { i: id }, secretariat)).instrument;
    const moved = ok(await api.gql(ADVANCE, { i: id, to: 'WITHDRAWN', reason: '  Superseded by a convention ' }, secretariat)).advanceStage;
    expect(moved).toEqual({ id, stage: 'WITHDRAWN', revision: before.revision + 1 });
    const after = ok(await api.gql(INSTRUMENT, { i: id }, secretariat)).instrument;
    expect(after.stageHistory).toEqual([
      { from: 'DRAFTING', to: 'WITHDRAWN', at: expect.any(String), reason: 'Superseded by a convention', actor: { id: people.secretariat.id } },
    ]);
    expect(after.nextStages).toEqual([]);
    const error = errorOf(await api.gql(ADVANCE, { i: id, to: 'CONSULTATION' }, secretariat));
    expect(error.code).toBe('TRANSITION_BLOCKED');
    const [audit] = await api.db.query<{ action: string; actor_id: string; data: any }>(
      `SELECT action, actor_id, data FROM audit_event WHERE entity_id = $1 AND action = 'stage.changed'`,
      [id],
    );
    expect(audit).toMatchObject({ actor_id: people.secretariat.id, data: { from: 'DRAFTING', to: 'WITHDRAWN', reason: 'Superseded by a convention' } });
  });

  it('needs a non-blank reason to withdraw', async () => {
    const id = await instrument();
    const error = errorOf(await api.gql(ADVANCE, { i: id, to: 'WITHDRAWN', reason: '   ' }, secretariat));
    expect(error.code).toBe('TRANSITION_BLOCKED');
    expect((error.extensions!.blockers as any[])[0].code).toBe('REASON_REQUIRED');
  });

  it('answers CONFLICT when expectedRevision is stale', async () => {
    const id = await instrument();
    const { revision } = ok(await api.gql(INSTRUMENT, { i: id }, secretariat)).instrument;
    expect(errorOf(await api.gql(ADVANCE, { i: id, to: 'WITHDRAWN', reason: 'x', rev: revision - 1 }, secretariat)).code).toBe('CONFLICT');
    ok(await api.gql(ADVANCE, { i: id, to: 'WITHDRAWN', reason: 'x', rev: revision }, secretariat));
  });

  it('lets exactly one of twenty concurrent moves win', async () => {
    const id = await instrument();
    const { revision } = ok(await api.gql(INSTRUMENT, { i: id }, secretariat)).instrument;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api.gql(ADVANCE, { i: id, to: 'WITHDRAWN', reason: `race ${i}`, rev: i % 2 ? revision : null }, secretariat)),
    );
    const winners = results.filter((r) => !r.errors);
    expect(winners).toHaveLength(1);
    // A move that started after the winner committed sees WITHDRAWN and is refused on that ground.
    for (const loser of results.filter((r) => r.errors)) expect(['CONFLICT', 'TRANSITION_BLOCKED']).toContain(errorOf(loser).code);
    const history = ok(await api.gql(INSTRUMENT, { i: id }, secretariat)).instrument.stageHistory;
    expect(history).toHaveLength(1);
  });

  it('answers CONFLICT, without expectedRevision, to moves that were waiting while another one won', async () => {
    const id = await instrument();
    const holder = new Client({ connectionString: api.db.url });
    await holder.connect();
    try {
      // Hold the instrument so that every move reads its revision and then waits for the lock.
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM instrument WHERE id = $1 FOR UPDATE', [id]);
      const moves = Array.from({ length: 5 }, (_, i) => api.gql(ADVANCE, { i: id, to: 'WITHDRAWN', reason: `waiting ${i}` }, secretariat));
      for (let waiting = 0; waiting < 5;) {
        await new Promise((r) => setTimeout(r, 20));
        [{ waiting }] = (
          await holder.query(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)
        ).rows;
      }
      await holder.query('COMMIT');
      const results = await Promise.all(moves);
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      const losers = results.filter((r) => r.errors).map(errorOf);
      expect(losers.map((e) => e.code)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT']);
      expect(losers[0].message).toMatch(/now WITHDRAWN/);
    } finally {
      await holder.end();
    }
  });

  it('is the secretariat’s: others are refused, and see a blocker saying so', async () => {
    const id = await instrument();
    for (const person of [people.constituents.GOVERNMENT[0], people.observer, people.moderator, people.admin]) {
      const token = await api.login(person.email);
      expect(errorOf(await api.gql(ADVANCE, { i: id, to: 'WITHDRAWN', reason: 'x' }, token)).code).toBe('FORBIDDEN');
      const view = ok(await api.gql(INSTRUMENT, { i: id }, token)).instrument;
      for (const option of view.nextStages) {
        expect(option.allowed).toBe(false);
        expect(option.blockers.map((b: any) => b.code)).toContain('NOT_PERMITTED');
      }
    }
  });

  it('answers NOT_FOUND for an unknown or malformed instrument id', async () => {
    expect(errorOf(await api.gql(ADVANCE, { i: '00000000-0000-0000-0000-000000000000', to: 'WITHDRAWN', reason: 'x' }, secretariat)).code).toBe('NOT_FOUND');
    expect(errorOf(await api.gql(ADVANCE, { i: 'not-a-uuid', to: 'WITHDRAWN', reason: 'x' }, secretariat)).code).toBe('NOT_FOUND');
  });
});
