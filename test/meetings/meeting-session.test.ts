import { ok } from '@tripartite/testing';
import { MeetingWorld, Q, UNKNOWN, allSupport, blockersOf, codeOf, fieldsOf } from './meeting-fixtures';

describe('experts meeting in session: items, positions, amendments, closing', () => {
  let w: MeetingWorld;

  beforeAll(async () => {
    w = await MeetingWorld.start();
  });
  afterAll(() => w.stop());

  describe('opening', () => {
    it('opens a SCHEDULED meeting once the instrument is in EXPERTS_MEETING', async () => {
      const p = await w.consolidating();
      const meeting = await w.schedule(p);
      ok(await w.gql(Q.assignModerator, { m: meeting.id, u: w.people.moderator.id }, w.tokens.secretariat));
      const early = await w.gql(Q.openMeeting, { m: meeting.id }, w.tokens.moderator);
      expect(codeOf(early)).toBe('TRANSITION_BLOCKED');
      expect(blockersOf(early)).toEqual(['INSTRUMENT_NOT_IN_EXPERTS_MEETING']);
      await w.advance(p.instrumentId, 'EXPERTS_MEETING');
      expect((await w.mod(Q.openMeeting, { m: meeting.id })).openMeeting).toEqual({ id: meeting.id, status: 'IN_SESSION' });
      expect(blockersOf(await w.gql(Q.openMeeting, { m: meeting.id }, w.tokens.secretariat))).toEqual(['MEETING_NOT_SCHEDULED']);
    });

    it('opens items only while the meeting is IN_SESSION, and only PENDING ones', async () => {
      const p = await w.consolidating();
      const meeting = await w.schedule(p);
      const item = meeting.agenda[0].id;
      expect(blockersOf(await w.gql(Q.openItem, { i: item }, w.tokens.secretariat))).toEqual(['MEETING_NOT_IN_SESSION']);
      await w.advance(p.instrumentId, 'EXPERTS_MEETING');
      await w.staff(Q.openMeeting, { m: meeting.id });
      const opened = (await w.staff(Q.openItem, { i: item })).openAgendaItem;
      expect(opened).toMatchObject({ id: item, status: 'UNDER_DISCUSSION', revision: 2, positions: [], tally: { outcome: 'INCOMPLETE' } });
      expect(blockersOf(await w.gql(Q.openItem, { i: item }, w.tokens.secretariat))).toEqual(['ITEM_NOT_PENDING']);
    });
  });

  describe('who records', () => {
    it("the meeting's moderators and the secretariat; a moderator of another meeting gets FORBIDDEN", async () => {
      const { meeting, items } = await w.session();
      // otherModerator moderates a meeting of its own, not this one.
      const elsewhere = await w.schedule(await w.consolidating());
      ok(await w.gql(Q.assignModerator, { m: elsewhere.id, u: w.people.otherModerator.id }, w.tokens.secretariat));
      const other = w.tokens.otherModerator;
      expect(codeOf(await w.gql(Q.openItem, { i: items[0] }, other))).toBe('FORBIDDEN');
      await w.mod(Q.openItem, { i: items[0] });
      const attempts = [
        w.gql(Q.position, { i: items[0], g: 'WORKERS', p: 'SUPPORT' }, other),
        w.gql(Q.propose, { i: items[0], g: 'WORKERS', t: 'Other words.' }, other),
        w.gql(Q.vote, { i: items[0], v: [{ group: 'WORKERS', inFavour: 1, against: 0, abstentions: 0 }] }, other),
        w.gql(Q.closeItem, { i: items[0], s: 'DEFERRED' }, other),
        w.gql(Q.closeMeeting, { m: meeting.id }, other),
        w.gql(Q.openMeeting, { m: elsewhere.id }, w.tokens.moderator),
      ];
      for (const res of await Promise.all(attempts)) expect(codeOf(res)).toBe('FORBIDDEN');
      const amendment = (await w.mod(Q.propose, { i: items[0], g: 'WORKERS', t: 'Better words.' })).proposeAmendment;
      expect(codeOf(await w.gql(Q.amendmentPosition, { a: amendment.id, g: 'WORKERS', p: 'SUPPORT' }, other))).toBe('FORBIDDEN');
      expect(codeOf(await w.gql(Q.decide, { a: amendment.id, s: 'WITHDRAWN' }, other))).toBe('FORBIDDEN');
      // Roles outside MODERATOR and SECRETARIAT never reach the meeting; participants only read.
      for (const token of [w.tokens.constituents.GOVERNMENT[0], w.tokens.observer, w.tokens.admin]) {
        expect(codeOf(await w.gql(Q.position, { i: items[0], g: 'GOVERNMENT', p: 'SUPPORT' }, token))).toBe('FORBIDDEN');
      }
      expect(ok(await w.gql(Q.meeting, { id: meeting.id }, w.tokens.constituents.GOVERNMENT[0])).meeting.id).toBe(meeting.id);
      // The secretariat records in any meeting.
      ok(await w.gql(Q.position, { i: items[0], g: 'GOVERNMENT', p: 'SUPPORT' }, w.tokens.secretariat));
    });

    it('answers NOT_FOUND for ids that name nothing, malformed or not', async () => {
      for (const id of [UNKNOWN, 'item-1', '']) {
        expect(codeOf(await w.gql(Q.openItem, { i: id }, w.tokens.moderator))).toBe('NOT_FOUND');
        expect(codeOf(await w.gql(Q.position, { i: id, g: 'WORKERS', p: 'SUPPORT' }, w.tokens.secretariat))).toBe('NOT_FOUND');
        expect(codeOf(await w.gql(Q.decide, { a: id, s: 'ACCEPTED' }, w.tokens.secretariat))).toBe('NOT_FOUND');
        expect(codeOf(await w.gql(Q.closeMeeting, { m: id }, w.tokens.secretariat))).toBe('NOT_FOUND');
      }
    });
  });

  describe('positions', () => {
    it("replace the group's current one and keep the history, each bumping the revision, audited", async () => {
      const { items } = await w.session();
      const item = items[0];
      await w.mod(Q.openItem, { i: item });
      await w.mod(Q.position, { i: item, g: 'WORKERS', p: 'OPPOSE', s: 'Not as drafted.', rev: 2 });
      await w.mod(Q.position, { i: item, g: 'GOVERNMENT', p: 'SUPPORT' });
      const after = (await w.gql(Q.position, { i: item, g: 'WORKERS', p: 'RESERVATION', s: '  We can live with it.  ' }, w.tokens.secretariat).then(ok))
        .recordPosition;
      expect(after.revision).toBe(5);
      expect(after.positions).toEqual([
        { group: 'GOVERNMENT', position: 'SUPPORT', statement: null, recordedBy: { id: w.people.moderator.id }, recordedAt: expect.any(String) },
        {
          group: 'WORKERS',
          position: 'RESERVATION',
          statement: 'We can live with it.',
          recordedBy: { id: w.people.secretariat.id },
          recordedAt: expect.any(String),
        },
      ]);
      expect(after.tally).toEqual({
        agendaItemId: item,
        outcome: 'INCOMPLETE',
        supporting: ['GOVERNMENT'],
        opposing: [],
        abstaining: [],
        reserving: ['WORKERS'],
        pending: ['EMPLOYERS'],
      });
      const read = ok(
        await w.gql(
          `query($id: ID!) { agendaItem(id: $id) { id positionHistory { group position statement recordedBy { id } } } }`,
          { id: item },
          w.tokens.observer,
        ),
      ).agendaItem;
      expect(read.positionHistory).toEqual([
        { group: 'WORKERS', position: 'OPPOSE', statement: 'Not as drafted.', recordedBy: { id: w.people.moderator.id } },
        { group: 'GOVERNMENT', position: 'SUPPORT', statement: null, recordedBy: { id: w.people.moderator.id } },
        { group: 'WORKERS', position: 'RESERVATION', statement: 'We can live with it.', recordedBy: { id: w.people.secretariat.id } },
      ]);
      const audits = await w.api.db.query<any>(`SELECT actor_id, data FROM audit_event WHERE entity_id = $1 AND action = 'position.recorded' ORDER BY at`, [
        item,
      ]);
      expect(audits.map((a) => [a.data.group, a.data.position, a.data.replaced, a.data.revision])).toEqual([
        ['WORKERS', 'OPPOSE', null, 3],
        ['GOVERNMENT', 'SUPPORT', null, 4],
        ['WORKERS', 'RESERVATION', 'OPPOSE', 5],
      ]);
    });

    it('are recorded only on an item UNDER_DISCUSSION', async () => {
      const { items } = await w.session();
      const res = await w.gql(Q.position, { i: items[1], g: 'WORKERS', p: 'SUPPORT' }, w.tokens.moderator);
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(res)).toEqual(['agendaItemId']);
      await w.discussed(items[1]);
      await w.mod(Q.closeItem, { i: items[1], s: 'DEFERRED' });
      expect(fieldsOf(await w.gql(Q.position, { i: items[1], g: 'WORKERS', p: 'SUPPORT' }, w.tokens.moderator))).toEqual(['agendaItemId']);
    });

    it('with a stale expectedRevision are refused with CONFLICT; of two racing moderators exactly one wins', async () => {
      const { meeting, items } = await w.session();
      ok(await w.gql(Q.assignModerator, { m: meeting.id, u: w.people.otherModerator.id }, w.tokens.secretariat));
      const opened = (await w.mod(Q.openItem, { i: items[0] })).openAgendaItem;
      const stale = await w.gql(Q.position, { i: items[0], g: 'EMPLOYERS', p: 'SUPPORT', rev: opened.revision - 1 }, w.tokens.moderator);
      expect(codeOf(stale)).toBe('CONFLICT');
      for (let round = 0; round < 5; round++) {
        const { revision } = (await w.mod(`query($id: ID!) { meeting(id: $id) { agenda { revision } } }`, { id: meeting.id })).meeting.agenda[0];
        const results = await Promise.all([
          w.gql(Q.position, { i: items[0], g: 'EMPLOYERS', p: 'SUPPORT', rev: revision }, w.tokens.moderator),
          w.gql(Q.position, { i: items[0], g: 'EMPLOYERS', p: 'OPPOSE', rev: revision }, w.tokens.otherModerator),
        ]);
        const won = results.filter((r) => !r.errors);
        expect(won).toHaveLength(1);
        expect(results.filter((r) => r.errors).map(codeOf)).toEqual(['CONFLICT']);
        expect(won[0].data.recordPosition.revision).toBe(revision + 1);
      }
      const [{ n }] = await w.api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM position_record WHERE agenda_item_id = $1`, [items[0]]);
      expect(n).toBe(5);
    });
  });

  describe('closing an item', () => {
    it('ADOPTED needs consensus: blocked with the blockers otherwise; then takes the guideline text', async () => {
      const { p, items } = await w.session();
      await w.discussed(items[0], { GOVERNMENT: 'SUPPORT', EMPLOYERS: 'OPPOSE' });
      const incomplete = await w.gql(Q.closeItem, { i: items[0], s: 'ADOPTED' }, w.tokens.moderator);
      expect(codeOf(incomplete)).toBe('TRANSITION_BLOCKED');
      expect(errorBlockers(incomplete)).toEqual([{ code: 'NO_AGREEMENT', message: 'Adopting needs consensus or a carried vote; the tally is INCOMPLETE' }]);
      await w.mod(Q.position, { i: items[0], g: 'WORKERS', p: 'SUPPORT' });
      expect(blockersOf(await w.gql(Q.closeItem, { i: items[0], s: 'ADOPTED' }, w.tokens.moderator))).toEqual(['NO_AGREEMENT']);
      expect(blockersOf(await w.gql(Q.closeItem, { i: items[0], s: 'ADOPTED_AS_AMENDED' }, w.tokens.moderator))).toEqual(['NO_ACCEPTED_AMENDMENT']);
      // Employers come round with a reservation: consensus.
      const agreed = (await w.mod(Q.position, { i: items[0], g: 'EMPLOYERS', p: 'RESERVATION' })).recordPosition;
      expect(agreed.tally).toMatchObject({ outcome: 'CONSENSUS', reserving: ['EMPLOYERS'] });
      const wrongText = await w.gql(Q.closeItem, { i: items[0], s: 'ADOPTED', t: 'Something else.' }, w.tokens.moderator);
      expect(fieldsOf(wrongText)).toEqual(['finalText']);
      const closed = (await w.mod(Q.closeItem, { i: items[0], s: 'ADOPTED' })).closeAgendaItem;
      expect(closed).toMatchObject({ status: 'ADOPTED', finalText: p.guidelines[0].text, revision: agreed.revision + 1 });
      expect(blockersOf(await w.gql(Q.closeItem, { i: items[0], s: 'NOT_ADOPTED' }, w.tokens.moderator))).toEqual(['ITEM_NOT_UNDER_DISCUSSION']);
      expect(blockersOf(await w.gql(Q.closeItem, { i: items[1], s: 'UNDER_DISCUSSION' }, w.tokens.moderator))).toEqual([
        'ITEM_NOT_UNDER_DISCUSSION',
        'NOT_A_CLOSING_STATUS',
      ]);
    });

    it('NOT_ADOPTED and DEFERRED close any item under discussion, without a final text', async () => {
      const { items } = await w.session();
      await w.discussed(items[0], { GOVERNMENT: 'OPPOSE', EMPLOYERS: 'OPPOSE', WORKERS: 'SUPPORT' });
      expect((await w.mod(Q.closeItem, { i: items[0], s: 'NOT_ADOPTED' })).closeAgendaItem).toMatchObject({ status: 'NOT_ADOPTED', finalText: null });
      await w.discussed(items[1]);
      const withText = await w.gql(Q.closeItem, { i: items[1], s: 'DEFERRED', t: 'Text.' }, w.tokens.moderator);
      expect(fieldsOf(withText)).toEqual(['finalText']);
      expect((await w.mod(Q.closeItem, { i: items[1], s: 'DEFERRED' })).closeAgendaItem).toMatchObject({ status: 'DEFERRED', finalText: null });
    });
  });

  describe('amendments', () => {
    it('collect positions with history, are ACCEPTED only in consensus, and make ADOPTED_AS_AMENDED take their text', async () => {
      const { items } = await w.session();
      const item = items[0];
      await w.discussed(item, { GOVERNMENT: 'SUPPORT', EMPLOYERS: 'OPPOSE', WORKERS: 'OPPOSE' });
      const proposed = (await w.mod(Q.propose, { i: item, g: 'EMPLOYERS', t: '  Recruitment fees are never charged to workers.  ' })).proposeAmendment;
      expect(proposed).toMatchObject({ proposedBy: 'EMPLOYERS', text: 'Recruitment fees are never charged to workers.', status: 'PROPOSED', positions: [] });
      const a = proposed.id;
      await w.mod(Q.amendmentPosition, { a, g: 'GOVERNMENT', p: 'SUPPORT' });
      const incomplete = await w.gql(Q.decide, { a, s: 'ACCEPTED' }, w.tokens.moderator);
      expect(errorBlockers(incomplete)).toEqual([{ code: 'AMENDMENT_INCOMPLETE', message: 'No position recorded yet for Employers and Workers' }]);
      await w.mod(Q.amendmentPosition, { a, g: 'EMPLOYERS', p: 'SUPPORT' });
      await w.mod(Q.amendmentPosition, { a, g: 'WORKERS', p: 'OPPOSE' });
      expect(errorBlockers(await w.gql(Q.decide, { a, s: 'ACCEPTED' }, w.tokens.moderator))).toEqual([
        { code: 'AMENDMENT_NO_CONSENSUS', message: 'Opposed by Workers' },
      ]);
      const changed = (await w.mod(Q.amendmentPosition, { a, g: 'WORKERS', p: 'ABSTAIN' })).recordAmendmentPosition;
      expect(changed.positions).toEqual([
        { group: 'GOVERNMENT', position: 'SUPPORT', recordedBy: { id: w.people.moderator.id } },
        { group: 'EMPLOYERS', position: 'SUPPORT', recordedBy: { id: w.people.moderator.id } },
        { group: 'WORKERS', position: 'ABSTAIN', recordedBy: { id: w.people.moderator.id } },
      ]);
      expect(changed.positionHistory.map((x: any) => `${x.group}:${x.position}`)).toEqual([
        'GOVERNMENT:SUPPORT',
        'EMPLOYERS:SUPPORT',
        'WORKERS:OPPOSE',
        'WORKERS:ABSTAIN',
      ]);
      // ADOPTED is still blocked: the item's own positions have no consensus; the accepted amendment carries the agreement.
      expect((await w.mod(Q.decide, { a, s: 'ACCEPTED' })).decideAmendment.status).toBe('ACCEPTED');
      expect(blockersOf(await w.gql(Q.decide, { a, s: 'WITHDRAWN' }, w.tokens.moderator))).toEqual(['AMENDMENT_NOT_PROPOSED']);
      expect(fieldsOf(await w.gql(Q.amendmentPosition, { a, g: 'WORKERS', p: 'SUPPORT' }, w.tokens.moderator))).toEqual(['amendmentId']);
      // A second amendment cannot be accepted too: one text becomes final.
      const second = (await w.mod(Q.propose, { i: item, g: 'WORKERS', t: 'Another wording.' })).proposeAmendment.id;
      for (const g of ['GOVERNMENT', 'EMPLOYERS', 'WORKERS']) await w.mod(Q.amendmentPosition, { a: second, g, p: 'SUPPORT' });
      expect(blockersOf(await w.gql(Q.decide, { a: second, s: 'ACCEPTED' }, w.tokens.moderator))).toEqual(['AMENDMENT_ALREADY_ACCEPTED']);
      expect((await w.mod(Q.decide, { a: second, s: 'REJECTED' })).decideAmendment.status).toBe('REJECTED');
      expect(blockersOf(await w.gql(Q.closeItem, { i: item, s: 'ADOPTED' }, w.tokens.moderator))).toEqual(['NO_AGREEMENT']);
      const closed = (await w.mod(Q.closeItem, { i: item, s: 'ADOPTED_AS_AMENDED' })).closeAgendaItem;
      expect(closed).toMatchObject({ status: 'ADOPTED_AS_AMENDED', finalText: 'Recruitment fees are never charged to workers.' });
      expect(closed.amendments.map((x: any) => [x.proposedBy, x.status])).toEqual([
        ['EMPLOYERS', 'ACCEPTED'],
        ['WORKERS', 'REJECTED'],
      ]);
      const actions = await w.api.db.query<any>(`SELECT action FROM audit_event WHERE entity_id = $1 AND action LIKE 'amendment.%' ORDER BY at`, [item]);
      expect(new Set(actions.map((x) => x.action))).toEqual(new Set(['amendment.proposed', 'amendment.positionRecorded', 'amendment.decided']));
    });

    it('are proposed on items under discussion, with a text, and decided only to ACCEPTED, REJECTED or WITHDRAWN', async () => {
      const { items } = await w.session();
      expect(fieldsOf(await w.gql(Q.propose, { i: items[0], g: 'WORKERS', t: 'Text.' }, w.tokens.moderator))).toEqual(['agendaItemId']);
      await w.discussed(items[0]);
      expect(fieldsOf(await w.gql(Q.propose, { i: items[0], g: 'WORKERS', t: '   ' }, w.tokens.moderator))).toEqual(['text']);
      const a = (await w.mod(Q.propose, { i: items[0], g: 'WORKERS', t: 'Text.' })).proposeAmendment.id;
      expect(fieldsOf(await w.gql(Q.decide, { a, s: 'PROPOSED' }, w.tokens.moderator))).toEqual(['status']);
      expect((await w.mod(Q.decide, { a, s: 'WITHDRAWN' })).decideAmendment.status).toBe('WITHDRAWN');
      expect(blockersOf(await w.gql(Q.closeItem, { i: items[0], s: 'ADOPTED_AS_AMENDED' }, w.tokens.moderator))).toEqual(['NO_ACCEPTED_AMENDMENT']);
    });
  });

  describe('closing the meeting and adopting its report', () => {
    it('closeMeeting lists every open item; adoptMeetingReport needs CLOSED and lets the instrument go to GB_SUBMISSION', async () => {
      const { p, meeting, items } = await w.session({ guidelines: 3 });
      await w.discussed(items[0], allSupport);
      await w.mod(Q.closeItem, { i: items[0], s: 'ADOPTED' });
      await w.discussed(items[1]);
      const blocked = await w.gql(Q.closeMeeting, { m: meeting.id }, w.tokens.moderator);
      expect(codeOf(blocked)).toBe('TRANSITION_BLOCKED');
      expect(errorBlockers(blocked)).toEqual([
        { code: 'ITEM_OPEN', message: 'Item 2 (guideline 1.2) is UNDER_DISCUSSION' },
        { code: 'ITEM_OPEN', message: 'Item 3 (guideline 1.3) is PENDING' },
      ]);
      expect(blockersOf(await w.gql(Q.adoptReport, { m: meeting.id }, w.tokens.secretariat))).toEqual(['MEETING_NOT_CLOSED']);
      await w.mod(Q.closeItem, { i: items[1], s: 'DEFERRED' });
      await w.discussed(items[2]);
      await w.mod(Q.closeItem, { i: items[2], s: 'NOT_ADOPTED' });

      const toGb = async () =>
        ok(await w.gql(Q.nextStages, { i: p.instrumentId }, w.tokens.secretariat)).instrument.nextStages.find((o: any) => o.stage === 'GB_SUBMISSION');
      expect((await toGb()).blockers.map((b: any) => b.code)).toEqual(['REPORT_NOT_ADOPTED']);
      expect((await w.mod(Q.closeMeeting, { m: meeting.id })).closeMeeting.status).toBe('CLOSED');
      expect(blockersOf(await w.gql(Q.openItem, { i: items[1] }, w.tokens.moderator))).toEqual(['MEETING_NOT_IN_SESSION', 'ITEM_NOT_PENDING']);
      // The report is the secretariat's to adopt.
      expect(codeOf(await w.gql(Q.adoptReport, { m: meeting.id }, w.tokens.moderator))).toBe('FORBIDDEN');
      expect(blockersOf(await w.gql(Q.advance, { i: p.instrumentId, to: 'GB_SUBMISSION' }, w.tokens.secretariat))).toEqual(['REPORT_NOT_ADOPTED']);
      expect((await w.staff(Q.adoptReport, { m: meeting.id })).adoptMeetingReport.status).toBe('REPORT_ADOPTED');
      expect(await toGb()).toEqual({ stage: 'GB_SUBMISSION', allowed: true, blockers: [] });
      expect(blockersOf(await w.gql(Q.adoptReport, { m: meeting.id }, w.tokens.secretariat))).toEqual(['MEETING_NOT_CLOSED']);
      expect((await w.advance(p.instrumentId, 'GB_SUBMISSION')).stage).toBe('GB_SUBMISSION');
      const actions = await w.api.db.query<any>(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY at`, [meeting.id]);
      expect(actions.map((a) => a.action).filter((a) => !a.includes('participant') && !a.includes('moderator'))).toEqual([
        'meeting.scheduled',
        'meeting.opened',
        'meeting.closed',
        'meeting.reportAdopted',
      ]);
    });
  });
});

function errorBlockers(res: { errors?: { extensions?: Record<string, unknown> }[] }): { code: string; message: string }[] {
  return (res.errors?.[0]?.extensions?.blockers ?? []) as { code: string; message: string }[];
}
