import { AdminService, IdentityReadModel } from '@tripartite/auth';
import { AppConfig } from '@tripartite/config';
import { DraftingReadService, DraftingService, InstrumentReferencesReadModel, TranslationService } from '@tripartite/drafting';
import { TestApi, ok, startApi } from '@tripartite/testing';
import { DEMO_CLOSE_REASON, seedDemoConsultation } from '../../apps/cli/src/seed/demo-consultation';
import { DEMO_INSTRUMENTS } from '../../apps/cli/src/seed/demo-instruments';
import { DemoSeeder } from '../../apps/cli/src/seed/demo-seeder';

describe('demo consultation data', () => {
  let api: TestApi;
  let instrumentId: string;

  beforeAll(async () => {
    api = await startApi();
    const app = api.app;
    // The demo people and instruments, as the seeder writes them, then the consultation on top.
    await new DemoSeeder(
      app.get(AdminService),
      app.get(IdentityReadModel),
      app.get(AppConfig),
      app.get(DraftingService),
      app.get(DraftingReadService),
      app.get(InstrumentReferencesReadModel),
      app.get(TranslationService),
    ).seed();
    [{ id: instrumentId }] = await api.db.query<{ id: string }>(`SELECT id FROM instrument WHERE reference = $1`, [DEMO_INSTRUMENTS.mflm.reference]);
    await seedDemoConsultation(app, instrumentId);
  }, 60_000);
  afterAll(() => api.close());

  it('leaves a closed round with comments of every group and type, most disposed, and the instrument in CONSOLIDATION', async () => {
    const token = await api.login('secretariat@tripartite.demo', 'tripartite-demo');
    const data = ok(
      await api.gql(
        `query($i: ID!) { instrument(id: $i) { stage stageHistory { to reason } rounds { id number status closedAt closesAt version { number } } } }`,
        { i: instrumentId },
        token,
      ),
    ).instrument;
    expect(data.stage).toBe('CONSOLIDATION');
    expect(data.stageHistory.at(-1)).toEqual({ to: 'CONSOLIDATION', reason: DEMO_CLOSE_REASON });
    expect(data.rounds).toHaveLength(1);
    // A round's matrix is read from the round (every round's at once is priced as rounds x guidelines).
    const [summary] = data.rounds;
    const { matrix } = ok(
      await api.gql(`query($r: ID!) { round(id: $r) { matrix { guideline { key } total undisposed byGroup { group count } } } }`, { r: summary.id }, token),
    ).round;
    const round = { ...summary, matrix };
    expect(round).toMatchObject({ number: 1, status: 'CLOSED', version: { number: 1 } });

    const [stats] = await api.db.query<any>(
      `SELECT count(*)::int AS total, count(DISTINCT "group")::int AS groups, count(DISTINCT type)::int AS types,
              count(*) FILTER (WHERE proposed_text IS NOT NULL)::int AS proposed, count(*) FILTER (WHERE disposition IS NOT NULL)::int AS disposed,
              count(*) FILTER (WHERE guideline_id IS NULL)::int AS general, bool_or(late) AS any_late
         FROM comment WHERE round_id = $1`,
      [round.id],
    );
    expect(stats.total).toBeGreaterThanOrEqual(30);
    expect(stats).toMatchObject({ groups: 3, types: 3, any_late: false });
    expect(stats.proposed).toBeGreaterThan(5);
    expect(stats.general).toBeGreaterThan(0);
    expect(stats.disposed).toBeGreaterThan(stats.total / 2);
    expect(stats.disposed).toBeLessThan(stats.total);
    const [row] = await api.db.query<any>(`SELECT early_close FROM consultation_round WHERE id = $1`, [round.id]);
    expect(row.early_close).toBe(true);

    const undisposed = round.matrix.reduce((n: number, r: any) => n + r.undisposed, 0);
    expect(undisposed).toBe(stats.total - stats.disposed);
    const blockers = ok(
      await api.gql(`query($i: ID!) { instrument(id: $i) { nextStages { stage blockers { code message } } } }`, { i: instrumentId }, token),
    ).instrument.nextStages.find((o: any) => o.stage === 'EXPERTS_MEETING').blockers;
    expect(blockers).toContainEqual({ code: 'UNDISPOSED_COMMENTS', message: `${undisposed} comments have no disposition` });
  });

  it('does nothing the second time', async () => {
    const before = await api.db.query(`SELECT count(*)::int AS n FROM comment`);
    await seedDemoConsultation(api.app, instrumentId);
    expect(await api.db.query(`SELECT count(*)::int AS n FROM comment`)).toEqual(before);
  });
});
