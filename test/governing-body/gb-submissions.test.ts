import { NotificationFanout } from '@tripartite/notifications';
import { ok } from '@tripartite/testing';
import { G, GbWorld, MQ, UNKNOWN, blockersOf, codeOf, fieldsOf, inDays } from './gb-fixtures';

const blocked = (instrument: any, stage: string) => instrument.nextStages.find((o: any) => o.stage === stage)?.blockers.map((b: any) => b.code);

describe('Governing Body submissions and decisions', () => {
  let gb: GbWorld;

  beforeAll(async () => {
    gb = await GbWorld.start();
  });
  afterAll(() => gb.stop());

  const dbNow = async () => (await gb.w.api.db.query<{ now: Date }>(`SELECT clock_timestamp() AS now`))[0].now.getTime();
  const auditOf = (id: string) =>
    gb.w.api.db.query<{ action: string; data: any }>(`SELECT action, data FROM audit_event WHERE entity_id = $1 ORDER BY at, id`, [id]);

  describe('prepareSubmission', () => {
    it('needs the instrument in GB_SUBMISSION, after its meeting report is adopted; the paper starts as a DRAFT, audited', async () => {
      const { p, meeting, items } = await gb.w.session({ guidelines: 1 });
      const session = await gb.session();
      const early = await gb.gql(G.prepare, { in: gb.prepareInput(p.instrumentId, session.id) });
      expect(codeOf(early)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(early)).toEqual(['instrumentId']);

      await gb.concludeMeeting(meeting.id, items);
      await gb.w.advance(p.instrumentId, 'GB_SUBMISSION');
      const input = gb.prepareInput(p.instrumentId, session.id, { symbol: '  GB.301/7  ', agendaItemTitle: '  Outcome  ' });
      const prepared = ok(await gb.gql(G.prepare, { in: input })).prepareSubmission;
      expect(prepared).toMatchObject({
        symbol: 'GB.301/7',
        agendaItem: null,
        agendaItemTitle: 'Outcome',
        pointForDecision: input.pointForDecision,
        status: 'DRAFT',
        submittedAt: null,
        late: false,
        decision: null,
        decisionText: null,
        instrument: { id: p.instrumentId, stage: 'GB_SUBMISSION' },
        session: { id: session.id },
      });
      expect(await auditOf(prepared.id)).toEqual([
        { action: 'gbSubmission.prepared', data: expect.objectContaining({ instrumentId: p.instrumentId, sessionId: session.id, symbol: 'GB.301/7' }) },
      ]);
    });

    it('validates its texts, every problem at once', async () => {
      const at = await gb.atGbSubmission(1);
      const session = await gb.session();
      const res = await gb.gql(G.prepare, {
        in: gb.prepareInput(at.instrumentId, session.id, { symbol: '   ', agendaItemTitle: 'x'.repeat(501), pointForDecision: '' }),
      });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(res).sort()).toEqual(['agendaItemTitle', 'pointForDecision', 'symbol']);
      const multiline = await gb.gql(G.prepare, {
        in: gb.prepareInput(at.instrumentId, session.id, { symbol: 'GB.1\n/2', pointForDecision: 'p'.repeat(5001) }),
      });
      expect(fieldsOf(multiline).sort()).toEqual(['pointForDecision', 'symbol']);
      for (const agendaItem of [0, 100, -3]) {
        const outOfRange = await gb.gql(G.prepare, { in: gb.prepareInput(at.instrumentId, session.id, { agendaItem }) });
        expect(codeOf(outOfRange)).toBe('BAD_USER_INPUT');
        expect(fieldsOf(outOfRange)).toEqual(['agendaItem']);
      }
    });

    it('keeps the ordinal of the agenda item, which heads the paper in words in each language', async () => {
      const at = await gb.atGbSubmission(1);
      const session = await gb.session();
      const prepared = await gb.prepare(at.instrumentId, session.id, { agendaItem: 3 });
      expect(prepared.agendaItem).toBe(3);
      const paper = async (language: string) =>
        ok(await gb.gql(G.document, { i: at.instrumentId, f: 'MARKDOWN', l: language })).instrument.submission.document as string;
      expect(await paper('EN')).toContain('**THIRD ITEM ON THE AGENDA**');
      expect(await paper('FR')).toContain("**TROISIÈME QUESTION À L'ORDRE DU JOUR**");
      expect(await paper('ES')).toContain('**TERCER PUNTO DEL ORDEN DEL DÍA**');
    });

    it('answers NOT_FOUND for instruments and sessions that do not exist, malformed or not', async () => {
      const at = await gb.atGbSubmission(1);
      const session = await gb.session();
      for (const [instrumentId, sessionId] of [
        ['nope', session.id],
        [UNKNOWN, session.id],
        [at.instrumentId, 'nope'],
        [at.instrumentId, UNKNOWN],
      ]) {
        expect(codeOf(await gb.gql(G.prepare, { in: gb.prepareInput(instrumentId, sessionId) }))).toBe('NOT_FOUND');
      }
    });

    it('refuses a session that has ended', async () => {
      const at = await gb.atGbSubmission(1);
      // Sessions are created in the future: this one has met since.
      const past = await gb.session();
      await gb.w.api.db.query(
        `UPDATE gb_session SET starts_at = now() - interval '10 days', ends_at = now() - interval '6 days', document_deadline = now() - interval '25 days' WHERE id = $1`,
        [past.id],
      );
      const res = await gb.gql(G.prepare, { in: gb.prepareInput(at.instrumentId, past.id) });
      expect(fieldsOf(res)).toEqual(['sessionId']);
    });

    it('allows one open submission per instrument, and a symbol once (whatever its case); of racing preparations one wins', async () => {
      const at = await gb.atGbSubmission(1);
      const other = await gb.atGbSubmission(1);
      const session = await gb.session();
      const first = await gb.prepare(at.instrumentId, session.id, { symbol: 'GB.320/INS/1' });
      expect(fieldsOf(await gb.gql(G.prepare, { in: gb.prepareInput(at.instrumentId, session.id) }))).toEqual(['instrumentId']);
      expect(fieldsOf(await gb.gql(G.prepare, { in: gb.prepareInput(other.instrumentId, session.id, { symbol: 'gb.320/ins/1' }) }))).toEqual(['symbol']);
      // Still open once submitted, until decided.
      await gb.staff(G.submit, { id: first.id });
      expect(fieldsOf(await gb.gql(G.prepare, { in: gb.prepareInput(at.instrumentId, session.id) }))).toEqual(['instrumentId']);

      const racing = await Promise.all([1, 2, 3].map(() => gb.gql(G.prepare, { in: gb.prepareInput(other.instrumentId, session.id) })));
      expect(racing.filter((r) => !r.errors)).toHaveLength(1);
      for (const r of racing.filter((r) => r.errors)) expect(fieldsOf(r)).toEqual(['instrumentId']);
    });

    it("and the other writes are the secretariat's alone", async () => {
      const { submission } = await gb.submitted();
      const at = await gb.atGbSubmission(1);
      const session = await gb.session();
      for (const token of [gb.tokens.admin, gb.tokens.observer, gb.tokens.moderator, gb.tokens.constituents.GOVERNMENT[0]]) {
        expect(codeOf(await gb.gql(G.prepare, { in: gb.prepareInput(at.instrumentId, session.id) }, token))).toBe('FORBIDDEN');
        expect(codeOf(await gb.gql(G.submit, { id: submission.id }, token))).toBe('FORBIDDEN');
        expect(codeOf(await gb.gql(G.decide, { id: submission.id, d: 'APPROVED' }, token))).toBe('FORBIDDEN');
      }
    });
  });

  describe('submitToGoverningBody', () => {
    it('moves a DRAFT to SUBMITTED at the database clock, on time before the document deadline, once', async () => {
      const at = await gb.atGbSubmission(1);
      const session = await gb.session(60);
      const prepared = await gb.prepare(at.instrumentId, session.id);
      const before = await dbNow();
      const submitted = ok(await gb.gql(G.submit, { id: prepared.id })).submitToGoverningBody;
      const after = await dbNow();
      expect(submitted).toMatchObject({ id: prepared.id, status: 'SUBMITTED', late: false });
      const at_ = new Date(submitted.submittedAt).getTime();
      expect(at_).toBeGreaterThanOrEqual(before);
      expect(at_).toBeLessThanOrEqual(after);
      const again = await gb.gql(G.submit, { id: prepared.id });
      expect(codeOf(again)).toBe('TRANSITION_BLOCKED');
      expect(blockersOf(again)).toEqual(['SUBMISSION_NOT_DRAFT']);
      expect((await auditOf(prepared.id)).map((a) => a.action)).toEqual(['gbSubmission.prepared', 'gbSubmission.submitted']);
    });

    it('accepts a paper after the document deadline and marks it late', async () => {
      const at = await gb.atGbSubmission(1);
      const session = await gb.session(10, inDays(-1));
      const prepared = await gb.prepare(at.instrumentId, session.id);
      const submitted = ok(await gb.gql(G.submit, { id: prepared.id })).submitToGoverningBody;
      expect(submitted).toMatchObject({ status: 'SUBMITTED', late: true });
      expect((await auditOf(prepared.id))[1].data).toMatchObject({ late: true, documentDeadline: session.documentDeadline });
    });

    it('answers NOT_FOUND for ids that name nothing, malformed or not', async () => {
      for (const id of ['nope', UNKNOWN]) {
        expect(codeOf(await gb.gql(G.submit, { id }))).toBe('NOT_FOUND');
        expect(codeOf(await gb.gql(G.decide, { id, d: 'APPROVED' }))).toBe('NOT_FOUND');
      }
    });

    it('needs the instrument still in GB_SUBMISSION', async () => {
      const at = await gb.atGbSubmission(1);
      const prepared = await gb.prepare(at.instrumentId, (await gb.session()).id);
      await gb.w.advance(at.instrumentId, 'WITHDRAWN', 'No longer needed');
      expect(blockersOf(await gb.gql(G.submit, { id: prepared.id }))).toEqual(['INSTRUMENT_NOT_IN_GB_SUBMISSION']);
    });
  });

  describe('recordGoverningBodyDecision', () => {
    it('needs a SUBMITTED paper; until then the instrument cannot be moved to DECIDED', async () => {
      const at = await gb.atGbSubmission(1);
      const prepared = await gb.prepare(at.instrumentId, (await gb.session()).id);
      const early = await gb.gql(G.decide, { id: prepared.id, d: 'APPROVED' });
      expect(codeOf(early)).toBe('TRANSITION_BLOCKED');
      expect(blockersOf(early)).toEqual(['SUBMISSION_NOT_SUBMITTED']);
      const instrument = await gb.instrument(at.instrumentId);
      expect(blocked(instrument, 'DECIDED')).toEqual(['NO_DECISION']);
      expect(blocked(instrument, 'CONSOLIDATION')).toEqual(['NO_DECISION']);
    });

    it.each(['APPROVED', 'APPROVED_WITH_AMENDMENTS', 'NOT_APPROVED'])(
      '%s records the decision and moves the instrument to DECIDED in the same write, audited',
      async (decision) => {
        const { at, submission } = await gb.submitted();
        const decided = ok(await gb.gql(G.decide, { id: submission.id, d: decision, t: '  Paragraph 3 amended.  ' })).recordGoverningBodyDecision;
        expect(decided).toMatchObject({ status: 'DECIDED', decision, decisionText: 'Paragraph 3 amended.', instrument: { stage: 'DECIDED' } });
        const instrument = await gb.instrument(at.instrumentId);
        expect(instrument.stageHistory.at(-1)).toEqual({
          from: 'GB_SUBMISSION',
          to: 'DECIDED',
          reason: `Governing Body decision ${decision} on ${submission.symbol}`,
        });
        expect(instrument.submission).toMatchObject({ id: submission.id, decision });
        const events = await gb.w.api.db.query<{ action: string; txid: string }>(
          `SELECT action, txid::text FROM audit_event WHERE entity_id IN ($1, $2) ORDER BY at, id`,
          [submission.id, at.instrumentId],
        );
        const [decidedEvent, moved] = events.slice(-2);
        expect([decidedEvent.action, moved.action]).toEqual(['gbSubmission.decided', 'stage.changed']);
        expect(decidedEvent.txid).toBe(moved.txid);
        const again = await gb.gql(G.decide, { id: submission.id, d: 'NOT_APPROVED' });
        expect(blockersOf(again)).toEqual(['SUBMISSION_NOT_SUBMITTED', 'INSTRUMENT_NOT_IN_GB_SUBMISSION']);
      },
    );

    it('needs a text with APPROVED_WITH_AMENDMENTS, and at most 20000 characters', async () => {
      const { submission } = await gb.submitted();
      expect(fieldsOf(await gb.gql(G.decide, { id: submission.id, d: 'APPROVED_WITH_AMENDMENTS', t: '  ' }))).toEqual(['text']);
      expect(fieldsOf(await gb.gql(G.decide, { id: submission.id, d: 'APPROVED', t: 'x'.repeat(20001) }))).toEqual(['text']);
    });

    it('of two racing decisions exactly one wins', async () => {
      const { at, submission } = await gb.submitted();
      const results = await Promise.all([
        gb.gql(G.decide, { id: submission.id, d: 'APPROVED' }),
        gb.gql(G.decide, { id: submission.id, d: 'REFERRED_BACK' }),
        gb.gql(G.decide, { id: submission.id, d: 'NOT_APPROVED' }),
      ]);
      const won = results.filter((r) => !r.errors);
      expect(won).toHaveLength(1);
      for (const r of results.filter((r) => r.errors)) expect(codeOf(r)).toBe('TRANSITION_BLOCKED');
      const instrument = await gb.instrument(at.instrumentId);
      expect(instrument.stageHistory.filter((t: any) => t.from === 'GB_SUBMISSION')).toHaveLength(1);
    });

    it('DEFERRED keeps the instrument in GB_SUBMISSION, and a new paper goes to a later session', async () => {
      const at = await gb.atGbSubmission(1);
      const first = await gb.session(30);
      const earlier = await gb.session(20);
      const later = await gb.session(90);
      const prepared = await gb.prepare(at.instrumentId, first.id);
      await gb.staff(G.submit, { id: prepared.id });
      const deferred = ok(await gb.gql(G.decide, { id: prepared.id, d: 'DEFERRED' })).recordGoverningBodyDecision;
      expect(deferred).toMatchObject({ status: 'DECIDED', decision: 'DEFERRED', instrument: { stage: 'GB_SUBMISSION' } });
      expect(blocked(await gb.instrument(at.instrumentId), 'DECIDED')).toEqual(['DECISION_DEFERRED']);

      for (const session of [first, earlier]) {
        expect(fieldsOf(await gb.gql(G.prepare, { in: gb.prepareInput(at.instrumentId, session.id) }))).toEqual(['sessionId']);
      }
      const second = await gb.prepare(at.instrumentId, later.id);
      const instrument = await gb.instrument(at.instrumentId);
      expect(instrument.submission).toMatchObject({ id: second.id, status: 'DRAFT' });
      expect(blocked(instrument, 'DECIDED')).toEqual(['NO_DECISION']);
      await gb.staff(G.submit, { id: second.id });
      expect((await gb.staff(G.decide, { id: second.id, d: 'APPROVED' })).recordGoverningBodyDecision.instrument.stage).toBe('DECIDED');
    });

    it('REFERRED_BACK moves the instrument to CONSOLIDATION; the referral does not count for its next pass', async () => {
      const { at, submission } = await gb.submitted();
      const referred = ok(await gb.gql(G.decide, { id: submission.id, d: 'REFERRED_BACK', t: 'Consult again on section I.' })).recordGoverningBodyDecision;
      expect(referred).toMatchObject({ decision: 'REFERRED_BACK', instrument: { stage: 'CONSOLIDATION' } });
      expect((await gb.instrument(at.instrumentId)).stageHistory.at(-1)).toMatchObject({ from: 'GB_SUBMISSION', to: 'CONSOLIDATION' });

      await gb.anotherMeeting(at);
      const back = await gb.instrument(at.instrumentId);
      expect(back.stage).toBe('GB_SUBMISSION');
      // The earlier paper is still the latest one shown, but the guards wait for a decision on a new one.
      expect(back.submission).toMatchObject({ id: submission.id, decision: 'REFERRED_BACK' });
      expect(blocked(back, 'CONSOLIDATION')).toEqual(['NO_DECISION']);
      const next = await gb.prepare(at.instrumentId, (await gb.session()).id);
      expect((await gb.instrument(at.instrumentId)).submission).toMatchObject({ id: next.id, status: 'DRAFT' });
    });

    it('tells the secretariat and the consulted constituents (gb.decided)', async () => {
      const { at, submission } = await gb.submitted();
      await gb.staff(G.decide, { id: submission.id, d: 'APPROVED' });
      const [event] = await gb.w.api.db.query<{ id: string; data: any; instrument_id: string }>(
        `SELECT id, data, instrument_id FROM notification_event WHERE kind = 'gb.decided' AND subject_id = $1`,
        [submission.id],
      );
      expect(event).toMatchObject({ instrument_id: at.instrumentId, data: { decision: 'APPROVED', submissionId: submission.id, symbol: submission.symbol } });
      await gb.w.api.app.get(NotificationFanout).fanOut(event.id);
      const rows = await gb.w.api.db.query<{ user_id: string; title: string }>(`SELECT user_id, title FROM notification WHERE event_id = $1`, [event.id]);
      const people = gb.w.people;
      const consulted = Object.values(people.constituents)
        .flat()
        .map((p) => p.id);
      expect(rows.map((r) => r.user_id).sort()).toEqual([people.secretariat.id, ...consulted].sort());
      expect(rows[0].title).toContain('Governing Body decision');
    });
  });

  describe('Instrument.submission', () => {
    it('shows a DRAFT to staff only; everyone else sees the paper once submitted, and can read it', async () => {
      const at = await gb.atGbSubmission(1);
      const prepared = await gb.prepare(at.instrumentId, (await gb.session()).id);
      const outsiders = [gb.tokens.observer, gb.tokens.constituents.WORKERS[0], gb.tokens.moderator];
      expect((await gb.instrument(at.instrumentId)).submission).toMatchObject({ id: prepared.id, status: 'DRAFT' });
      for (const token of outsiders) expect((await gb.instrument(at.instrumentId, token)).submission).toBeNull();
      await gb.staff(G.submit, { id: prepared.id });
      for (const token of outsiders) {
        const read = ok(await gb.gql(G.document, { i: at.instrumentId, f: 'MARKDOWN' }, token)).instrument.submission;
        expect(read).toMatchObject({ id: prepared.id, status: 'SUBMITTED' });
        expect(read.document).toContain(`**${prepared.symbol}**`);
      }
    });

    it('is null before any paper is prepared', async () => {
      const at = await gb.atGbSubmission(1);
      expect((await gb.instrument(at.instrumentId)).submission).toBeNull();
      const meeting = ok(await gb.gql(MQ.meeting, { id: at.meetingId })).meeting;
      expect(meeting.status).toBe('REPORT_ADOPTED');
    });
  });
});
