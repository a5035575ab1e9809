import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { G, GbWorld } from './gb-fixtures';

const UNKNOWN_ID = '00000000-0000-0000-0000-000000000000';

describe('the GB paper and the draft as PDF downloads', () => {
  let gb: GbWorld;
  let dir: string;
  let submission: { id: string; symbol: string };
  let versionId: string;

  const get = (path: string, token: string | null = gb.tokens.secretariat) =>
    fetch(`${gb.w.api.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  /** The file written to disk and read back by poppler: its text (pages split on form feed) and its page size. */
  const readBack = (bytes: Buffer, name: string) => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return { text, pages: text.split('\f').filter((p) => p.trim()), info };
  };

  beforeAll(async () => {
    gb = await GbWorld.start();
    dir = mkdtempSync(join(tmpdir(), 'paper-pdf-'));
    const at = await gb.atGbSubmission(2);
    versionId = at.versionId;
    const session = await gb.session();
    const prepared = await gb.prepare(at.instrumentId, session.id, {
      agendaItem: 3,
      agendaItemTitle: 'Outcome of the meeting of experts',
      pointForDecision: 'The Governing Body approves the guidelines adopted by the meeting, with “care”.',
    });
    submission = (await gb.staff(G.submit, { id: prepared.id })).submitToGoverningBody;
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await gb.stop();
  });

  it('is an A4 PDF of the paper: the symbol on every page, page numbers, the heading, the point for decision and the Geneva line', async () => {
    const res = await get(`/exports/submissions/${submission.id}/paper.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const safeSymbol = submission.symbol.replace(/\//g, '-');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${safeSymbol}-EN.pdf"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages, info } = readBack(bytes, 'paper-en.pdf');
    expect(info).toMatch(/Page size:\s+595(\.\d+)? x 841\.89|Page size:\s+595(\.\d+)? x 842/);
    expect(info).toMatch(/Title:\s+.*Outcome of the meeting of experts/);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    pages.forEach((page, i) => {
      expect(page).toContain(submission.symbol);
      expect(page).toMatch(new RegExp(`Page ${i + 1}\\s*$`));
    });
    expect(text).toContain('THIRD ITEM ON THE AGENDA');
    expect(text).toContain('Outcome of the meeting of experts');
    expect(text).toMatch(/Point for decision: Paragraph \d+\./);
    expect(text).toMatch(/Geneva, \d{1,2} [A-Z][a-z]+ \d{4}\./);
    expect(text).toContain('with “care”');
  });

  it('prints French and Spanish with their accents', async () => {
    const fr = await get(`/exports/submissions/${submission.id}/paper.pdf?language=FR`);
    expect(fr.status).toBe(200);
    expect(fr.headers.get('content-disposition')).toContain('-FR.pdf"');
    const french = readBack(Buffer.from(await fr.arrayBuffer()), 'paper-fr.pdf').text;
    expect(french).toContain('Genève');
    expect(french).toContain('décision');
    expect(french).toContain('TROISIÈME QUESTION');
    const es = await get(`/exports/submissions/${submission.id}/paper.pdf?language=ES`);
    expect(es.status).toBe(200);
    const spanish = readBack(Buffer.from(await es.arrayBuffer()), 'paper-es.pdf');
    expect(spanish.text).toContain('Ginebra');
    expect(spanish.text).toMatch(/decisión/);
    expect(spanish.pages[0]).toMatch(/Página 1\s*$/);
  });

  it('answers 400 for a language outside the contract, 404 for an unknown submission, 401 without a token', async () => {
    const bad = await get(`/exports/submissions/${submission.id}/paper.pdf?language=DE`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.code).toBe('BAD_USER_INPUT');
    expect((await get(`/exports/submissions/${UNKNOWN_ID}/paper.pdf`)).status).toBe(404);
    expect((await get(`/exports/submissions/not-an-id/paper.pdf`)).status).toBe(404);
    expect((await get(`/exports/submissions/${submission.id}/paper.pdf`, null)).status).toBe(401);
  });

  it('gives a constituent the submitted paper but not a DRAFT one', async () => {
    const constituent = gb.tokens.constituents.WORKERS[0];
    expect((await get(`/exports/submissions/${submission.id}/paper.pdf`, constituent)).status).toBe(200);
    const at = await gb.atGbSubmission(1);
    const draft = await gb.prepare(at.instrumentId, (await gb.session()).id);
    expect((await get(`/exports/submissions/${draft.id}/paper.pdf`, constituent)).status).toBe(404);
    expect((await get(`/exports/submissions/${draft.id}/paper.pdf`)).status).toBe(200);
  });

  it('is the draft version as an A4 PDF: the reference on every page, sections and numbered guidelines', async () => {
    const version = (await gb.staff(`query($v: ID!) { draftVersion(id: $v) { sections { id guidelines { id } } } }`, { v: versionId })).draftVersion;
    await gb.staff(`mutation($s: ID!, $l: Language!, $h: String!) { setSectionHeadingTranslation(sectionId: $s, language: $l, heading: $h) { id } }`, {
      s: version.sections[0].id,
      l: 'FR',
      h: 'Première partie',
    });
    await gb.staff(
      `mutation($g: ID!, $l: Language!, $t: String, $x: String!) { setGuidelineTranslation(guidelineId: $g, language: $l, title: $t, text: $x) { id } }`,
      {
        g: version.sections[0].guidelines[0].id,
        l: 'FR',
        t: null,
        x: 'Les travailleurs migrants bénéficient d’un traitement égal, « sans exception ».',
      },
    );
    const res = await get(`/exports/versions/${versionId}/draft.pdf?language=FR`, gb.tokens.constituents.GOVERNMENT[0]);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[A-Za-z0-9._-]+-v1-FR\.pdf"$/);
    const { text, pages, info } = readBack(Buffer.from(await res.arrayBuffer()), 'draft-fr.pdf');
    expect(info).toMatch(/Page size:\s+595(\.\d+)? x 84[12]/);
    pages.forEach((page, i) => {
      expect(page).toMatch(/\(v1\)/);
      expect(page).toMatch(new RegExp(`Page ${i + 1}\\s*$`));
    });
    expect(text).toContain('Projet, version 1');
    expect(text).toContain('1. Première partie');
    expect(text).toMatch(/1\.1 Les travailleurs migrants bénéficient d’un traitement égal, « sans exception »\./);
    // The guideline not translated is read in the original.
    expect(text).toContain('1.2 Guideline text number 2.');
    expect((await get(`/exports/versions/${versionId}/draft.pdf?language=xx`)).status).toBe(400);
    expect((await get(`/exports/versions/${UNKNOWN_ID}/draft.pdf`)).status).toBe(404);
  });
});
