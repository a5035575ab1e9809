import type { Actor } from '@tripartite/common';
import { AuditModule } from '@tripartite/audit';
import { CommentQueryService, CommentService, ConsultationModule, RoundService } from '@tripartite/consultation';
import { DraftingService } from '@tripartite/drafting';
import { WorkflowService } from '@tripartite/workflow';
import { Medium, startMedium } from '../support';

// A comment's language on the service: given, else detected, else the author's language its caller passes.
describe('comment language (medium)', () => {
  let medium: Medium;
  let comments: CommentService;
  let worker: Actor;
  let roundId: string;

  beforeAll(async () => {
    medium = await startMedium([AuditModule, ConsultationModule]);
    comments = medium.get(CommentService);
    const [sec] = await medium.db.query<{ id: string }>(
      `INSERT INTO app_user (email, display_name, password_hash, roles) VALUES ('sec@lang.test', 'Sec', 'x', '{SECRETARIAT}') RETURNING id`,
    );
    const secretariat: Actor = { userId: sec.id, roles: ['SECRETARIAT'], organizationId: null, group: null };
    const [org] = await medium.db.query<{ id: string }>(`INSERT INTO organization (name, "group") VALUES ('Syndicat', 'WORKERS') RETURNING id`);
    const [user] = await medium.db.query<{ id: string }>(
      `INSERT INTO app_user (email, display_name, password_hash, roles, organization_id) VALUES ('wrk@lang.test', 'Wrk', 'x', '{CONSTITUENT}', $1) RETURNING id`,
      [org.id],
    );
    worker = { userId: user.id, roles: ['CONSTITUENT'], organizationId: org.id, group: 'WORKERS' };
    const drafting = medium.get(DraftingService);
    const instrument = await drafting.createInstrument(secretariat, { reference: 'ILO/MED/L1', title: 'In three languages', summary: null });
    const [draft] = await medium.db.query<{ id: string }>(`SELECT id FROM draft_version WHERE instrument_id = $1`, [instrument.id]);
    await drafting.importMarkdown(secretariat, draft.id, '# Guidelines\n\n## I. Voice\n\n1.1 Everyone concerned should be heard.\n');
    await drafting.publish(secretariat, draft.id, 'for consultation');
    const round = await medium
      .get(RoundService)
      .schedule(secretariat, { instrumentId: instrument.id, versionId: draft.id, closesAt: new Date(Date.now() + 3_600_000), organizationIds: [org.id] });
    roundId = round.id;
    await medium.get(WorkflowService).advance(secretariat, instrument.id, 'CONSULTATION');
  });
  afterAll(() => medium?.close());

  it("falls back to the author's language only when none is given and the text cannot tell", async () => {
    const short = await comments.submit(worker, { roundId, type: 'GENERAL', body: 'Merci' }, 'FR');
    const detected = await comments.submit(worker, { roundId, type: 'GENERAL', body: 'Los trabajadores deben ser consultados antes de decidir.' }, 'FR');
    const given = await comments.submit(worker, { roundId, type: 'GENERAL', body: 'Merci', language: 'EN' }, 'FR');
    const unknown = await comments.submit(worker, { roundId, type: 'GENERAL', body: 'Merci' }, null);
    expect([short, detected, given, unknown].map((c) => c.language)).toEqual(['FR', 'ES', 'EN', null]);

    // As stored, and as the reads give it back.
    const read = await medium.get(CommentQueryService).get(worker, detected.id);
    expect(read.language).toBe('ES');
    const stored = await medium.db.query<{ language: string | null }>(`SELECT language FROM comment WHERE round_id = $1 ORDER BY submitted_at, id`, [roundId]);
    expect(stored.map((r) => r.language)).toEqual(['FR', 'ES', 'EN', null]);
  });

  it('refuses a language outside the three, writing nothing', async () => {
    const before = await medium.db.query(`SELECT count(*)::int AS n FROM comment`);
    await expect(comments.submit(worker, { roundId, type: 'GENERAL', body: 'Guten Tag', language: 'DE' as never })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { fields: [{ field: 'language', message: 'is not a language' }] },
    });
    const [comment] = await medium.db.query<{ id: string }>(`SELECT id FROM comment LIMIT 1`);
    await expect(comments.update(worker, comment.id, { language: 'de' as never })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { fields: [{ field: 'input.language', message: 'is not a language' }] },
    });
    expect(await medium.db.query(`SELECT count(*)::int AS n FROM comment`)).toEqual(before);
  });
});
