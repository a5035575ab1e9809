// setDispositions: one disposition and one note for several comments of a round, in one transaction, item by item:
// a comment changed since it was read (or withdrawn, or of another round) is refused with its code and its state
// now, and the others are disposed of. The comments list filters late and general comments.
import { errorOf, ok } from '@tripartite/testing';
import { ConsultationWorld } from './consultation-fixtures';

const BULK = `mutation($r: ID!, $items: [DispositionTargetInput!]!, $d: Disposition!, $note: String) {
  setDispositions(roundId: $r, items: $items, disposition: $d, note: $note) {
    disposed { id disposition dispositionNote dispositionRevision }
    refused { commentId code reason message comment { id disposition dispositionRevision } } } }`;
const LIST = `query($f: CommentFilter!) { comments(filter: $f, first: 100) { totalCount edges { node { id late guideline { id } } } } }`;

describe('bulk dispositions, and the late and general filters', () => {
  let w: ConsultationWorld;
  let roundId: string;
  let instrumentId: string;
  let guidelineId: string;
  const ids: string[] = [];

  beforeAll(async () => {
    w = await ConsultationWorld.start();
    const opened = await w.openRound({ visibility: 'IMMEDIATE' });
    roundId = opened.round.id;
    instrumentId = opened.p.instrumentId;
    guidelineId = Object.values(opened.p.guidelines)[0];
    const { GOVERNMENT, WORKERS, EMPLOYERS } = w.tokens.constituents;
    ids.push((await w.comment(GOVERNMENT[0], { roundId, guidelineId, body: 'First.' })).id);
    ids.push((await w.comment(WORKERS[0], { roundId, body: 'Second.' })).id);
    ids.push((await w.comment(EMPLOYERS[0], { roundId, body: 'Third.' })).id);
    ids.push((await w.comment(EMPLOYERS[1], { roundId, body: 'Fourth, withdrawn.' })).id);
    ok(await w.gql(`mutation($id: ID!) { withdrawComment(id: $id) { id } }`, { id: ids[3] }, EMPLOYERS[1]));
  });
  afterAll(() => w.stop());

  it('filters late comments and general ones', async () => {
    // Late comments come only after a deadline: marked so here, the filter is what is tested.
    await w.api.db.query(`UPDATE comment SET late = true WHERE id = $1`, [ids[2]]);
    const list = async (f: Record<string, unknown>) => ok(await w.gql(LIST, { f: { roundId, ...f } }, w.tokens.secretariat)).comments;
    expect((await list({ late: true })).edges.map((e: any) => e.node.id)).toEqual([ids[2]]);
    expect((await list({ late: false })).totalCount).toBe(3);
    const general = await list({ generalOnly: true });
    expect(general.edges.every((e: any) => e.node.guideline === null)).toBe(true);
    expect(general.totalCount).toBe(3);
    expect(errorOf(await w.gql(LIST, { f: { roundId, generalOnly: true, guidelineId } }, w.tokens.secretariat))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('disposes of those it may and refuses, one by one, the changed, the withdrawn and the unknown', async () => {
    // Another desk disposes of the second comment after the page read it at revision 0.
    ok(await w.gql(`mutation($id: ID!) { setDisposition(commentId: $id, disposition: NOTED) { id } }`, { id: ids[1] }, w.tokens.secretariat));
    const unknown = '00000000-0000-4000-8000-000000000000';
    const { setDispositions } = ok(
      await w.gql(
        BULK,
        {
          r: roundId,
          items: [
            { commentId: ids[0], expectedRevision: 0 },
            { commentId: ids[1], expectedRevision: 0 },
            { commentId: ids[2], expectedRevision: 0 },
            { commentId: ids[3] },
            { commentId: unknown },
          ],
          d: 'ACCEPTED',
          note: 'Taken up in the revision.',
        },
        w.tokens.secretariat,
      ),
    );
    expect(setDispositions.disposed).toEqual([
      { id: ids[0], disposition: 'ACCEPTED', dispositionNote: 'Taken up in the revision.', dispositionRevision: 1 },
      { id: ids[2], disposition: 'ACCEPTED', dispositionNote: 'Taken up in the revision.', dispositionRevision: 1 },
    ]);
    expect(setDispositions.refused).toEqual([
      {
        commentId: ids[1],
        code: 'CONFLICT',
        reason: 'CHANGED',
        message: expect.any(String),
        comment: { id: ids[1], disposition: 'NOTED', dispositionRevision: 1 },
      },
      {
        commentId: ids[3],
        code: 'BAD_USER_INPUT',
        reason: 'WITHDRAWN',
        message: expect.any(String),
        comment: { id: ids[3], disposition: null, dispositionRevision: 1 },
      },
      { commentId: unknown, code: 'NOT_FOUND', reason: 'NOT_FOUND', message: 'No such comment', comment: null },
    ]);
    // One audit event per disposition recorded, none for the refused.
    const [{ n }] = await w.api.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'comment.disposed' AND entity_id = ANY($1::text[])`,
      [ids],
    );
    expect(n).toBe(3);
  });

  it('refuses a malformed call as a whole, and every comment once the instrument has left consolidation', async () => {
    const call = (items: unknown[], token = w.tokens.secretariat) => w.gql(BULK, { r: roundId, items, d: 'NOTED' }, token);
    expect(errorOf(await call([])).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await call([{ commentId: ids[0] }, { commentId: ids[0] }])).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await call(Array.from({ length: 201 }, (_, i) => ({ commentId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` })))).code).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorOf(await call([{ commentId: ids[0] }], w.tokens.constituents.GOVERNMENT[0])).code).toBe('FORBIDDEN');
    await w.close(instrumentId);
    await w.advance(instrumentId, 'WITHDRAWN', 'Dropped for the test');
    const { setDispositions } = ok(await call([{ commentId: ids[0] }]));
    expect(setDispositions).toMatchObject({ disposed: [], refused: [{ commentId: ids[0], code: 'BAD_USER_INPUT', reason: 'STAGE' }] });
  });
});
