import { errorOf, ok } from '@tripartite/testing';
import { ConsultationWorld, Q, dbNow, sleep } from './consultation-fixtures';

const fieldsOf = (res: any) => (errorOf(res).extensions!.fields as { field: string }[]).map((f) => f.field);

describe('consultation rounds', () => {
  let w: ConsultationWorld;

  beforeAll(async () => {
    w = await ConsultationWorld.start();
  });
  afterAll(() => w.stop());

  describe('scheduling', () => {
    it('schedules round 1 on a published version, inviting every organization of all three groups by default', async () => {
      const p = await w.published();
      const round = await w.schedule(p);
      expect(round).toMatchObject({
        number: 1,
        status: 'SCHEDULED',
        opensAt: null,
        closedAt: null,
        groups: ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'],
        visibility: 'AFTER_CLOSE',
        acceptLate: false,
        instrument: { id: p.instrumentId, stage: 'DRAFTING' },
        version: { id: p.versionId, number: 1 },
        extensions: [],
      });
      const pending = ok(await w.gql(Q.pending, { id: round.id }, w.tokens.secretariat)).round.pendingOrganizations;
      const everyOrg = Object.values(w.people.organizations).flat();
      expect(pending.map((o: any) => o.id).sort()).toEqual([...everyOrg].sort());
      const [audit] = await w.api.db.query<any>(`SELECT actor_id, data FROM audit_event WHERE entity_id = $1 AND action = 'round.scheduled'`, [round.id]);
      expect(audit).toMatchObject({ actor_id: w.people.secretariat.id, data: { number: 1, invited: 6, visibility: 'AFTER_CLOSE' } });
      const listed = ok(await w.gql(Q.instrument, { i: p.instrumentId }, w.tokens.secretariat)).instrument.rounds;
      expect(listed).toEqual([{ id: round.id, number: 1, status: 'SCHEDULED' }]);
    });

    it('invites only the organizations of the given groups, or the given list', async () => {
      const byGroup = await w.schedule(await w.published(), { groups: ['WORKERS'] });
      const pending = ok(await w.gql(Q.pending, { id: byGroup.id }, w.tokens.secretariat)).round.pendingOrganizations;
      expect(pending.map((o: any) => o.id).sort()).toEqual([...w.people.organizations.WORKERS].sort());

      const listed = [w.people.organizations.GOVERNMENT[1], w.people.organizations.EMPLOYERS[0]];
      const byList = await w.schedule(await w.published(), { organizationIds: [...listed, listed[0]], visibility: 'IMMEDIATE', acceptLate: true });
      expect(byList).toMatchObject({ visibility: 'IMMEDIATE', acceptLate: true, groups: ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'] });
      const invited = ok(await w.gql(Q.pending, { id: byList.id }, w.tokens.secretariat)).round.pendingOrganizations;
      expect(invited.map((o: any) => o.id).sort()).toEqual([...listed].sort());

      // Each caller learns whether its own organization is invited, and nothing of the others.
      const invitedFor = async (token: string) => ok(await w.gql(`query($id: ID!) { round(id: $id) { invited } }`, { id: byList.id }, token)).round.invited;
      expect(await invitedFor(w.tokens.constituents.GOVERNMENT[1])).toBe(true);
      expect(await invitedFor(w.tokens.constituents.EMPLOYERS[0])).toBe(true);
      expect(await invitedFor(w.tokens.constituents.GOVERNMENT[0])).toBe(false);
      expect(await invitedFor(w.tokens.constituents.WORKERS[0])).toBe(false);
      expect(await invitedFor(w.tokens.secretariat)).toBe(false);
      const both = `query($a: ID!, $b: ID!) { a: round(id: $a) { invited } b: round(id: $b) { invited } }`;
      expect(ok(await w.gql(both, { a: byGroup.id, b: byList.id }, w.tokens.constituents.WORKERS[1]))).toEqual({ a: { invited: true }, b: { invited: false } });
    });

    it('is for the secretariat only', async () => {
      const p = await w.published();
      for (const token of [w.tokens.admin, w.tokens.constituents.GOVERNMENT[0], w.tokens.observer, w.tokens.moderator]) {
        expect(errorOf(await w.gql(Q.schedule, { in: w.scheduleInput(p) }, token)).code).toBe('FORBIDDEN');
      }
      expect(errorOf(await w.gql(Q.schedule, { in: w.scheduleInput(p) })).code).toBe('UNAUTHENTICATED');
    });

    it('needs a deadline after the database clock', async () => {
      const p = await w.published();
      const past = new Date((await dbNow(w.api)).getTime() - 1000).toISOString();
      const res = await w.gql(Q.schedule, { in: w.scheduleInput(p, { closesAt: past }) }, w.tokens.secretariat);
      expect(errorOf(res).code).toBe('BAD_USER_INPUT');
      expect(fieldsOf(res)).toEqual(['closesAt']);
    });

    it('needs a PUBLISHED version of that very instrument', async () => {
      const p = await w.published();
      const draft = (await w.staff(Q.revise, { i: p.instrumentId })).createRevision.id;
      const unpublished = await w.gql(Q.schedule, { in: { ...w.scheduleInput(p), versionId: draft } }, w.tokens.secretariat);
      expect(fieldsOf(unpublished)).toEqual(['versionId']);
      const other = await w.published();
      const foreign = await w.gql(Q.schedule, { in: { ...w.scheduleInput(p), versionId: other.versionId } }, w.tokens.secretariat);
      expect(fieldsOf(foreign)).toEqual(['versionId']);
      const unknown = await w.gql(Q.schedule, { in: { ...w.scheduleInput(p), instrumentId: '00000000-0000-0000-0000-000000000000' } }, w.tokens.secretariat);
      expect(errorOf(unknown).code).toBe('NOT_FOUND');
    });

    it('checks that listed organizations exist and belong to the invited groups, reporting every problem at once', async () => {
      const p = await w.published();
      const res = await w.gql(
        Q.schedule,
        {
          in: w.scheduleInput(p, {
            closesAt: new Date(Date.now() - 60_000).toISOString(),
            groups: ['GOVERNMENT'],
            organizationIds: [w.people.organizations.GOVERNMENT[0], w.people.organizations.WORKERS[0], '00000000-0000-0000-0000-000000000000'],
          }),
        },
        w.tokens.secretariat,
      );
      expect(errorOf(res).code).toBe('BAD_USER_INPUT');
      expect(fieldsOf(res).sort()).toEqual(['closesAt', 'organizationIds[1]', 'organizationIds[2]']);
    });

    it('allows one round at a time, in DRAFTING or CONSOLIDATION only', async () => {
      const p = await w.published();
      await w.schedule(p);
      const second = await w.gql(Q.schedule, { in: w.scheduleInput(p) }, w.tokens.secretariat);
      expect(errorOf(second).code).toBe('BAD_USER_INPUT');
      expect(fieldsOf(second)).toEqual(['instrumentId']);
      await w.advance(p.instrumentId, 'CONSULTATION');
      const duringConsultation = await w.gql(Q.schedule, { in: w.scheduleInput(p) }, w.tokens.secretariat);
      expect(errorOf(duringConsultation).extensions!.fields).toEqual(
        expect.arrayContaining([{ field: 'instrumentId', message: expect.stringContaining('CONSULTATION') }]),
      );
    });

    it('lets exactly one of several concurrent schedulings win', async () => {
      const p = await w.published();
      const results = await Promise.all(Array.from({ length: 8 }, () => w.gql(Q.schedule, { in: w.scheduleInput(p) }, w.tokens.secretariat)));
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      for (const r of results.filter((r) => r.errors)) expect(errorOf(r).code).toBe('BAD_USER_INPUT');
    });
  });

  describe('opening and closing with the stage', () => {
    it('opens the round when the instrument moves to CONSULTATION, and closes it when it moves on', async () => {
      const p = await w.published();
      const scheduled = await w.schedule(p, { closesInMs: 1500 });
      await w.advance(p.instrumentId, 'CONSULTATION');
      const open = await w.round(scheduled.id);
      expect(open.status).toBe('OPEN');
      expect(open.instrument.stage).toBe('CONSULTATION');
      const [transition] = await w.api.db.query<any>(`SELECT at FROM stage_transition WHERE instrument_id = $1 AND to_stage = 'CONSULTATION'`, [
        p.instrumentId,
      ]);
      expect(new Date(open.opensAt).getTime()).toBe(transition.at.getTime());

      await sleep(1600);
      // After the deadline no reason is needed, and it is not an early close.
      await w.advance(p.instrumentId, 'CONSOLIDATION');
      const closed = await w.round(scheduled.id);
      expect(closed).toMatchObject({ status: 'CLOSED', instrument: { stage: 'CONSOLIDATION' } });
      expect(new Date(closed.closedAt).getTime()).toBeGreaterThanOrEqual(new Date(closed.closesAt).getTime());
      const [row] = await w.api.db.query<any>(`SELECT early_close FROM consultation_round WHERE id = $1`, [scheduled.id]);
      expect(row.early_close).toBe(false);
      const actions = await w.api.db.query<any>(`SELECT action, data FROM audit_event WHERE entity_id = $1 ORDER BY at`, [scheduled.id]);
      expect(actions.map((a) => a.action)).toEqual(['round.scheduled', 'round.opened', 'round.closed']);
      expect(actions[2].data).toMatchObject({ earlyClose: false });
    });

    it('closes early only with a reason, and records it as an early close', async () => {
      const { p, round } = await w.openRound();
      const blocked = errorOf(await w.gql(Q.advance, { i: p.instrumentId, to: 'CONSOLIDATION' }, w.tokens.secretariat));
      expect(blocked.code).toBe('TRANSITION_BLOCKED');
      expect((blocked.extensions!.blockers as any[]).map((b) => b.code)).toEqual(['DEADLINE_NOT_PASSED']);

      await w.advance(p.instrumentId, 'CONSOLIDATION', ' Enough comments received ');
      const closed = await w.round(round.id);
      expect(closed.status).toBe('CLOSED');
      expect(new Date(closed.closedAt).getTime()).toBeLessThan(new Date(closed.closesAt).getTime());
      const history = ok(await w.gql(Q.instrument, { i: p.instrumentId }, w.tokens.secretariat)).instrument.stageHistory;
      expect(history.at(-1)).toEqual({ from: 'CONSULTATION', to: 'CONSOLIDATION', reason: 'Enough comments received' });
      const [row] = await w.api.db.query<any>(
        `SELECT r.early_close, t.early_close AS transition_early FROM consultation_round r JOIN stage_transition t ON t.instrument_id = r.instrument_id AND t.to_stage = 'CONSOLIDATION' WHERE r.id = $1`,
        [round.id],
      );
      expect(row).toEqual({ early_close: true, transition_early: true });
      const [audit] = await w.api.db.query<any>(`SELECT actor_id, data FROM audit_event WHERE entity_id = $1 AND action = 'round.closed'`, [round.id]);
      expect(audit).toMatchObject({ actor_id: w.people.secretariat.id, data: { earlyClose: true, reason: 'Enough comments received' } });
    });

    it('closes the open round when the instrument is withdrawn', async () => {
      const { p, round } = await w.openRound();
      await w.advance(p.instrumentId, 'WITHDRAWN', 'Superseded');
      expect((await w.round(round.id)).status).toBe('CLOSED');
    });

    it('will not open a round whose deadline has passed, until it is extended', async () => {
      const p = await w.published();
      const round = await w.schedule(p, { closesInMs: 800 });
      await sleep(900);
      const view = ok(await w.gql(Q.instrument, { i: p.instrumentId }, w.tokens.secretariat)).instrument;
      const option = view.nextStages.find((o: any) => o.stage === 'CONSULTATION');
      expect(option.blockers.map((b: any) => b.code)).toEqual(['DEADLINE_NOT_IN_FUTURE']);
      ok(await w.gql(Q.extend, { id: round.id, at: new Date(Date.now() + 3_600_000).toISOString(), reason: 'Opened late' }, w.tokens.secretariat));
      await w.advance(p.instrumentId, 'CONSULTATION');
      expect((await w.round(round.id)).status).toBe('OPEN');
    });

    it('opens another round only on a newer published version, numbered 2', async () => {
      const stale = await w.openRound();
      await w.close(stale.p.instrumentId);
      const again = await w.schedule(stale.p);
      expect(again.number).toBe(2);
      const blockers = ok(await w.gql(Q.instrument, { i: stale.p.instrumentId }, w.tokens.secretariat)).instrument.nextStages.find(
        (o: any) => o.stage === 'CONSULTATION',
      ).blockers;
      expect(blockers.map((b: any) => b.code)).toEqual(['NO_NEWER_VERSION']);

      const { p, round } = await w.openRound();
      await w.close(p.instrumentId);
      const v2 = await w.revised(p.instrumentId);
      const second = await w.schedule(v2);
      expect(second).toMatchObject({ number: 2, version: { number: 2 } });
      await w.advance(p.instrumentId, 'CONSULTATION');
      const rounds = ok(await w.gql(Q.instrument, { i: p.instrumentId }, w.tokens.secretariat)).instrument.rounds;
      expect(rounds).toEqual([
        { id: round.id, number: 1, status: 'CLOSED' },
        { id: second.id, number: 2, status: 'OPEN' },
      ]);
    });
  });

  describe('extending the deadline', () => {
    it('moves closesAt later with a reason, and records every extension', async () => {
      const { round } = await w.openRound({ closesInMs: 60_000 });
      const first = new Date(new Date(round.closesAt).getTime() + 86_400_000).toISOString();
      const second = new Date(new Date(round.closesAt).getTime() + 2 * 86_400_000).toISOString();
      ok(await w.gql(Q.extend, { id: round.id, at: first, reason: 'Translation delayed' }, w.tokens.secretariat));
      const extended = ok(await w.gql(Q.extend, { id: round.id, at: second, reason: '  Requested by the Workers  ' }, w.tokens.secretariat)).extendConsultation;
      expect(extended.closesAt).toBe(second);
      expect(extended.extensions).toEqual([
        { from: round.closesAt, to: first, reason: 'Translation delayed', at: expect.any(String) },
        { from: first, to: second, reason: 'Requested by the Workers', at: expect.any(String) },
      ]);
      // Everyone who reads the round sees the extensions.
      expect((await w.round(round.id, w.tokens.constituents.WORKERS[0])).extensions).toHaveLength(2);
      const audits = await w.api.db.query<any>(`SELECT data FROM audit_event WHERE entity_id = $1 AND action = 'round.extended' ORDER BY at`, [round.id]);
      expect(audits.map((a) => a.data)).toEqual([
        { from: round.closesAt, to: first, reason: 'Translation delayed' },
        { from: first, to: second, reason: 'Requested by the Workers' },
      ]);
    });

    it('extends a SCHEDULED round too', async () => {
      const round = await w.schedule(await w.published());
      const to = new Date(new Date(round.closesAt).getTime() + 1000).toISOString();
      expect(ok(await w.gql(Q.extend, { id: round.id, at: to, reason: 'More time' }, w.tokens.secretariat)).extendConsultation.closesAt).toBe(to);
    });

    it('refuses an earlier or equal deadline, a blank reason, a closed round, and anyone but the secretariat', async () => {
      const { p, round } = await w.openRound();
      const earlier = await w.gql(
        Q.extend,
        { id: round.id, at: new Date(new Date(round.closesAt).getTime() - 1000).toISOString(), reason: 'x' },
        w.tokens.secretariat,
      );
      expect(fieldsOf(earlier)).toEqual(['closesAt']);
      const same = await w.gql(Q.extend, { id: round.id, at: round.closesAt, reason: '   ' }, w.tokens.secretariat);
      expect(fieldsOf(same).sort()).toEqual(['closesAt', 'reason']);
      const later = new Date(new Date(round.closesAt).getTime() + 1000).toISOString();
      expect(errorOf(await w.gql(Q.extend, { id: round.id, at: later, reason: 'x' }, w.tokens.constituents.WORKERS[0])).code).toBe('FORBIDDEN');
      expect(errorOf(await w.gql(Q.extend, { id: '00000000-0000-0000-0000-000000000000', at: later, reason: 'x' }, w.tokens.secretariat)).code).toBe(
        'NOT_FOUND',
      );
      await w.close(p.instrumentId);
      const closed = await w.gql(Q.extend, { id: round.id, at: later, reason: 'x' }, w.tokens.secretariat);
      expect(fieldsOf(closed)).toEqual(['roundId']);
      expect((await w.round(round.id)).extensions).toEqual([]);
    });

    it('refuses a new deadline that is later than the old one but already past', async () => {
      const p = await w.published();
      const round = await w.schedule(p, { closesInMs: 500 });
      await sleep(1500);
      const stillPast = new Date(new Date(round.closesAt).getTime() + 500).toISOString();
      const res = await w.gql(Q.extend, { id: round.id, at: stillPast, reason: 'x' }, w.tokens.secretariat);
      expect(errorOf(res).extensions!.fields).toEqual([{ field: 'closesAt', message: 'must be in the future' }]);
    });
  });

  describe('reading rounds', () => {
    it('lets anyone who reads the instrument read its rounds, but only staff see who has not commented', async () => {
      const { p, round } = await w.openRound();
      for (const token of [w.tokens.constituents.EMPLOYERS[1], w.tokens.observer, w.tokens.moderator]) {
        expect((await w.round(round.id, token)).id).toBe(round.id);
        expect(ok(await w.gql(Q.instrument, { i: p.instrumentId }, token)).instrument.rounds).toHaveLength(1);
        expect(errorOf(await w.gql(Q.pending, { id: round.id }, token)).code).toBe('FORBIDDEN');
      }
      expect(ok(await w.gql(Q.pending, { id: round.id }, w.tokens.admin)).round.pendingOrganizations).toHaveLength(6);
      expect(errorOf(await w.gql(Q.round, { id: '00000000-0000-0000-0000-000000000000' }, w.tokens.secretariat)).code).toBe('NOT_FOUND');
      expect(errorOf(await w.gql(Q.round, { id: 'nope' }, w.tokens.secretariat)).code).toBe('NOT_FOUND');
      expect(errorOf(await w.gql(Q.round, { id: round.id })).code).toBe('UNAUTHENTICATED');
    });
  });
});
