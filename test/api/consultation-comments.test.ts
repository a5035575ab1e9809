import { DataSource } from 'typeorm';
import { AdminService, SESSION_READ_TAG } from '@tripartite/auth';
import { TEST_PASSWORD, errorOf, ok } from '@tripartite/testing';
import { ConsultationWorld, Q } from './consultation-fixtures';

const fieldsOf = (res: any) => (errorOf(res).extensions!.fields as { field: string }[]).map((f) => f.field).sort();

describe('comments', () => {
  let w: ConsultationWorld;
  let gov1: string;
  let gov2: string;
  let wrk1: string;
  /** A second constituent of the first government organization. */
  let colleague: string;

  beforeAll(async () => {
    w = await ConsultationWorld.start();
    [gov1, gov2] = w.tokens.constituents.GOVERNMENT;
    wrk1 = w.tokens.constituents.WORKERS[0];
    await w.api.app.get(AdminService).createUser(null, {
      email: 'government1.colleague@test.org',
      displayName: 'Colleague',
      password: TEST_PASSWORD,
      roles: ['CONSTITUENT'],
      organizationId: w.people.organizations.GOVERNMENT[0],
    });
    colleague = await w.api.login('government1.colleague@test.org');
  });
  afterAll(() => w.stop());

  describe('submitting', () => {
    it('takes organization and group from the author, anchors to a guideline or the whole draft, and audits', async () => {
      const { p, round } = await w.openRound();
      const anchored = await w.comment(gov1, {
        roundId: round.id,
        guidelineId: p.guidelines['1.2'],
        type: 'TECHNICAL',
        body: '  Say which deadlines.  ',
        proposedText: 'Deadlines are announced six months ahead.',
      });
      expect(anchored).toMatchObject({
        group: 'GOVERNMENT',
        type: 'TECHNICAL',
        body: 'Say which deadlines.',
        proposedText: 'Deadlines are announced six months ahead.',
        status: 'SUBMITTED',
        late: false,
        revision: 1,
        disposition: null,
        dispositionNote: null,
        round: { id: round.id },
        guideline: { id: p.guidelines['1.2'], key: '1.2' },
        organization: { id: w.people.organizations.GOVERNMENT[0] },
        author: { id: w.people.constituents.GOVERNMENT[0].id },
      });
      expect(anchored.submittedAt).toBe(anchored.updatedAt);
      const general = await w.comment(wrk1, { roundId: round.id, type: 'GENERAL', body: 'Good overall.', proposedText: '   ' });
      expect(general).toMatchObject({ guideline: null, group: 'WORKERS', proposedText: null, organization: { id: w.people.organizations.WORKERS[0] } });
      const [audit] = await w.api.db.query<any>(`SELECT actor_id, entity_type, data FROM audit_event WHERE entity_id = $1 AND action = 'comment.submitted'`, [
        anchored.id,
      ]);
      expect(audit).toMatchObject({
        actor_id: w.people.constituents.GOVERNMENT[0].id,
        entity_type: 'Comment',
        data: { roundId: round.id, group: 'GOVERNMENT', late: false },
      });
    });

    it('is for constituents of invited organizations only', async () => {
      const { round } = await w.openRound({
        groups: ['GOVERNMENT', 'EMPLOYERS'],
        organizationIds: [w.people.organizations.GOVERNMENT[0], w.people.organizations.EMPLOYERS[0]],
      });
      expect(errorOf(await w.submit(wrk1, { roundId: round.id })).code).toBe('FORBIDDEN');
      expect(errorOf(await w.submit(gov2, { roundId: round.id })).code).toBe('FORBIDDEN');
      for (const token of [w.tokens.secretariat, w.tokens.admin, w.tokens.observer, w.tokens.moderator]) {
        expect(errorOf(await w.submit(token, { roundId: round.id })).code).toBe('FORBIDDEN');
      }
      expect(errorOf(await w.submit(null as any, { roundId: round.id })).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await w.submit(gov1, { roundId: '00000000-0000-0000-0000-000000000000' })).code).toBe('NOT_FOUND');
      expect(await w.comment(gov1, { roundId: round.id })).toBeDefined();
      const [{ n }] = await w.api.db.query<any>(`SELECT count(*)::int AS n FROM comment WHERE round_id = $1`, [round.id]);
      expect(n).toBe(1);
    });

    it('checks body, proposed text and guideline, reporting every problem at once', async () => {
      const { p, round } = await w.openRound();
      const v2 = await w.published();
      const res = await w.submit(gov1, { roundId: round.id, guidelineId: v2.guidelines['1.1'], body: '   ', proposedText: 'x'.repeat(20_001) });
      expect(errorOf(res).code).toBe('BAD_USER_INPUT');
      expect(fieldsOf(res)).toEqual(['body', 'guidelineId', 'proposedText']);
      expect(fieldsOf(await w.submit(gov1, { roundId: round.id, body: 'é'.repeat(20_001) }))).toEqual(['body']);
      expect(fieldsOf(await w.submit(gov1, { roundId: round.id, guidelineId: 'not-an-id' }))).toEqual(['guidelineId']);
      // The limits count characters after trimming, accents as one.
      const longest = await w.comment(gov1, {
        roundId: round.id,
        guidelineId: p.guidelines['2.1'],
        body: ` ${'é'.repeat(20_000)} `,
        proposedText: 'ü'.repeat(20_000),
      });
      expect(Array.from(longest.body)).toHaveLength(20_000);
      expect(errorOf(await w.gql(Q.submit, { in: { roundId: round.id, type: 'OPINION', body: 'x' } }, gov1)).code).toBe('BAD_USER_INPUT');
    });

    it('refuses a guideline of another version of the same instrument', async () => {
      const { p, round } = await w.openRound();
      await w.close(p.instrumentId);
      const v2 = await w.revised(p.instrumentId);
      await w.schedule(v2);
      await w.advance(p.instrumentId, 'CONSULTATION');
      const second = ok(await w.gql(Q.instrument, { i: p.instrumentId }, w.tokens.secretariat)).instrument.rounds[1];
      const res = await w.submit(gov1, { roundId: second.id, guidelineId: p.guidelines['1.1'] });
      expect(fieldsOf(res)).toEqual(['guidelineId']);
      expect((await w.comment(gov1, { roundId: second.id, guidelineId: v2.guidelines['2.2'] })).guideline.key).toBe('2.2');
      expect(round.id).not.toBe(second.id);
    });

    it('refuses comments on a round that has not opened yet', async () => {
      const round = await w.schedule(await w.published());
      const error = errorOf(await w.submit(gov1, { roundId: round.id }));
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.extensions).toMatchObject({ reason: 'ROUND_NOT_OPEN', fields: [{ field: 'roundId', message: expect.any(String) }] });
    });
  });

  describe('idempotency', () => {
    it('returns the first comment for a repeated key and writes nothing', async () => {
      const { round } = await w.openRound();
      const first = await w.comment(gov1, { roundId: round.id, body: 'Once.', idempotencyKey: 'k-1' });
      const again = await w.comment(gov1, { roundId: round.id, body: 'Different text, same key.', idempotencyKey: 'k-1' });
      expect(again.id).toBe(first.id);
      expect(again.body).toBe('Once.');
      // The key is the author's: another user's same key is another comment.
      const other = await w.comment(wrk1, { roundId: round.id, body: 'Mine.', idempotencyKey: 'k-1' });
      expect(other.id).not.toBe(first.id);
      const [{ n }] = await w.api.db.query<any>(`SELECT count(*)::int AS n FROM comment WHERE round_id = $1`, [round.id]);
      expect(n).toBe(2);
      const [{ audits }] = await w.api.db.query<any>(`SELECT count(*)::int AS audits FROM audit_event WHERE entity_id = $1`, [first.id]);
      expect(audits).toBe(1);
    });

    it('leaves exactly one comment after fifty concurrent submits with one key', async () => {
      const { round } = await w.openRound();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => w.submit(gov2, { roundId: round.id, body: `Attempt ${i}`, idempotencyKey: 'flaky-network' })),
      );
      const ids = new Set(results.map((r) => ok(r).submitComment.id));
      expect(ids.size).toBe(1);
      const rows = await w.api.db.query<any>(`SELECT id FROM comment WHERE round_id = $1`, [round.id]);
      expect(rows.map((r) => r.id)).toEqual([...ids]);
      const [{ audits }] = await w.api.db.query<any>(`SELECT count(*)::int AS audits FROM audit_event WHERE action = 'comment.submitted' AND entity_id = $1`, [
        rows[0].id,
      ]);
      expect(audits).toBe(1);
    });
  });

  describe('updating and withdrawing', () => {
    it('lets any constituent of the author organization edit, bumping the revision, and audits each change', async () => {
      const { p, round } = await w.openRound();
      const c = await w.comment(gov1, {
        roundId: round.id,
        guidelineId: p.guidelines['1.1'],
        type: 'EDITORIAL',
        body: 'Typo in line 2.',
        proposedText: 'heard',
      });
      const edited = ok(await w.gql(Q.update, { id: c.id, in: { body: 'Typo in line 3.', type: 'TECHNICAL' }, rev: 1 }, colleague)).updateComment;
      expect(edited).toMatchObject({
        id: c.id,
        body: 'Typo in line 3.',
        type: 'TECHNICAL',
        proposedText: 'heard',
        revision: 2,
        author: { id: w.people.constituents.GOVERNMENT[0].id },
      });
      expect(new Date(edited.updatedAt).getTime()).toBeGreaterThan(new Date(c.updatedAt).getTime());
      expect(edited.submittedAt).toBe(c.submittedAt);
      const cleared = ok(await w.gql(Q.update, { id: c.id, in: { proposedText: null } }, gov1)).updateComment;
      expect(cleared).toMatchObject({ proposedText: null, body: 'Typo in line 3.', revision: 3 });
      const audits = await w.api.db.query<any>(`SELECT actor_id, data FROM audit_event WHERE entity_id = $1 AND action = 'comment.updated' ORDER BY at`, [
        c.id,
      ]);
      expect(audits).toEqual([
        { actor_id: expect.any(String), data: { revision: 2, changed: ['type', 'body'], previous: { type: 'EDITORIAL', body: 'Typo in line 2.' } } },
        { actor_id: w.people.constituents.GOVERNMENT[0].id, data: { revision: 3, changed: ['proposedText'], previous: { proposedText: 'heard' } } },
      ]);
    });

    it('answers CONFLICT to a stale expectedRevision', async () => {
      const { round } = await w.openRound();
      const c = await w.comment(gov1, { roundId: round.id });
      ok(await w.gql(Q.update, { id: c.id, in: { body: 'First edit' }, rev: 1 }, gov1));
      expect(errorOf(await w.gql(Q.update, { id: c.id, in: { body: 'Second edit' }, rev: 1 }, colleague)).code).toBe('CONFLICT');
      // Of concurrent edits on the same revision exactly one wins.
      const racing = await Promise.all(Array.from({ length: 10 }, (_, i) => w.gql(Q.update, { id: c.id, in: { body: `Edit ${i}` }, rev: 2 }, gov1)));
      expect(racing.filter((r) => !r.errors)).toHaveLength(1);
      for (const r of racing.filter((r) => r.errors)) expect(errorOf(r).code).toBe('CONFLICT');
    });

    it('refuses other organizations, other roles and an empty change', async () => {
      const { round } = await w.openRound({ visibility: 'IMMEDIATE' });
      const c = await w.comment(gov1, { roundId: round.id });
      // gov2 may read it (IMMEDIATE) but not change it.
      expect(errorOf(await w.gql(Q.update, { id: c.id, in: { body: 'Hijack' } }, gov2)).code).toBe('FORBIDDEN');
      expect(errorOf(await w.gql(Q.withdraw, { id: c.id }, gov2)).code).toBe('FORBIDDEN');
      expect(errorOf(await w.gql(Q.update, { id: c.id, in: { body: 'Hijack' } }, w.tokens.secretariat)).code).toBe('FORBIDDEN');
      expect(fieldsOf(await w.gql(Q.update, { id: c.id, in: {} }, gov1))).toEqual(['input']);
      expect(fieldsOf(await w.gql(Q.update, { id: c.id, in: { body: ' ' } }, gov1))).toEqual(['input.body']);
      expect(errorOf(await w.gql(Q.update, { id: '00000000-0000-0000-0000-000000000000', in: { body: 'x' } }, gov1)).code).toBe('NOT_FOUND');

      const hidden = await w.openRound({ visibility: 'AFTER_CLOSE' });
      const secret = await w.comment(gov1, { roundId: hidden.round.id });
      // A comment the caller may not even see does not exist for it.
      expect(errorOf(await w.gql(Q.update, { id: secret.id, in: { body: 'x' } }, gov2)).code).toBe('NOT_FOUND');
    });

    it('withdraws: the comment stays, WITHDRAWN, for the secretariat and its organization, and can no longer change', async () => {
      const { round } = await w.openRound();
      const c = await w.comment(gov1, { roundId: round.id, body: 'Never mind this one.' });
      const withdrawn = ok(await w.gql(Q.withdraw, { id: c.id }, colleague)).withdrawComment;
      expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', revision: 2, body: 'Never mind this one.' });
      expect(fieldsOf(await w.gql(Q.update, { id: c.id, in: { body: 'Back again' } }, gov1))).toEqual(['id']);
      expect(errorOf(await w.gql(Q.withdraw, { id: c.id }, gov1)).code).toBe('BAD_USER_INPUT');
      const staffView = await w.all(w.tokens.secretariat, { roundId: round.id });
      expect(staffView).toEqual([expect.objectContaining({ id: c.id, status: 'WITHDRAWN' })]);
      expect((await w.all(gov1, { roundId: round.id })).map((n) => n.status)).toEqual(['WITHDRAWN']);
      const [audit] = await w.api.db.query<any>(`SELECT data FROM audit_event WHERE entity_id = $1 AND action = 'comment.withdrawn'`, [c.id]);
      expect(audit.data).toEqual({ revision: 2, roundId: round.id });
      // Withdrawn comments need no disposition and are not "submitted" for pendingOrganizations.
      const pending = ok(await w.gql(Q.pending, { id: round.id }, w.tokens.secretariat)).round.pendingOrganizations.map((o: any) => o.id);
      expect(pending).toContain(w.people.organizations.GOVERNMENT[0]);
    });

    it('stops once the round is closed', async () => {
      const { p, round } = await w.openRound();
      const c = await w.comment(gov1, { roundId: round.id });
      await w.close(p.instrumentId);
      expect(errorOf(await w.gql(Q.update, { id: c.id, in: { body: 'Too late' } }, gov1)).code).toBe('DEADLINE_PASSED');
      expect(errorOf(await w.gql(Q.withdraw, { id: c.id }, gov1)).code).toBe('DEADLINE_PASSED');
    });
  });

  describe('dispositions', () => {
    it('are recorded by the secretariat with a note, audited, and clear the guard to the experts meeting', async () => {
      const { p, round } = await w.openRound();
      const a = await w.comment(gov1, { roundId: round.id, body: 'First' });
      const b = await w.comment(wrk1, { roundId: round.id, body: 'Second' });
      const withdrawn = await w.comment(gov2, { roundId: round.id, body: 'Third, withdrawn' });
      ok(await w.gql(Q.withdraw, { id: withdrawn.id }, gov2));
      // During the consultation already.
      const early = ok(await w.gql(Q.dispose, { id: a.id, d: 'NOTED' }, w.tokens.secretariat)).setDisposition;
      expect(early).toMatchObject({ disposition: 'NOTED', dispositionNote: null, revision: 1 });
      await w.close(p.instrumentId);

      const blockersOf = async () =>
        ok(await w.gql(Q.instrument, { i: p.instrumentId }, w.tokens.secretariat)).instrument.nextStages.find((o: any) => o.stage === 'EXPERTS_MEETING')
          .blockers;
      expect(await blockersOf()).toEqual(expect.arrayContaining([{ code: 'UNDISPOSED_COMMENTS', message: '1 comment has no disposition' }]));
      const blocked = errorOf(await w.gql(Q.advance, { i: p.instrumentId, to: 'EXPERTS_MEETING' }, w.tokens.secretariat));
      expect((blocked.extensions!.blockers as any[]).map((x) => x.code)).toContain('UNDISPOSED_COMMENTS');

      const disposed = ok(await w.gql(Q.dispose, { id: b.id, d: 'PARTIALLY_ACCEPTED', note: '  Taken up in 1.1  ' }, w.tokens.secretariat)).setDisposition;
      expect(disposed).toMatchObject({ disposition: 'PARTIALLY_ACCEPTED', dispositionNote: 'Taken up in 1.1' });
      expect((await blockersOf()).map((x: any) => x.code)).not.toContain('UNDISPOSED_COMMENTS');
      // A disposition can be revised; the audit keeps the previous one.
      ok(await w.gql(Q.dispose, { id: b.id, d: 'ACCEPTED', note: 'Fully taken up' }, w.tokens.secretariat));
      const audits = await w.api.db.query<any>(`SELECT actor_id, data FROM audit_event WHERE entity_id = $1 AND action = 'comment.disposed' ORDER BY at`, [
        b.id,
      ]);
      expect(audits.map((x) => x.data)).toEqual([
        { disposition: 'PARTIALLY_ACCEPTED', note: 'Taken up in 1.1', previous: null },
        { disposition: 'ACCEPTED', note: 'Fully taken up', previous: { disposition: 'PARTIALLY_ACCEPTED', note: 'Taken up in 1.1' } },
      ]);
      expect(audits[0].actor_id).toBe(w.people.secretariat.id);
      const [row] = await w.api.db.query<any>(`SELECT disposed_by, disposed_at FROM comment WHERE id = $1`, [b.id]);
      expect(row.disposed_by).toBe(w.people.secretariat.id);
      expect(row.disposed_at).toBeInstanceOf(Date);

      expect(fieldsOf(await w.gql(Q.dispose, { id: withdrawn.id, d: 'NOTED' }, w.tokens.secretariat))).toEqual(['commentId']);
      expect(errorOf(await w.gql(Q.dispose, { id: a.id, d: 'NOTED' }, gov1)).code).toBe('FORBIDDEN');
      expect(errorOf(await w.gql(Q.dispose, { id: a.id, d: 'NOTED' }, w.tokens.admin)).code).toBe('FORBIDDEN');
      expect(errorOf(await w.gql(Q.dispose, { id: '00000000-0000-0000-0000-000000000000', d: 'NOTED' }, w.tokens.secretariat)).code).toBe('NOT_FOUND');
    });

    it('are refused once the instrument has left consultation and consolidation', async () => {
      const { p, round } = await w.openRound();
      const c = await w.comment(gov1, { roundId: round.id });
      await w.advance(p.instrumentId, 'WITHDRAWN', 'Dropped');
      const error = errorOf(await w.gql(Q.dispose, { id: c.id, d: 'NOTED' }, w.tokens.secretariat));
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.message).toMatch(/CONSULTATION or CONSOLIDATION/);
    });
  });

  describe('listing', () => {
    it('pages in (submittedAt, id) order with opaque cursors, stable while comments keep arriving', async () => {
      const { round } = await w.openRound();
      const authors = [gov1, gov2, wrk1, colleague];
      for (let i = 0; i < 25; i++) await w.comment(authors[i % 4], { roundId: round.id, body: `Original ${i}` });
      const seen: any[] = [];
      let after: string | null = null;
      let extra = 0;
      for (;;) {
        const page: any = ok(await w.gql(Q.comments, { f: { roundId: round.id }, first: 7, after }, w.tokens.secretariat)).comments;
        seen.push(...page.edges.map((e: any) => e.node));
        // New comments arrive between pages.
        for (let i = 0; i < 2; i++) await w.comment(authors[i], { roundId: round.id, body: `Arrived later ${extra++}` });
        if (!page.pageInfo.hasNextPage) break;
        expect(page.pageInfo.endCursor).toBe(page.edges.at(-1).cursor);
        after = page.pageInfo.endCursor;
      }
      const ids = seen.map((n) => n.id);
      expect(new Set(ids).size).toBe(ids.length);
      const originals = seen.filter((n) => n.body.startsWith('Original')).map((n) => n.body);
      expect(originals).toEqual(Array.from({ length: 25 }, (_, i) => `Original ${i}`));
      const rows = await w.api.db.query<any>(`SELECT id FROM comment WHERE round_id = $1 ORDER BY submitted_at, id`, [round.id]);
      expect(ids).toEqual(rows.slice(0, ids.length).map((r) => r.id));
    });

    it('refuses a bad cursor and a page larger than the cap', async () => {
      const { round } = await w.openRound();
      expect(fieldsOf(await w.gql(Q.comments, { f: { roundId: round.id }, after: 'garbage' }, w.tokens.secretariat))).toEqual(['after']);
      expect(fieldsOf(await w.gql(Q.comments, { f: { roundId: round.id }, first: 201 }, w.tokens.secretariat))).toEqual(['first']);
      expect(fieldsOf(await w.gql(Q.comments, { f: { roundId: round.id, organizationId: 'x' } }, w.tokens.secretariat))).toEqual(['filter.organizationId']);
      const empty = ok(await w.gql(Q.comments, { f: { roundId: round.id }, first: 0 }, w.tokens.secretariat)).comments;
      expect(empty).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
      expect(errorOf(await w.gql(Q.comments, { f: { roundId: '00000000-0000-0000-0000-000000000000' } }, w.tokens.secretariat)).code).toBe('NOT_FOUND');
    });

    it('filters, and searches body and proposed text as PostgreSQL full text with the input as a parameter', async () => {
      const { p, round } = await w.openRound();
      const fees = await w.comment(gov1, {
        roundId: round.id,
        guidelineId: p.guidelines['2.1'],
        type: 'TECHNICAL',
        body: 'Recruitment fees must be banned outright.',
      });
      const contract = await w.comment(wrk1, {
        roundId: round.id,
        guidelineId: p.guidelines['2.1'],
        type: 'EDITORIAL',
        body: 'Clarify the scope.',
        proposedText: 'No fee of any kind is charged to workers.',
      });
      const general = await w.comment(gov2, { roundId: round.id, body: 'We support the draft; recruiters will object.' });
      ok(await w.gql(Q.dispose, { id: fees.id, d: 'ACCEPTED' }, w.tokens.secretariat));
      const ids = async (f: Record<string, unknown>) => {
        const res = ok(await w.gql(Q.comments, { f: { roundId: round.id, ...f } }, w.tokens.secretariat)).comments;
        expect(res.totalCount).toBe(res.edges.length);
        return res.edges.map((e: any) => e.node.id).sort();
      };
      expect(await ids({ search: 'fee' })).toEqual([fees.id, contract.id].sort());
      expect(await ids({ search: 'recruiting' })).toEqual([fees.id, general.id].sort());
      expect(await ids({ search: '"recruitment fees"' })).toEqual([fees.id]);
      expect(await ids({ search: 'fee -banned' })).toEqual([contract.id]);
      expect(await ids({ search: "'); DELETE FROM comment; --" })).toEqual([]);
      expect(await ids({ search: '   ' })).toHaveLength(3);
      expect(await ids({ guidelineId: p.guidelines['2.1'] })).toEqual([fees.id, contract.id].sort());
      expect(await ids({ group: 'WORKERS' })).toEqual([contract.id]);
      expect(await ids({ organizationId: w.people.organizations.GOVERNMENT[1] })).toEqual([general.id]);
      expect(await ids({ type: 'EDITORIAL' })).toEqual([contract.id]);
      expect(await ids({ disposition: 'ACCEPTED' })).toEqual([fees.id]);
      expect(await ids({ undisposedOnly: true })).toEqual([contract.id, general.id].sort());
      expect(await ids({ undisposedOnly: true, group: 'GOVERNMENT', search: 'draft' })).toEqual([general.id]);
      const [{ n }] = await w.api.db.query<any>(`SELECT count(*)::int AS n FROM comment`);
      expect(n).toBeGreaterThan(3);
    });

    it('summarises the round in a matrix: every guideline in document order, then general comments, with group and undisposed counts', async () => {
      const { p, round } = await w.openRound();
      const a = await w.comment(gov1, { roundId: round.id, guidelineId: p.guidelines['1.2'] });
      await w.comment(gov2, { roundId: round.id, guidelineId: p.guidelines['1.2'] });
      await w.comment(wrk1, { roundId: round.id, guidelineId: p.guidelines['2.1'] });
      await w.comment(wrk1, { roundId: round.id });
      const gone = await w.comment(wrk1, { roundId: round.id, guidelineId: p.guidelines['1.1'] });
      ok(await w.gql(Q.withdraw, { id: gone.id }, wrk1));
      ok(await w.gql(Q.dispose, { id: a.id, d: 'NOT_ACCEPTED', note: 'Out of scope' }, w.tokens.secretariat));
      const matrix = ok(await w.gql(Q.matrix, { id: round.id }, w.tokens.secretariat)).round.matrix;
      const groups = (g: number, e: number, wk: number) => [
        { group: 'GOVERNMENT', count: g },
        { group: 'EMPLOYERS', count: e },
        { group: 'WORKERS', count: wk },
      ];
      expect(matrix).toEqual([
        { guideline: { key: '1.1' }, total: 0, undisposed: 0, byGroup: groups(0, 0, 0) },
        { guideline: { key: '1.2' }, total: 2, undisposed: 1, byGroup: groups(2, 0, 0) },
        { guideline: { key: '2.1' }, total: 1, undisposed: 1, byGroup: groups(0, 0, 1) },
        { guideline: null, total: 1, undisposed: 1, byGroup: groups(0, 0, 1) },
      ]);
    });
  });

  describe('batching', () => {
    it('submits a comment in five SQL statements: begin, the held round with its checks, the insert with the clock, the audit event, commit', async () => {
      const { round } = await w.openRound({ visibility: 'IMMEDIATE' });
      const ds = w.api.app.get(DataSource);
      const statements: string[] = [];
      const logQuery = ds.logger.logQuery.bind(ds.logger);
      ds.logger.logQuery = (sql, parameters, runner) => {
        // Authentication's read of the session (when not cached) is not the submit's.
        if (!sql.includes(SESSION_READ_TAG)) statements.push(sql.replace(/\s+/g, ' ').trim());
        return logQuery(sql, parameters, runner);
      };
      // What a client asks back after a submit: the comment's own fields (nested ones are read as for any query).
      const submit = () =>
        w.gql(
          `mutation($in: SubmitCommentInput!) { submitComment(input: $in) { id late submittedAt revision } }`,
          {
            in: { roundId: round.id, type: 'GENERAL', body: 'Counted', idempotencyKey: 'counted-once' },
          },
          gov1,
        );
      try {
        const first = ok(await submit()).submitComment;
        expect(first.late).toBe(false);
        expect(statements.map((sql) => sql.slice(0, 40))).toEqual([
          'START TRANSACTION',
          expect.stringMatching(/^SELECT r\.id/),
          expect.stringMatching(/^WITH c AS MATERIALIZED/),
          expect.stringMatching(/^INSERT INTO audit_event/),
          'COMMIT',
        ]);
        // A retry with the same key writes nothing: the held round answers it, then the earlier comment is read.
        statements.length = 0;
        expect(ok(await submit()).submitComment.id).toBe(first.id);
        expect(statements.filter((sql) => /^(INSERT|UPDATE|DELETE)/.test(sql))).toEqual([]);
      } finally {
        ds.logger.logQuery = logQuery;
      }
    });

    it('reads a page of 100 comments with every nested field in a small constant number of SQL statements', async () => {
      const { p, round } = await w.openRound({ visibility: 'IMMEDIATE' });
      const authors = [gov1, gov2, wrk1, colleague, w.tokens.constituents.EMPLOYERS[0], w.tokens.constituents.EMPLOYERS[1]];
      const keys = Object.keys(p.guidelines);
      await Promise.all(
        Array.from({ length: 105 }, (_, i) =>
          w.comment(authors[i % authors.length], { roundId: round.id, guidelineId: i % 4 ? p.guidelines[keys[i % keys.length]] : null, body: `Comment ${i}` }),
        ),
      );
      const query = `query($f: CommentFilter!, $first: Int!) { comments(filter: $f, first: $first) { totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { id body group status
          organization { id name group countryCode }
          author { id displayName organization { id name } }
          guideline { id key number text }
          round { id number status closesAt instrument { id reference } version { id number } extensions { reason } } } } } }`;
      const ds = w.api.app.get(DataSource);
      const statements: string[] = [];
      const logQuery = ds.logger.logQuery.bind(ds.logger);
      ds.logger.logQuery = (sql, parameters, runner) => {
        if (!sql.includes(SESSION_READ_TAG)) statements.push(sql);
        return logQuery(sql, parameters, runner);
      };
      try {
        const count = async (token: string, first: number) => {
          statements.length = 0;
          const page = ok(await w.gql(query, { f: { roundId: round.id }, first }, token)).comments;
          expect(page.edges).toHaveLength(first);
          expect(page.totalCount).toBe(105);
          expect(page.edges.every((e: any) => e.node.organization && e.node.author.organization && e.node.round.instrument)).toBe(true);
          return statements.length;
        };
        for (const token of [w.tokens.secretariat, gov2]) {
          // The round check, the page (with its organizations, authors and guidelines), the count, then one
          // batch per further nested kind (instruments, versions, extensions): the same for 10 as for 100.
          const forHundred = await count(token, 100);
          expect(forHundred).toBeLessThanOrEqual(6);
          expect(await count(token, 10)).toBe(forHundred);
        }

        // The page a reader asks for most: two statements, the visible round and the page with what it names.
        const reader = `query($f: CommentFilter!) { comments(filter: $f, first: 100) { edges { node { id body group
          organization { id name group countryCode } author { id displayName email roles }
          guideline { id key number title text } } } } }`;
        for (const token of [w.tokens.secretariat, gov2]) {
          statements.length = 0;
          const edges = ok(await w.gql(reader, { f: { roundId: round.id } }, token)).comments.edges.map((e: any) => e.node);
          expect(statements).toHaveLength(2);
          expect(statements[0]).toMatch(/FROM consultation_round r WHERE r.id = \$1/);
          const general = edges.filter((n: any) => n.guideline === null);
          expect(general.length).toBeGreaterThan(0);
          expect(edges.filter((n: any) => n.guideline).every((n: any) => Object.values(p.guidelines).includes(n.guideline.id) && n.guideline.text)).toBe(true);
          expect(
            edges.every((n: any) => n.organization.name && n.organization.group === n.group && n.author.displayName && n.author.roles.includes('CONSTITUENT')),
          ).toBe(true);
          // Authors' emails are personal data: the secretariat reads them, a constituent reads none but its own.
          const ownId = token === gov2 ? w.people.constituents.GOVERNMENT[1].id : null;
          expect(edges.every((n: any) => (token === gov2 && n.author.id !== ownId ? n.author.email === null : /@/.test(n.author.email)))).toBe(true);
        }
      } finally {
        ds.logger.logQuery = logQuery;
      }
    });
  });
});
