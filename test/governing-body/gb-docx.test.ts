import * as mammoth from 'mammoth';
import { ok } from '@tripartite/testing';
import { G, GbWorld, MQ, draftMarkdown } from './gb-fixtures';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('Word files of the GB paper and of a draft version, over HTTP', () => {
  let gb: GbWorld;
  let submitted: { id: string; symbol: string };
  let draftPaper: { id: string; symbol: string };
  let draftVersionId: string;
  let publishedVersionId: string;
  let reference: string;

  const get = (path: string, token: string | null = gb.tokens.secretariat) =>
    fetch(`${gb.w.api.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = async (res: Response) => (await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) })).value;
  const constituent = () => gb.tokens.constituents.GOVERNMENT[0];

  beforeAll(async () => {
    gb = await GbWorld.start();
    submitted = (await gb.submitted()).submission;
    const at = await gb.atGbSubmission(1);
    draftPaper = await gb.prepare(at.instrumentId, (await gb.session()).id, { agendaItem: 3 });

    reference = `DOCX/${process.pid}`;
    const created = (await gb.staff(G.createInstrument, { r: reference, t: 'Guidelines in Word', s: null })).createInstrument;
    publishedVersionId = created.versions[0].id;
    await gb.staff(MQ.import, { v: publishedVersionId, md: draftMarkdown(2) });
    const guidelines = (await gb.staff(MQ.publish, { v: publishedVersionId })).publishVersion.guidelines;
    ok(
      await gb.gql(`mutation($g: ID!, $x: String!) { setGuidelineTranslation(guidelineId: $g, language: FR, title: null, text: $x) { id } }`, {
        g: guidelines[0].id,
        x: 'Texte de la première ligne directrice.',
      }),
    );
    const other = (await gb.staff(G.createInstrument, { r: `${reference}/B`, t: 'Unpublished', s: null })).createInstrument;
    draftVersionId = other.versions[0].id;
    await gb.staff(MQ.import, { v: draftVersionId, md: draftMarkdown(1) });
  }, 90_000);
  afterAll(() => gb.stop());

  it('answers the submitted paper as a Word file with its heading, numbered paragraphs, point for decision, Geneva line and guidelines', async () => {
    const res = await get(`/exports/submissions/${submitted.id}/paper.docx`, constituent());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(DOCX);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${submitted.symbol.replace(/[^A-Za-z0-9._-]+/g, '-')}_EN.docx"`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await text(res);
    expect(body).toContain(submitted.symbol);
    expect(body).toContain('Outcome of the meeting of experts');
    expect(body).toContain('A. Background');
    const point = Number(/Point for decision: Paragraph (\d+)\./.exec(body)![1]);
    expect(body).toMatch(new RegExp(`${point}\\.\\s+The Governing Body approves the guidelines adopted by the meeting\\.`));
    expect(body).toMatch(/Geneva, .+\./);
    expect(body).toContain('Appendix I');
    expect(body).toContain('1.1 Guideline text number 1.');
  });

  it('makes the title and the lettered sections Word headings', async () => {
    const res = await get(`/exports/submissions/${submitted.id}/paper.docx`);
    const html = (await mammoth.convertToHtml({ buffer: Buffer.from(await res.arrayBuffer()) })).value;
    expect(html).toContain('<h1>Outcome of the meeting of experts</h1>');
    expect(html).toContain('<h2>A. Background</h2>');
    expect(html).toContain('<h2>D. Draft decision</h2>');
    expect(html).toContain('<h3>1. Section 1</h3>');
  });

  it('answers the paper in French and Spanish', async () => {
    const fr = await get(`/exports/submissions/${submitted.id}/paper.docx?language=FR`);
    expect(fr.headers.get('content-disposition')).toContain('_FR.docx"');
    const frText = await text(fr);
    expect(frText).toMatch(/Point appelant une décision: paragraphe \d+\./);
    expect(frText).toMatch(/Genève, le .+\./);
    const es = await text(await get(`/exports/submissions/${submitted.id}/paper.docx?language=ES`));
    expect(es).toMatch(/Punto que requiere decisión: párrafo \d+\./);
    expect(es).toMatch(/Ginebra, .+\./);
  });

  it('shows a DRAFT paper to staff only (404 to a constituent, as Instrument.submission), and its agenda-item heading', async () => {
    const staff = await get(`/exports/submissions/${draftPaper.id}/paper.docx`);
    expect(staff.status).toBe(200);
    expect(await text(staff)).toContain('THIRD ITEM ON THE AGENDA');
    expect((await get(`/exports/submissions/${draftPaper.id}/paper.docx`, constituent())).status).toBe(404);
  });

  it('refuses a bad language (400 BAD_USER_INPUT), an unknown id (404) and no token (401)', async () => {
    const bad = await get(`/exports/submissions/${submitted.id}/paper.docx?language=DE`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('BAD_USER_INPUT');
    expect((await get(`/exports/versions/${publishedVersionId}/draft.docx?language=de`)).status).toBe(400);
    expect((await get(`/exports/submissions/00000000-0000-0000-0000-000000000000/paper.docx`)).status).toBe(404);
    expect((await get(`/exports/submissions/not-an-id/paper.docx`)).status).toBe(404);
    expect((await get(`/exports/versions/00000000-0000-0000-0000-000000000000/draft.docx`)).status).toBe(404);
    expect((await get(`/exports/submissions/${submitted.id}/paper.docx`, null)).status).toBe(401);
  });

  it('answers a published draft version with its title, sections and numbered guidelines, in the translation where there is one', async () => {
    const res = await get(`/exports/versions/${publishedVersionId}/draft.docx`, constituent());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(DOCX);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${reference.replace('/', '-')}-v1_EN.docx"`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const en = await text(res);
    expect(en).toContain('Guidelines in Word');
    expect(en).toContain('1. Section 1');
    const html = (await mammoth.convertToHtml({ buffer: Buffer.from(await (await get(`/exports/versions/${publishedVersionId}/draft.docx`)).arrayBuffer()) }))
      .value;
    expect(html).toContain('<h1>1. Section 1</h1>');
    expect(en).toContain('1.1. Guideline text number 1.');
    expect(en).toContain('1.2. Guideline text number 2.');
    const fr = await text(await get(`/exports/versions/${publishedVersionId}/draft.docx?language=FR`, constituent()));
    expect(fr).toContain('1.1. Texte de la première ligne directrice.');
    expect(fr).toContain('1.2. Guideline text number 2.');
  });

  it('shows a DRAFT version to the secretariat only (404 to a constituent, as draftVersion)', async () => {
    expect((await get(`/exports/versions/${draftVersionId}/draft.docx`)).status).toBe(200);
    expect((await get(`/exports/versions/${draftVersionId}/draft.docx`, constituent())).status).toBe(404);
  });
});
