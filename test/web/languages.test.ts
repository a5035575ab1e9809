// English, French and Spanish end to end in chromium against the built api and worker: a constituent's language
// chosen with the switch is kept on the server (and adopted at the next sign-in, or when a session is restored),
// the draft is read in it (the original with a notice where the translation lags behind), a comment written in
// it is found by the secretariat without its accents, and the emails the worker sends are in it.
import type { Page } from 'playwright-core';
import { ok } from '@tripartite/testing';
import { CaughtMail, TestSmtp, startSmtp, waitFor } from '../notifications/e2e-support';
import { WebWorld, chooseLanguage, closePage, expectAccessible, openPage, overflowsHorizontally, pageProblems, signIn, startWebWorld } from './browser-support';

jest.setTimeout(90_000);

const Q = {
  create: `mutation($in: CreateInstrumentInput!) { createInstrument(input: $in) { id versions { id } } }`,
  save: `mutation($v: ID!, $s: [SectionInput!]!) { saveDraft(versionId: $v, sections: $s) { id } }`,
  publish: `mutation($v: ID!) { publishVersion(versionId: $v) { id sections { id } guidelines { id key } } }`,
  revise: `mutation($i: ID!) { createRevision(instrumentId: $i) { id } }`,
  translate: `mutation($g: ID!, $l: Language!, $t: String, $x: String!) { setGuidelineTranslation(guidelineId: $g, language: $l, title: $t, text: $x) { id } }`,
  heading: `mutation($s: ID!, $l: Language!, $h: String!) { setSectionHeadingTranslation(sectionId: $s, language: $l, heading: $h) { id } }`,
  title: `mutation($i: ID!, $l: Language!, $t: String!) { setInstrumentTitleTranslation(instrumentId: $i, language: $l, title: $t) { id } }`,
  schedule: `mutation($in: ScheduleConsultationInput!) { scheduleConsultation(input: $in) { id } }`,
  advance: `mutation($i: ID!, $to: Stage!, $reason: String) { advanceStage(instrumentId: $i, to: $to, reason: $reason) { stage } }`,
  extend: `mutation($id: ID!, $at: DateTime!, $reason: String!) { extendConsultation(roundId: $id, closesAt: $at, reason: $reason) { id } }`,
  status: `query($r: ID!) { round(id: $r) { version { guidelines { key fr: translationStatus(language: FR) es: translationStatus(language: ES) } } } }`,
  search: `query($r: ID!, $s: String!) { comments(filter: { roundId: $r, search: $s }) { totalCount edges { node { body language organization { id } } } } }`,
  me: `{ me { language } }`,
};

const CONTENT = [
  {
    number: 'I',
    heading: 'Voice',
    guidelines: [
      { number: '1.1', title: 'Hearing', text: 'Everyone concerned should be heard.' },
      { number: '1.2', text: 'Deadlines should be announced in advance.' },
    ],
  },
];
const EDITED = [
  { ...CONTENT[0], guidelines: [{ ...CONTENT[0].guidelines[0], text: 'Everyone concerned should be heard, in their language.' }, CONTENT[0].guidelines[1]] },
];

const FR = {
  title: 'Principes de la consultation',
  heading: 'Voix',
  g11: { title: 'Écoute', text: 'Toutes les personnes concernées devraient être entendues.' },
  g12: 'Les délais devraient être annoncés à l’avance.',
  comment: 'Les travailleurs doivent pouvoir bénéficier de délais raisonnables.',
};
const ES = {
  title: 'Principios de la consulta',
  heading: 'Voz',
  g11: { title: 'Escucha', text: 'Todas las personas interesadas deberían ser escuchadas.' },
  g12: 'Los plazos deberían anunciarse con antelación.',
  comment: 'Los empleadores necesitan plazos claros para responder.',
};

describe('web client: English, French and Spanish end to end', () => {
  let world: WebWorld;
  let smtp: TestSmtp;
  const mails: CaughtMail[] = [];
  let staff: string;
  let instrumentId: string;
  let round1: string;
  let round2: string;
  const french = () => world.people.constituents.WORKERS[0];
  const spanish = () => world.people.constituents.EMPLOYERS[0];

  const asStaff = async (query: string, variables: Record<string, unknown> = {}) => ok<any>(await world.gql(query, variables, staff));
  const article = (page: Page, name: RegExp) => page.getByRole('article', { name });
  const serverLanguage = async (email: string) => ok<any>(await world.gql(Q.me, {}, await world.login(email))).me.language;
  async function fitsAt360(page: Page): Promise<void> {
    const before = page.viewportSize()!;
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await overflowsHorizontally(page)).toBe(false);
    await expectAccessible(page);
    await page.setViewportSize(before);
  }
  async function comment(page: Page, g: RegExp, words: { open: string; type: string; label: string; send: string }, body: string): Promise<void> {
    const item = article(page, g);
    await item.getByRole('button', { name: words.open }).click();
    const form = page.getByRole('form', { name: words.open });
    await form.getByRole('radio', { name: words.type }).check();
    await form.getByLabel(words.label, { exact: true }).fill(body);
    await form.getByRole('button', { name: words.send }).click();
    await item.getByRole('list').getByText(body).waitFor();
  }

  beforeAll(async () => {
    smtp = await startSmtp({}, mails);
    world = await startWebWorld({ worker: true, workerEnv: { SMTP_URL: smtp.url } });
    staff = await world.login(world.people.secretariat.email);
    // Version 1 in English, translated into French and Spanish, consulted in round 1.
    const created = (await asStaff(Q.create, { in: { reference: 'WEB/L/1', title: 'Consultation principles' } })).createInstrument;
    instrumentId = created.id;
    const v1 = created.versions[0].id;
    await asStaff(Q.save, { v: v1, s: CONTENT });
    const published = (await asStaff(Q.publish, { v: v1 })).publishVersion;
    const g = Object.fromEntries(published.guidelines.map((x: any) => [x.key, x.id]));
    for (const [language, t] of [
      ['FR', FR],
      ['ES', ES],
    ] as const) {
      await asStaff(Q.title, { i: instrumentId, l: language, t: t.title });
      await asStaff(Q.heading, { s: published.sections[0].id, l: language, h: t.heading });
      await asStaff(Q.translate, { g: g['1.1'], l: language, t: t.g11.title, x: t.g11.text });
      await asStaff(Q.translate, { g: g['1.2'], l: language, x: t.g12 });
    }
    const closesAt = new Date(Date.now() + 86_400_000).toISOString();
    round1 = (await asStaff(Q.schedule, { in: { instrumentId, versionId: v1, closesAt, visibility: 'IMMEDIATE' } })).scheduleConsultation.id;
    await asStaff(Q.advance, { i: instrumentId, to: 'CONSULTATION' });
  }, 120_000);
  afterAll(async () => {
    await world?.close();
    await smtp?.stop();
  });

  it('French: the switch is kept on the server, the draft is read in French, a stale translation gives way to the original with a notice, a French comment is found without its accents', async () => {
    const page = await openPage(world, '/signin');
    await signIn(page, french().email);
    await chooseLanguage(page, 'FR');
    expect(await serverLanguage(french().email)).toBe('FR');

    await page.goto(`/rounds/${round1}`);
    await page.getByRole('heading', { level: 1, name: FR.title }).waitFor();
    const g11 = article(page, /^Principe directeur 1\.1\s:\sÉcoute$/);
    await g11.getByText(FR.g11.text).waitFor();
    expect(await page.getByRole('heading', { level: 2, name: `I. ${FR.heading}` }).getAttribute('lang')).toBe('fr');
    expect(await article(page, /^Principe directeur 1\.2$/).innerText()).toContain(FR.g12);
    expect(await page.getByTestId('translation-notice').count()).toBe(0);
    await expectAccessible(page);
    await fitsAt360(page);

    // The secretariat revises the English of 1.1 for a second round: its translations lag behind (STALE).
    await asStaff(Q.advance, { i: instrumentId, to: 'CONSOLIDATION', reason: 'Round 1 done' });
    const v2 = (await asStaff(Q.revise, { i: instrumentId })).createRevision.id;
    await asStaff(Q.save, { v: v2, s: EDITED });
    await asStaff(Q.publish, { v: v2 });
    const closesAt = new Date(Date.now() + 86_400_000).toISOString();
    round2 = (await asStaff(Q.schedule, { in: { instrumentId, versionId: v2, closesAt, visibility: 'IMMEDIATE' } })).scheduleConsultation.id;
    await asStaff(Q.advance, { i: instrumentId, to: 'CONSULTATION' });
    const statuses = (await asStaff(Q.status, { r: round2 })).round.version.guidelines;
    expect(statuses).toEqual([
      { key: '1.1', fr: 'STALE', es: 'STALE' },
      { key: '1.2', fr: 'CURRENT', es: 'CURRENT' },
    ]);

    await page.goto(`/rounds/${round2}`);
    const stale = article(page, /^Principe directeur 1\.1\s:\sHearing$/);
    await stale.getByTestId('translation-notice').filter({ hasText: 'Traduction en cours — texte original en anglais' }).waitFor();
    expect(await stale.getByText(EDITED[0].guidelines[0].text).getAttribute('lang')).toBe('en');
    const g12 = article(page, /^Principe directeur 1\.2$/);
    expect(await g12.innerText()).toContain(FR.g12);
    expect(await g12.getByTestId('translation-notice').count()).toBe(0);

    await comment(
      page,
      /^Principe directeur 1\.2$/,
      { open: 'Commenter le principe directeur 1.2', type: 'Technique', label: 'Votre commentaire', send: 'Envoyer le commentaire' },
      FR.comment,
    );
    await expectAccessible(page);
    await fitsAt360(page);

    const found = (await asStaff(Q.search, { r: round2, s: 'beneficier' })).comments;
    expect(found.totalCount).toBe(1);
    expect(found.edges[0].node).toEqual({ body: FR.comment, language: 'FR', organization: { id: world.people.organizations.WORKERS[0] } });
    expect(pageProblems(page)).toEqual([]);
    await closePage(page);

    // Another browser, in English: signing in takes the language the server keeps.
    const other = await openPage(world, '/signin');
    await signIn(other, french().email);
    await other.locator('html[lang="fr"]').waitFor({ state: 'attached' });
    await closePage(other);
  });

  it('Spanish: switching on the round page reads the draft again in Spanish and keeps the choice; a restored session adopts it; a Spanish comment', async () => {
    const page = await openPage(world, '/signin');
    await signIn(page, spanish().email);
    await page.goto(`/rounds/${round2}`);
    await article(page, /^Guideline 1\.2$/)
      .getByText(CONTENT[0].guidelines[1].text)
      .waitFor();

    await chooseLanguage(page, 'ES');
    expect(await serverLanguage(spanish().email)).toBe('ES');
    await page.getByRole('heading', { level: 1, name: ES.title }).waitFor();
    await article(page, /^Directriz 1\.2$/)
      .getByText(ES.g12)
      .waitFor();
    const stale = article(page, /^Directriz 1\.1: Hearing$/);
    await stale.getByTestId('translation-notice').filter({ hasText: 'Traducción en curso: texto original en inglés' }).waitFor();
    await expectAccessible(page);

    await comment(
      page,
      /^Directriz 1\.2$/,
      { open: 'Comentar la directriz 1.2', type: 'Técnico', label: 'Su comentario', send: 'Enviar comentario' },
      ES.comment,
    );
    await expectAccessible(page);
    const found = (await asStaff(Q.search, { r: round2, s: 'empleadores' })).comments;
    expect(found.edges.map((e: any) => [e.node.body, e.node.language])).toEqual([[ES.comment, 'ES']]);

    // A new tab of this browser, its own choice forgotten: the session restored from the cookie brings Spanish.
    await page.evaluate('localStorage.clear()');
    const tab = await page.context().newPage();
    await tab.goto(`/rounds/${round2}`);
    await tab.locator('html[lang="es"]').waitFor({ state: 'attached' });
    await article(tab, /^Directriz 1\.2$/)
      .getByText(ES.g12)
      .waitFor();
    expect(pageProblems(page)).toEqual([]);
    await closePage(page);
  });

  it('emails reach each constituent in their language when the round is extended', async () => {
    const closesAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
    await asStaff(Q.extend, { id: round2, at: closesAt, reason: 'More time for translations' });
    const mailTo = (email: string) => mails.find((m) => m.to.includes(email) && m.mail.headers.get('x-tripartite-kind') === 'consultation.extended');
    const mailOf = async (email: string) => waitFor(`the extension email to ${email}`, async () => mailTo(email), 20_000);
    const fr = (await mailOf(french().email))!.mail;
    expect(fr.subject).toMatch(/^\[WEB\/L\/1\] Date limite prorogée\s:\sWEB\/L\/1/);
    expect(fr.html).toEqual(expect.stringContaining('<html lang="fr">'));
    const es = (await mailOf(spanish().email))!.mail;
    expect(es.subject).toMatch(/^\[WEB\/L\/1\] Plazo prorrogado: WEB\/L\/1/);
  });
});
