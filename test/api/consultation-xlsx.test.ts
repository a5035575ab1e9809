import ExcelJS from 'exceljs';
import { ok } from '@tripartite/testing';
import { ConsultationWorld, Q } from './consultation-fixtures';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Ten guidelines in section I, so one of them is numbered "1.10" (a number a spreadsheet would read as 1.1). */
const TEN = `# Guidelines with a tenth

## I. Voice

${Array.from({ length: 10 }, (_, i) => `1.${i + 1} Guideline number ${i + 1} of the first section.`).join('\n\n')}

## II. Fairness

2.1 No recruitment fee should be charged to a worker.
`;

/** The downloaded file, read back by exceljs (an independent parse of the bytes). */
async function workbook(res: Response): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
  expect(book.worksheets).toHaveLength(1);
  return book.worksheets[0];
}

/** Every cell of the sheet, the header included. */
function cells(sheet: ExcelJS.Worksheet): ExcelJS.Cell[] {
  const all: ExcelJS.Cell[] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (cell) => all.push(cell)));
  return all;
}

function noFormula(sheet: ExcelJS.Worksheet): void {
  const all = cells(sheet);
  expect(all.length).toBeGreaterThan(0);
  for (const cell of all) {
    expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
    expect(cell.formula).toBeUndefined();
  }
}

function values(row: ExcelJS.Row, count: number): unknown[] {
  return Array.from({ length: count }, (_, i) => row.getCell(i + 1).value ?? null);
}

describe('XLSX downloads of a round', () => {
  let w: ConsultationWorld;
  let roundId: string;
  let reference: string;
  let guidelines: Record<string, string>;
  const ids: Record<string, string> = {};

  const get = (id: string, file: string, token?: string) =>
    fetch(`${w.api.url}/exports/rounds/${id}/${file}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    w = await ConsultationWorld.start();
    const p = await w.published(TEN);
    guidelines = p.guidelines;
    // SECRETARIAT_ONLY: a constituent sees its own organization's comments and no one else's.
    const { round } = await w.openRound({ visibility: 'SECRETARIAT_ONLY' }, p);
    roundId = round.id;
    reference = ok(await w.gql(`query($i: ID!) { instrument(id: $i) { reference } }`, { i: p.instrumentId }, w.tokens.secretariat)).instrument.reference;
    const [gov1] = w.tokens.constituents.GOVERNMENT;
    const wrk2 = w.tokens.constituents.WORKERS[1];
    const emp1 = w.tokens.constituents.EMPLOYERS[0];
    ids.tenth = (await w.comment(gov1, { roundId, guidelineId: p.guidelines['1.10'], type: 'TECHNICAL', body: '=1+1', proposedText: '+SUM(A1:A9)' })).id;
    ids.first = (
      await w.comment(wrk2, { roundId, guidelineId: p.guidelines['1.1'], type: 'EDITORIAL', body: 'Línea «travailleurs», naïve', proposedText: '-cut' })
    ).id;
    ids.general = (await w.comment(emp1, { roundId, type: 'GENERAL', body: '@SUM(A1:A2) general remark' })).id;
    const gone = await w.comment(emp1, { roundId, type: 'GENERAL', body: 'Withdrawn, not exported' });
    ok(await w.gql(Q.withdraw, { id: gone.id }, emp1));
    ok(await w.gql(Q.dispose, { id: ids.tenth, d: 'PARTIALLY_ACCEPTED', note: '-1 point: see 1.10' }, w.tokens.secretariat));
  });
  afterAll(() => w.stop());

  describe('comments.xlsx', () => {
    it('is every SUBMITTED comment with typed cells, words not codes, ids, a frozen header, and never a formula', async () => {
      const res = await get(roundId, 'comments.xlsx', w.tokens.secretariat);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(XLSX);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${reference.replace(/\//g, '-')}-round-1-comments.xlsx"`);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const sheet = await workbook(res);
      noFormula(sheet);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getColumn(6).width).toBeGreaterThan(20);
      expect(values(sheet.getRow(1), 11)).toEqual([
        'Comment id',
        'MB/NC (organization)',
        'Group',
        'Clause/subclause (guideline)',
        'Type of comment',
        'Comments',
        'Proposed change',
        'Disposition',
        'Observations of the secretariat',
        'Late',
        'Submitted at (UTC)',
      ]);
      expect(sheet.actualRowCount).toBe(4);
      // General comments first, then in document order.
      const [general, first, tenth] = [2, 3, 4].map((n) => sheet.getRow(n));
      expect(values(general, 10)).toEqual([
        ids.general,
        'employers org 1',
        'Employers',
        'General',
        'General',
        '@SUM(A1:A2) general remark',
        null,
        null,
        null,
        'no',
      ]);
      expect(values(first, 10)).toEqual([ids.first, 'workers org 2', 'Workers', '1.1', 'Editorial', 'Línea «travailleurs», naïve', '-cut', null, null, 'no']);
      expect(values(tenth, 10)).toEqual([
        ids.tenth,
        'government org 1',
        'Government',
        '1.10',
        'Technical',
        '=1+1',
        '+SUM(A1:A9)',
        'Partially accepted',
        '-1 point: see 1.10',
        'no',
      ]);
      for (const col of [1, 4, 6, 7, 9]) expect(tenth.getCell(col).type).toBe(ExcelJS.ValueType.String);
      const at = tenth.getCell(11);
      expect(at.type).toBe(ExcelJS.ValueType.Date);
      expect(at.value).toBeInstanceOf(Date);
      expect(at.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
      expect(Math.abs((at.value as Date).getTime() - Date.now())).toBeLessThan(10 * 60_000);
    });

    it('holds only what the caller may see: a constituent its own organization’s comments in a SECRETARIAT_ONLY round', async () => {
      const gov = await workbook(await get(roundId, 'comments.xlsx', w.tokens.constituents.GOVERNMENT[0]));
      expect(sheetIds(gov)).toEqual([ids.tenth]);
      noFormula(gov);
      const other = await workbook(await get(roundId, 'comments.xlsx', w.tokens.constituents.GOVERNMENT[1]));
      expect(sheetIds(other)).toEqual([]);
      expect(other.getRow(1).getCell(1).value).toBe('Comment id');
      const observer = await workbook(await get(roundId, 'comments.xlsx', w.tokens.observer));
      expect(sheetIds(observer)).toEqual([]);
    });

    it('speaks the reader’s language when asked (?language=FR|ES): titles and words, the same cells and ids', async () => {
      const fr = await workbook(await get(roundId, 'comments.xlsx?language=FR', w.tokens.secretariat));
      expect(fr.name).toBe('Commentaires');
      expect(values(fr.getRow(1), 11)).toEqual([
        'Identifiant du commentaire',
        'MB/NC (organisation)',
        'Groupe',
        'Article/paragraphe (ligne directrice)',
        'Type de commentaire',
        'Commentaires',
        'Modification proposée',
        'Suite donnée',
        'Observations du secrétariat',
        'En retard',
        'Soumis le (UTC)',
      ]);
      expect(values(fr.getRow(2), 10)).toEqual([
        ids.general,
        'employers org 1',
        'Employeurs',
        'Général',
        'Général',
        '@SUM(A1:A2) general remark',
        null,
        null,
        null,
        'non',
      ]);
      expect(values(fr.getRow(4), 10)).toEqual([
        ids.tenth,
        'government org 1',
        'Gouvernement',
        '1.10',
        'Technique',
        '=1+1',
        '+SUM(A1:A9)',
        'Partiellement accepté',
        '-1 point: see 1.10',
        'non',
      ]);
      noFormula(fr);
      const es = await workbook(await get(roundId, 'comments.xlsx?language=ES', w.tokens.secretariat));
      expect(values(es.getRow(3), 5)).toEqual([ids.first, 'workers org 2', 'Trabajadores', '1.1', 'Editorial']);
      expect(es.getRow(1).getCell(8).value).toBe('Respuesta');
      const bad = await get(roundId, 'comments.xlsx?language=DE', w.tokens.secretariat);
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('language');
    });

    it('answers 401 without a token and 404 for an unknown round', async () => {
      expect((await get(roundId, 'comments.xlsx')).status).toBe(401);
      expect((await get('00000000-0000-0000-0000-000000000000', 'comments.xlsx', w.tokens.secretariat)).status).toBe(404);
      expect((await get('not-a-round', 'comments.xlsx', w.tokens.secretariat)).status).toBe(404);
    });
  });

  describe('template.xlsx', () => {
    it('is the ISO/IEC template prefilled with the guidelines for an invited organization, ids in a hidden column', async () => {
      const res = await get(roundId, 'template.xlsx', w.tokens.constituents.GOVERNMENT[0]);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(XLSX);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${reference.replace(/\//g, '-')}-round-1-template.xlsx"`);
      const sheet = await workbook(res);
      noFormula(sheet);
      expect(values(sheet.getRow(1), 9)).toEqual([
        'MB/NC',
        'Line number',
        'Clause/subclause',
        'Paragraph/Figure/Table',
        'Type of comment (ge/te/ed)',
        'Comments',
        'Proposed change',
        'Observations of the secretariat',
        'Guideline id',
      ]);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getColumn(9).hidden).toBe(true);
      const keys = ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9', '1.10', '2.1'];
      expect(sheet.actualRowCount).toBe(1 + keys.length);
      keys.forEach((key, i) => {
        const row = sheet.getRow(i + 2);
        expect(row.getCell(1).value).toBe('government org 1');
        expect(row.getCell(3).value).toBe(key);
        expect(row.getCell(3).type).toBe(ExcelJS.ValueType.String);
        expect(row.getCell(9).value).toBe(guidelines[key]);
        expect(row.getCell(5).dataValidation).toMatchObject({ type: 'list', formulae: ['"ge,te,ed"'] });
      });
    });

    it('has its column titles and the type hint in French or Spanish when asked, the ISO/IEC codes unchanged', async () => {
      const fr = await workbook(await get(roundId, 'template.xlsx?language=FR', w.tokens.constituents.GOVERNMENT[0]));
      expect(values(fr.getRow(1), 9)).toEqual([
        'MB/NC',
        'Numéro de ligne',
        'Article/paragraphe',
        'Alinéa/Figure/Tableau',
        'Type de commentaire (ge/te/ed)',
        'Commentaires',
        'Modification proposée',
        'Observations du secrétariat',
        'Identifiant de la ligne directrice',
      ]);
      expect(fr.getColumn(9).hidden).toBe(true);
      expect(fr.getRow(11).getCell(3).value).toBe('1.10');
      expect(fr.getRow(2).getCell(5).dataValidation).toMatchObject({ formulae: ['"ge,te,ed"'], error: 'ge (général), te (technique) ou ed (rédactionnel)' });
      const es = await workbook(await get(roundId, 'template.xlsx?language=ES', w.tokens.constituents.GOVERNMENT[0]));
      expect(values(es.getRow(1), 3)).toEqual(['MB/NC', 'Número de línea', 'Capítulo/apartado']);
    });

    it('is for the secretariat (no organization prefilled) and the invited organizations only', async () => {
      const staff = await get(roundId, 'template.xlsx', w.tokens.secretariat);
      expect(staff.status).toBe(200);
      const sheet = await workbook(staff);
      expect(sheet.getRow(2).getCell(1).value ?? null).toBeNull();
      expect(sheet.getRow(2).getCell(3).value).toBe('1.1');

      expect((await get(roundId, 'template.xlsx')).status).toBe(401);
      for (const token of [w.tokens.observer, w.tokens.admin, w.tokens.moderator]) expect((await get(roundId, 'template.xlsx', token)).status).toBe(403);

      // A round inviting one organization: the other constituents are not invited.
      const p = await w.published();
      const { round } = await w.openRound({ groups: ['GOVERNMENT'], organizationIds: [w.people.organizations.GOVERNMENT[0]] }, p);
      expect((await get(round.id, 'template.xlsx', w.tokens.constituents.GOVERNMENT[0])).status).toBe(200);
      const refused = await get(round.id, 'template.xlsx', w.tokens.constituents.GOVERNMENT[1]);
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as any).error.code).toBe('FORBIDDEN');
    });
  });
});

function sheetIds(sheet: ExcelJS.Worksheet): string[] {
  const found: string[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) found.push(String(row.getCell(1).value));
  });
  return found;
}
