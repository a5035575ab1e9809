// inviteOrganizations: more organizations (of the round's groups) invited to a SCHEDULED or OPEN round; those
// invited already are left alone; a CLOSED round and an organization of a group not invited are refused.
import { errorOf, ok } from '@tripartite/testing';
import { ConsultationWorld } from './consultation-fixtures';

const INVITE = `mutation($r: ID!, $o: [ID!]!) { inviteOrganizations(roundId: $r, organizationIds: $o) { id pendingOrganizations { id } } }`;

describe('inviting more organizations to a round', () => {
  let w: ConsultationWorld;
  beforeAll(async () => {
    w = await ConsultationWorld.start();
  });
  afterAll(() => w.stop());

  it('adds organizations of the invited groups to a scheduled, then an open round, and lets them comment', async () => {
    const p = await w.published();
    const [first, second] = w.people.organizations.WORKERS;
    const round = await w.schedule(p, { groups: ['WORKERS'], organizationIds: [first] });
    const invited = ok(await w.gql(INVITE, { r: round.id, o: [second, first] }, w.tokens.secretariat)).inviteOrganizations;
    expect(invited.pendingOrganizations.map((o: any) => o.id).sort()).toEqual([first, second].sort());
    // Asked again: nothing more, and nothing refused.
    ok(await w.gql(INVITE, { r: round.id, o: [second] }, w.tokens.secretariat));
    const [{ n }] = await w.api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM round_invitation WHERE round_id = $1`, [round.id]);
    expect(n).toBe(2);
    const audit = await w.api.db.query<any>(`SELECT data FROM audit_event WHERE entity_id = $1 AND action = 'round.invited'`, [round.id]);
    expect(audit.map((a) => a.data)).toEqual([{ organizationIds: [second] }]);

    await w.advance(p.instrumentId, 'CONSULTATION');
    await w.comment(w.tokens.constituents.WORKERS[1], { roundId: round.id, body: 'Invited late, heard all the same.' });

    const government = w.people.organizations.GOVERNMENT[0];
    const refused = errorOf(await w.gql(INVITE, { r: round.id, o: [government] }, w.tokens.secretariat));
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(refused)).toContain('which the round does not invite');
    expect(errorOf(await w.gql(INVITE, { r: round.id, o: [] }, w.tokens.secretariat)).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await w.gql(INVITE, { r: round.id, o: [second] }, w.tokens.constituents.WORKERS[0])).code).toBe('FORBIDDEN');

    await w.close(p.instrumentId);
    expect(errorOf(await w.gql(INVITE, { r: round.id, o: [second] }, w.tokens.secretariat)).code).toBe('BAD_USER_INPUT');
  });
});
