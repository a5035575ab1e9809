// Who sits in a meeting after registration (ROSTER_RULES): participants corrected and removed with a reason,
// moderators unassigned, while SCHEDULED and IN_SESSION; a removal in session leaves the positions and votes
// already recorded as they were; nothing changes once the meeting is CLOSED.
import { ok } from '@tripartite/testing';
import { MeetingWorld, Q, UNKNOWN, allSupport, codeOf, fieldsOf } from './meeting-fixtures';

const UPDATE = `mutation($p: ID!, $g: ConstituentGroup!, $r: ParticipantRole!, $why: String!) {
  updateParticipant(participantId: $p, group: $g, role: $r, reason: $why) { id group role user { id } } }`;
const REMOVE = `mutation($p: ID!, $why: String!) { removeParticipant(participantId: $p, reason: $why) { id participants { id user { id } } } }`;
const UNASSIGN = `mutation($m: ID!, $u: ID!) { unassignModerator(meetingId: $m, userId: $u) { id moderators { id } } }`;
const CANDIDATES = `query($o: ID, $r: Role) { meetingCandidates(organizationId: $o, role: $r) { id displayName email } }`;

describe('experts meeting: correcting and removing participants, unassigning moderators', () => {
  let w: MeetingWorld;
  const audit = async (meetingId: string, action: string) =>
    (await w.api.db.query<{ data: any }>(`SELECT data FROM audit_event WHERE entity_id = $1 AND action = $2 ORDER BY sequence`, [meetingId, action])).map(
      (r) => r.data,
    );

  beforeAll(async () => {
    w = await MeetingWorld.start();
  });
  afterAll(() => w.stop());

  it('corrects a participant’s role with a reason (audited), keeps a constituent in its organization’s group, and one CHAIR', async () => {
    const p = await w.consolidating();
    const meeting = await w.schedule(p);
    const gov = ok<any>(await w.addParticipant(meeting.id, w.people.constituents.GOVERNMENT[0].id, 'GOVERNMENT', 'CHAIR')).addParticipant;
    const emp = ok<any>(await w.addParticipant(meeting.id, w.people.constituents.EMPLOYERS[0].id, 'EMPLOYERS', 'SPOKESPERSON')).addParticipant;

    const noReason = await w.gql(UPDATE, { p: emp.id, g: 'EMPLOYERS', r: 'EXPERT', why: '  ' }, w.tokens.secretariat);
    expect([codeOf(noReason), fieldsOf(noReason)]).toEqual(['BAD_USER_INPUT', ['reason']]);
    const otherGroup = await w.gql(UPDATE, { p: emp.id, g: 'WORKERS', r: 'EXPERT', why: 'Wrong group' }, w.tokens.secretariat);
    expect([codeOf(otherGroup), fieldsOf(otherGroup)]).toEqual(['BAD_USER_INPUT', ['group']]);
    const secondChair = await w.gql(UPDATE, { p: emp.id, g: 'EMPLOYERS', r: 'CHAIR', why: 'Two chairs' }, w.tokens.secretariat);
    expect([codeOf(secondChair), fieldsOf(secondChair)]).toEqual(['BAD_USER_INPUT', ['role']]);
    // The chair may stay chair (nothing changes, nothing is audited).
    expect(ok<any>(await w.gql(UPDATE, { p: gov.id, g: 'GOVERNMENT', r: 'CHAIR', why: 'Same' }, w.tokens.secretariat)).updateParticipant.role).toBe('CHAIR');

    const corrected = ok<any>(
      await w.gql(UPDATE, { p: emp.id, g: 'EMPLOYERS', r: 'EXPERT', why: ' Registered as spokesperson by mistake ' }, w.tokens.secretariat),
    );
    expect(corrected.updateParticipant).toEqual({ id: emp.id, group: 'EMPLOYERS', role: 'EXPERT', user: { id: w.people.constituents.EMPLOYERS[0].id } });
    expect(await audit(meeting.id, 'meeting.participantCorrected')).toEqual([
      {
        participantId: emp.id,
        userId: w.people.constituents.EMPLOYERS[0].id,
        from: { group: 'EMPLOYERS', role: 'SPOKESPERSON' },
        to: { group: 'EMPLOYERS', role: 'EXPERT' },
        reason: 'Registered as spokesperson by mistake',
      },
    ]);
    // Only the secretariat; an unknown participant is NOT_FOUND.
    expect(codeOf(await w.gql(UPDATE, { p: emp.id, g: 'EMPLOYERS', r: 'ADVISER', why: 'x' }, w.tokens.moderator))).toBe('FORBIDDEN');
    expect(codeOf(await w.gql(UPDATE, { p: UNKNOWN, g: 'EMPLOYERS', r: 'ADVISER', why: 'x' }, w.tokens.secretariat))).toBe('NOT_FOUND');
  });

  it('removes a participant in session with a reason: the positions recorded stay, and the next vote counts who is registered then', async () => {
    const { meeting, items } = await w.session({ voters: { WORKERS: 3 } });
    await w.discussed(items[0], allSupport);
    // One worker of three votes: short of the workers' quorum.
    const votes = ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'].map((group) => ({ group, inFavour: 1, against: 0, abstentions: 0 }));
    const VOTE = `mutation($i: ID!, $v: [GroupVoteInput!]!) { recordVote(agendaItemId: $i, votes: $v) { vote { quorumMet } } }`;
    await w.mod(Q.openItem, { i: items[1] });
    expect((await w.mod(VOTE, { i: items[1], v: votes })).recordVote.vote.quorumMet).toBe(false);
    const participants = ok<any>(await w.gql(Q.meeting, { id: meeting.id }, w.tokens.secretariat)).meeting.participants;
    const second = participants.find((x: any) => x.user.id === w.people.constituents.WORKERS[1].id);

    const noReason = await w.gql(REMOVE, { p: second.id, why: '' }, w.tokens.secretariat);
    expect([codeOf(noReason), fieldsOf(noReason)]).toEqual(['BAD_USER_INPUT', ['reason']]);
    const removed = ok<any>(await w.gql(REMOVE, { p: second.id, why: 'Left the delegation' }, w.tokens.secretariat)).removeParticipant;
    expect(removed.participants.map((x: any) => x.user.id)).not.toContain(w.people.constituents.WORKERS[1].id);
    expect(removed.participants).toHaveLength(4);
    expect(await audit(meeting.id, 'meeting.participantRemoved')).toEqual([
      {
        participantId: second.id,
        userId: w.people.constituents.WORKERS[1].id,
        group: 'WORKERS',
        role: 'EXPERT',
        meetingStatus: 'IN_SESSION',
        reason: 'Left the delegation',
      },
    ]);
    const item = ok<any>(
      await w.gql(`query($i: ID!) { agendaItem(id: $i) { positions { group position } tally { outcome } } }`, { i: items[0] }, w.tokens.secretariat),
    ).agendaItem;
    expect(item.tally.outcome).toBe('CONSENSUS');
    expect(item.positions).toHaveLength(3);
    // Removed twice: the second finds nobody.
    expect(codeOf(await w.gql(REMOVE, { p: second.id, why: 'Again' }, w.tokens.secretariat))).toBe('NOT_FOUND');
    // Two workers are registered now: the same vote, taken again, meets their quorum; the first stays in the history.
    expect((await w.mod(VOTE, { i: items[1], v: votes })).recordVote.vote.quorumMet).toBe(true);
    const history = ok<any>(
      await w.gql(`query($i: ID!) { agendaItem(id: $i) { voteHistory { result { quorumMet } } } }`, { i: items[1] }, w.tokens.secretariat),
    );
    expect(history.agendaItem.voteHistory.map((v: any) => v.result.quorumMet)).toEqual([false, true]);
  });

  it('unassigns a moderator, who no longer records in the meeting; unassigning again changes nothing', async () => {
    const { meeting, items } = await w.session();
    const unassigned = ok<any>(await w.gql(UNASSIGN, { m: meeting.id, u: w.people.moderator.id }, w.tokens.secretariat)).unassignModerator;
    expect(unassigned.moderators).toEqual([]);
    expect(codeOf(await w.gql(Q.openItem, { i: items[0] }, w.tokens.moderator))).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
    ok(await w.gql(UNASSIGN, { m: meeting.id, u: w.people.moderator.id }, w.tokens.secretariat));
    expect(await audit(meeting.id, 'meeting.moderatorUnassigned')).toEqual([{ userId: w.people.moderator.id }]);
    expect(codeOf(await w.gql(UNASSIGN, { m: meeting.id, u: w.people.moderator.id }, w.tokens.moderator))).toBe('FORBIDDEN');
  });

  it('changes nobody once the meeting is CLOSED', async () => {
    const { meeting, items } = await w.session({ guidelines: 1 });
    await w.discussed(items[0], allSupport);
    await w.mod(Q.closeItem, { i: items[0], s: 'ADOPTED' });
    await w.mod(Q.closeMeeting, { m: meeting.id });
    const participant = ok<any>(await w.gql(Q.meeting, { id: meeting.id }, w.tokens.secretariat)).meeting.participants[0];
    for (const res of [
      await w.gql(UPDATE, { p: participant.id, g: participant.group, r: 'ADVISER', why: 'Too late' }, w.tokens.secretariat),
      await w.gql(REMOVE, { p: participant.id, why: 'Too late' }, w.tokens.secretariat),
      await w.gql(UNASSIGN, { m: meeting.id, u: w.people.moderator.id }, w.tokens.secretariat),
      await w.addParticipant(meeting.id, w.people.constituents.GOVERNMENT[1].id, 'GOVERNMENT', 'OBSERVER'),
    ]) {
      expect([codeOf(res), fieldsOf(res)]).toEqual(['BAD_USER_INPUT', ['meetingId']]);
    }
    expect(ok<any>(await w.gql(Q.meeting, { id: meeting.id }, w.tokens.secretariat)).meeting.participants).toHaveLength(3);
  });

  it('lists the active users the secretariat may register (by organization) or assign (by role), to the secretariat only', async () => {
    const org = w.people.organizations.WORKERS[0];
    const delegates = ok<any>(await w.gql(CANDIDATES, { o: org }, w.tokens.secretariat)).meetingCandidates;
    expect(delegates.map((u: any) => u.id)).toContain(w.people.constituents.WORKERS[0].id);
    expect(delegates.every((u: any) => u.id !== w.people.constituents.WORKERS[1].id)).toBe(true);
    const moderators = ok<any>(await w.gql(CANDIDATES, { r: 'MODERATOR' }, w.tokens.secretariat)).meetingCandidates;
    expect(moderators.map((u: any) => u.displayName)).toEqual(['moderator', 'moderator2']);
    expect(codeOf(await w.gql(CANDIDATES, { o: org }, w.tokens.moderator))).toBe('FORBIDDEN');
    expect(ok<any>(await w.gql(CANDIDATES, { o: 'not-an-id' }, w.tokens.secretariat)).meetingCandidates).toEqual([]);
  });
});
