import { ok } from '@tripartite/testing';
import { ConsultationWorld, Q } from './consultation-fixtures';

/** RFC 4180 as spreadsheet programs read it: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

describe('CSV export of a round’s comments', () => {
  let w: ConsultationWorld;
  let roundId: string;
  let reference: string;
  let ids: Record<'onTwo' | 'onOne' | 'general', string>;

  const get = (id: string, token?: string) =>
    fetch(`${w.api.url}/exports/rounds/${id}/comments.csv`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    w = await ConsultationWorld.start();
    const { p, round } = await w.openRound();
    roundId = round.id;
    reference = ok(await w.gql(`query($i: ID!) { instrument(id: $i) { reference } }`, { i: p.instrumentId }, w.tokens.secretariat)).instrument.reference;
    const [gov1] = w.tokens.constituents.GOVERNMENT;
    const wrk2 = w.tokens.constituents.WORKERS[1];
    const emp1 = w.tokens.constituents.EMPLOYERS[0];
    // Submitted in this order; the export lists general comments first, then by guideline in document order.
    const onTwo = await w.comment(gov1, {
      roundId,
      guidelineId: p.guidelines['2.1'],
      type: 'TECHNICAL',
      body: '=HYPERLINK("http://evil.example","click")',
      proposedText: '+1 for "no fees", really',
    });
    const onOne = await w.comment(wrk2, {
      roundId,
      guidelineId: p.guidelines['1.1'],
      type: 'EDITORIAL',
      body: 'Línea 1: «travailleurs», naïve café; a, b\nand a second line',
      proposedText: '-remove this',
    });
    const general = await w.comment(emp1, { roundId, type: 'GENERAL', body: '@SUM(A1:A2) general remark' });
    ids = { onTwo: onTwo.id, onOne: onOne.id, general: general.id };
    const gone = await w.comment(emp1, { roundId, type: 'GENERAL', body: 'Withdrawn, not exported' });
    ok(await w.gql(Q.withdraw, { id: gone.id }, emp1));
    ok(await w.gql(Q.dispose, { id: onTwo.id, d: 'PARTIALLY_ACCEPTED', note: '-1 point: see 2.1' }, w.tokens.secretariat));
  });
  afterAll(() => w.stop());

  it('is the SUBMITTED comments with their ids in ISO commenting-template columns, words for codes, UTF-8 with a BOM, formula cells neutralised', async () => {
    const res = await get(roundId, w.tokens.secretariat);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${reference.replace(/\//g, '-')}-round-1-comments.csv"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('Línea 1: «travailleurs», naïve café');
    expect(text.split('\r\n')[0]).toBe(
      '\ufeffComment id,MB/NC (organization),Group,Clause/subclause (guideline),Type of comment,Comments,Proposed change,Disposition,Observations of the secretariat,Late,Submitted at (UTC)',
    );

    const rows = parseCsv(text.slice(1));
    expect(rows).toHaveLength(4);
    const [, general, first, second] = rows;
    expect(general).toEqual([
      ids.general,
      'employers org 1',
      'Employers',
      'General',
      'General',
      "'@SUM(A1:A2) general remark",
      '',
      '',
      '',
      'no',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    ]);
    expect(first.slice(0, 10)).toEqual([
      ids.onOne,
      'workers org 2',
      'Workers',
      '1.1',
      'Editorial',
      'Línea 1: «travailleurs», naïve café; a, b\nand a second line',
      "'-remove this",
      '',
      '',
      'no',
    ]);
    expect(second.slice(0, 10)).toEqual([
      ids.onTwo,
      'government org 1',
      'Government',
      '2.1',
      'Technical',
      `'=HYPERLINK("http://evil.example","click")`,
      `'+1 for "no fees", really`,
      'Partially accepted',
      "'-1 point: see 2.1",
      'no',
    ]);
    // Quotes inside a cell are doubled, as RFC 4180 requires.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
  });

  it('is for the secretariat: 401 without a token, 403 for others, 404 for an unknown round', async () => {
    expect((await get(roundId)).status).toBe(401);
    for (const token of [w.tokens.constituents.GOVERNMENT[0], w.tokens.observer, w.tokens.admin]) {
      const res = await get(roundId, token);
      expect(res.status).toBe(403);
      expect(((await res.json()) as any).error.code).toBe('FORBIDDEN');
    }
    expect((await get('00000000-0000-0000-0000-000000000000', w.tokens.secretariat)).status).toBe(404);
    expect((await get('not-a-round', w.tokens.secretariat)).status).toBe(404);
  });
});
