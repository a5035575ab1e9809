// Dispositions no longer go to the last writer: setDisposition takes the comment's dispositionRevision as
// expectedRevision (CONFLICT when another disposition or an edit came first), and every disposition is kept in
// the comment's dispositionHistory, which only the secretariat and admins read. A disposition never makes the
// constituent's own next edit a CONFLICT: it moves dispositionRevision, not revision.
import { errorOf, ok } from '@tripartite/testing';
import { ConsultationWorld } from './consultation-fixtures';

const FIELDS = `id revision disposition dispositionNote dispositionRevision`;
const DISPOSE = `mutation($id: ID!, $d: Disposition!, $note: String, $rev: Int) {
  setDisposition(commentId: $id, disposition: $d, note: $note, expectedRevision: $rev) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $body: String!, $rev: Int) { updateComment(id: $id, input: { body: $body }, expectedRevision: $rev) { ${FIELDS} } }`;
const HISTORY = `query($r: ID!) { comments(filter: { roundId: $r }) { edges { node { id ${FIELDS}
  dispositionHistory { disposition note recordedAt recordedBy { id } } } } } }`;

describe('dispositions with expectedRevision, and their history', () => {
  let w: ConsultationWorld;
  let roundId: string;
  let instrumentId: string;
  let author: string;

  beforeAll(async () => {
    w = await ConsultationWorld.start();
    author = w.tokens.constituents.GOVERNMENT[0];
    const opened = await w.openRound({ visibility: 'IMMEDIATE' });
    roundId = opened.round.id;
    instrumentId = opened.p.instrumentId;
  });
  afterAll(() => w.stop());

  const historyOf = async (commentId: string, token = w.tokens.secretariat) =>
    ok(await w.gql(HISTORY, { r: roundId }, token)).comments.edges.find((e: any) => e.node.id === commentId).node;

  it('of two dispositions on one revision exactly one is recorded, the other gets CONFLICT; both kept when made in turn', async () => {
    const c = await w.comment(author, { roundId, body: 'Deadlines should be longer.' });
    expect(c).toMatchObject({ disposition: null });
    const fresh = await historyOf(c.id);
    expect(fresh).toMatchObject({ dispositionRevision: 0, dispositionHistory: [] });

    const results = await Promise.all([
      w.gql(DISPOSE, { id: c.id, d: 'ACCEPTED', note: 'Taken up', rev: 0 }, w.tokens.secretariat),
      w.gql(DISPOSE, { id: c.id, d: 'NOT_ACCEPTED', note: 'Not taken up', rev: 0 }, w.tokens.secretariat),
    ]);
    const won = results.filter((r) => !r.errors);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => errorOf(r).code)).toEqual(['CONFLICT']);
    const first = won[0].data.setDisposition;
    expect(first.dispositionRevision).toBe(1);

    const second = ok(await w.gql(DISPOSE, { id: c.id, d: 'PARTIALLY_ACCEPTED', note: 'In part', rev: 1 }, w.tokens.secretariat)).setDisposition;
    expect(second).toMatchObject({ disposition: 'PARTIALLY_ACCEPTED', dispositionNote: 'In part', dispositionRevision: 2 });
    // Without expectedRevision, as before: it replaces the current one.
    ok(await w.gql(DISPOSE, { id: c.id, d: 'NOTED' }, w.tokens.secretariat));

    const read = await historyOf(c.id);
    expect(read).toMatchObject({ disposition: 'NOTED', dispositionNote: null, dispositionRevision: 3 });
    expect(read.dispositionHistory.map((d: any) => [d.disposition, d.note])).toEqual([
      [first.disposition, first.dispositionNote],
      ['PARTIALLY_ACCEPTED', 'In part'],
      ['NOTED', null],
    ]);
    for (const d of read.dispositionHistory) expect(d.recordedBy.id).toBe(w.people.secretariat.id);
    const times = read.dispositionHistory.map((d: any) => Date.parse(d.recordedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(errorOf(await w.gql(DISPOSE, { id: c.id, d: 'ACCEPTED', rev: 2 }, w.tokens.secretariat)).code).toBe('CONFLICT');
    const [{ n }] = await w.api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM disposition_record WHERE comment_id = $1`, [c.id]);
    expect(n).toBe(3);
  });

  it("an edit by the author moves dispositionRevision (a disposition on the old text conflicts); a disposition leaves the author's revision alone", async () => {
    const c = await w.comment(author, { roundId, body: 'Fees should be banned.' });
    const disposed = ok(await w.gql(DISPOSE, { id: c.id, d: 'NOTED', rev: 0 }, w.tokens.secretariat)).setDisposition;
    expect(disposed).toMatchObject({ revision: 1, dispositionRevision: 1 });
    // The author edits on the revision it read before the disposition: no CONFLICT.
    const edited = ok(await w.gql(UPDATE, { id: c.id, body: 'Fees should be banned outright.', rev: 1 }, author)).updateComment;
    expect(edited).toMatchObject({ revision: 2, dispositionRevision: 2, disposition: 'NOTED' });
    // The secretariat disposes on what it read before the edit.
    const stale = await w.gql(DISPOSE, { id: c.id, d: 'ACCEPTED', rev: 1 }, w.tokens.secretariat);
    expect(errorOf(stale)).toMatchObject({ code: 'CONFLICT' });
    expect(ok(await w.gql(DISPOSE, { id: c.id, d: 'ACCEPTED', rev: 2 }, w.tokens.secretariat)).setDisposition).toMatchObject({
      disposition: 'ACCEPTED',
      dispositionRevision: 3,
    });
  });

  it('a CONFLICT writes nothing', async () => {
    const c = await w.comment(author, { roundId, body: 'A third remark.' });
    const count = async () => Number((await w.api.db.query<{ n: string }>(`SELECT count(*) AS n FROM audit_event`))[0].n);
    const before = await count();
    expect(errorOf(await w.gql(DISPOSE, { id: c.id, d: 'ACCEPTED', rev: 4 }, w.tokens.secretariat)).code).toBe('CONFLICT');
    expect(await count()).toBe(before);
    expect(await historyOf(c.id)).toMatchObject({ disposition: null, dispositionRevision: 0, dispositionHistory: [] });
  });

  it('shows the history to the secretariat and admins only', async () => {
    const c = await w.comment(author, { roundId, body: 'A remark whose disposition history is the Office’s.' });
    ok(await w.gql(DISPOSE, { id: c.id, d: 'NOTED' }, w.tokens.secretariat));
    // Closed, the round's comments are everyone's to read (IMMEDIATE): their history is still not.
    await w.close(instrumentId);
    expect((await historyOf(c.id, w.tokens.admin)).dispositionHistory).toHaveLength(1);
    for (const token of [author, w.tokens.constituents.WORKERS[0], w.tokens.observer, w.tokens.moderator]) {
      const res = await w.gql(HISTORY, { r: roundId }, token);
      expect(errorOf(res).code).toBe('FORBIDDEN');
    }
    // Without the field, the same readers read the comments as before.
    const plain = ok(
      await w.gql(`query($r: ID!) { comments(filter: { roundId: $r }) { edges { node { id disposition dispositionRevision } } } }`, { r: roundId }, author),
    );
    expect(plain.comments.edges.find((e: any) => e.node.id === c.id).node).toEqual({ id: c.id, disposition: 'NOTED', dispositionRevision: 1 });
  });
});
