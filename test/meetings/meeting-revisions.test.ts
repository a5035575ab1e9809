// Last write no longer wins: each write to an agenda item (a vote, an amendment's position or decision, closing
// it) takes the item's expectedRevision, as recordPosition does. Of two moderators racing on the revision they
// both read exactly one is recorded and the other gets CONFLICT; votes keep their history like positions.
import { ok } from '@tripartite/testing';
import { MeetingWorld, Q, codeOf } from './meeting-fixtures';

const REV = `query($id: ID!) { meeting(id: $id) { agenda { id revision } } }`;
const VOTE = `mutation($i: ID!, $v: [GroupVoteInput!]!, $rev: Int) { recordVote(agendaItemId: $i, votes: $v, expectedRevision: $rev) {
  id revision vote { votes { group inFavour against abstentions } carried } } }`;
const VOTE_HISTORY = `query($id: ID!) { agendaItem(id: $id) { id voteHistory { current recordedAt recordedBy { id }
  result { votes { group inFavour against abstentions } carried quorumMet weightedInFavour weightedAgainst } } } }`;
const AMENDMENT_POSITION = `mutation($a: ID!, $g: ConstituentGroup!, $p: Position!, $rev: Int) {
  recordAmendmentPosition(amendmentId: $a, group: $g, position: $p, expectedRevision: $rev) { id positionHistory { group position } agendaItem { id revision } } }`;
const DECIDE = `mutation($a: ID!, $s: AmendmentStatus!, $rev: Int) { decideAmendment(amendmentId: $a, status: $s, expectedRevision: $rev) { id status agendaItem { id revision } } }`;
const CLOSE = `mutation($i: ID!, $s: ItemStatus!, $rev: Int) { closeAgendaItem(agendaItemId: $i, status: $s, expectedRevision: $rev) { id status revision } }`;

const votes = (inFavour: number, against: number) =>
  ['GOVERNMENT', 'EMPLOYERS', 'WORKERS'].map((group) => ({ group, inFavour, against, abstentions: 2 - inFavour - against }));

describe('agenda item writes with expectedRevision', () => {
  let w: MeetingWorld;
  let meetingId: string;
  let items: string[];

  const revisionOf = async (itemId: string): Promise<number> =>
    (await w.mod(REV, { id: meetingId })).meeting.agenda.find((i: { id: string }) => i.id === itemId).revision;
  /** The same write from both moderators at once, on the revision both read. */
  const race = async (document: string, variables: (n: 0 | 1) => Record<string, unknown>) => {
    const results = await Promise.all([w.gql(document, variables(0), w.tokens.moderator), w.gql(document, variables(1), w.tokens.otherModerator)]);
    return { won: results.filter((r) => !r.errors), lost: results.filter((r) => r.errors).map(codeOf), results };
  };

  beforeAll(async () => {
    w = await MeetingWorld.start();
    const s = await w.session({ guidelines: 4, voters: { GOVERNMENT: 2, EMPLOYERS: 2, WORKERS: 2 } });
    ok(await w.gql(Q.assignModerator, { m: s.meeting.id, u: w.people.otherModerator.id }, w.tokens.secretariat));
    meetingId = s.meeting.id;
    items = s.items;
  }, 60_000);
  afterAll(() => w.stop());

  it('recordVote: opposite counts on one revision, one recorded and one CONFLICT; every vote kept in voteHistory', async () => {
    const item = items[0];
    await w.mod(Q.openItem, { i: item });
    const stale = await w.gql(VOTE, { i: item, v: votes(2, 0), rev: (await revisionOf(item)) - 1 }, w.tokens.moderator);
    expect(codeOf(stale)).toBe('CONFLICT');

    for (let round = 0; round < 3; round++) {
      const rev = await revisionOf(item);
      const { won, lost, results } = await race(VOTE, (n) => ({ i: item, v: n === 0 ? votes(2, 0) : votes(0, 2), rev }));
      expect(won).toHaveLength(1);
      expect(lost).toEqual(['CONFLICT']);
      expect(won[0].data.recordVote.revision).toBe(rev + 1);
      // What is in force is what the winner was told.
      const winner = results.indexOf(won[0]);
      const current = (await w.mod(VOTE_HISTORY, { id: item })).agendaItem;
      expect(current.voteHistory.at(-1)).toMatchObject({ current: true, result: { carried: winner === 0 } });
    }
    // Without expectedRevision a vote replaces the current one, as before.
    ok(await w.gql(VOTE, { i: item, v: votes(1, 1) }, w.tokens.moderator));

    const history = (await w.mod(VOTE_HISTORY, { id: item })).agendaItem.voteHistory;
    expect(history).toHaveLength(4);
    expect(history.map((v: { current: boolean }) => v.current)).toEqual([false, false, false, true]);
    expect(history[3].result).toMatchObject({ carried: false, votes: votes(1, 1), weightedInFavour: history[3].result.weightedAgainst });
    const times = history.map((v: { recordedAt: string }) => Date.parse(v.recordedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const v of history) expect([w.people.moderator.id, w.people.otherModerator.id]).toContain(v.recordedBy.id);
    expect(history[3].recordedBy.id).toBe(w.people.moderator.id);
    const [{ n }] = await w.api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM item_vote WHERE agenda_item_id = $1`, [item]);
    expect(n).toBe(4);
  });

  it("recordAmendmentPosition and decideAmendment compare the item's revision: one of two racing writes wins", async () => {
    const item = items[1];
    await w.mod(Q.openItem, { i: item });
    const amendment = (await w.mod(Q.propose, { i: item, g: 'WORKERS', t: 'Other wording.' })).proposeAmendment;

    const rev = await revisionOf(item);
    const positions = await race(AMENDMENT_POSITION, (n) => ({ a: amendment.id, g: 'EMPLOYERS', p: n === 0 ? 'SUPPORT' : 'OPPOSE', rev }));
    expect(positions.won).toHaveLength(1);
    expect(positions.lost).toEqual(['CONFLICT']);
    const answer = positions.won[0].data.recordAmendmentPosition;
    // The answer carries the item's new revision, for the next write.
    expect(answer.agendaItem).toEqual({ id: item, revision: rev + 1 });
    expect(answer.positionHistory).toHaveLength(1);
    expect(codeOf(await w.gql(AMENDMENT_POSITION, { a: amendment.id, g: 'WORKERS', p: 'SUPPORT', rev }, w.tokens.moderator))).toBe('CONFLICT');

    const decided = await race(DECIDE, (n) => ({ a: amendment.id, s: n === 0 ? 'REJECTED' : 'WITHDRAWN', rev: rev + 1 }));
    expect(decided.won).toHaveLength(1);
    expect(decided.lost).toEqual(['CONFLICT']);
    expect(decided.won[0].data.decideAmendment.agendaItem.revision).toBe(rev + 2);
    const [row] = await w.api.db.query<{ status: string }>(`SELECT status FROM amendment WHERE id = $1`, [amendment.id]);
    expect(row.status).toBe(decided.won[0].data.decideAmendment.status);
  });

  it('closeAgendaItem: of two moderators closing one revision differently, one wins and the other gets CONFLICT', async () => {
    const item = items[2];
    await w.discussed(item, { GOVERNMENT: 'SUPPORT', EMPLOYERS: 'SUPPORT', WORKERS: 'SUPPORT' });
    const rev = await revisionOf(item);
    const { won, lost } = await race(CLOSE, (n) => ({ i: item, s: n === 0 ? 'ADOPTED' : 'DEFERRED', rev }));
    expect(won).toHaveLength(1);
    expect(lost).toEqual(['CONFLICT']);
    const [row] = await w.api.db.query<{ status: string; revision: number }>(`SELECT status, revision FROM agenda_item WHERE id = $1`, [item]);
    expect(row).toEqual({ status: won[0].data.closeAgendaItem.status, revision: rev + 1 });
  });

  it('a CONFLICT writes nothing: no audit event, no row, the revision unchanged', async () => {
    const item = items[3];
    await w.mod(Q.openItem, { i: item });
    const rev = await revisionOf(item);
    const count = async () => Number((await w.api.db.query<{ n: string }>(`SELECT count(*) AS n FROM audit_event`))[0].n);
    const before = await count();
    for (const [document, variables] of [
      [VOTE, { i: item, v: votes(2, 0), rev: rev + 5 }],
      [CLOSE, { i: item, s: 'DEFERRED', rev: rev - 1 }],
    ] as const) {
      expect(codeOf(await w.gql(document, variables, w.tokens.moderator))).toBe('CONFLICT');
    }
    expect(await count()).toBe(before);
    expect(await revisionOf(item)).toBe(rev);
    const [{ n }] = await w.api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM item_vote WHERE agenda_item_id = $1`, [item]);
    expect(n).toBe(0);
  });
});
