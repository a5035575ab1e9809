import { People, TestApi, errorOf, ok, seedPeople, startApi } from '@tripartite/testing';
import { SqlCounter } from '../security/sql-counter';

// Translations of drafts (DESIGN.md 6a) over HTTP: statuses, history, revisions, the Markdown import, the diff
// per language, the secretariat's summary and a round's complete languages.
const Q = {
  create: `mutation($in: CreateInstrumentInput!) { createInstrument(input: $in) { id versions { id originalLanguage } } }`,
  save: `mutation($v: ID!, $s: [SectionInput!]!) { saveDraft(versionId: $v, sections: $s) { id } }`,
  publish: `mutation($v: ID!) { publishVersion(versionId: $v) { id } }`,
  revise: `mutation($i: ID!) { createRevision(instrumentId: $i) { id originalLanguage } }`,
  translate: `mutation($g: ID!, $l: Language!, $t: String, $x: String!) {
    setGuidelineTranslation(guidelineId: $g, language: $l, title: $t, text: $x) { id text title textIn(language: $l) titleIn(language: $l) translationStatus(language: $l) } }`,
  heading: `mutation($s: ID!, $l: Language!, $h: String!) { setSectionHeadingTranslation(sectionId: $s, language: $l, heading: $h) { id heading headingIn(language: $l) headingStatus(language: $l) } }`,
  importT: `mutation($v: ID!, $l: Language!, $md: String!) { importTranslationMarkdown(versionId: $v, language: $l, markdown: $md) { id } }`,
  version: `query($i: ID!) { instrument(id: $i) { versions { id number originalLanguage
    translationSummary { language current stale missing complete }
    sections { id number heading en: headingIn(language: EN) fr: headingIn(language: FR) es: headingIn(language: ES)
      frStatus: headingStatus(language: FR) esStatus: headingStatus(language: ES) }
    guidelines { id key text
      en: textIn(language: EN) fr: textIn(language: FR) es: textIn(language: ES) frTitle: titleIn(language: FR)
      enStatus: translationStatus(language: EN) frStatus: translationStatus(language: FR) esStatus: translationStatus(language: ES) } } } }`,
  public: `query($i: ID!) { instrument(id: $i) { versions { guidelines { key fr: textIn(language: FR) frStatus: translationStatus(language: FR) } } } }`,
  summary: `query($i: ID!) { instrument(id: $i) { versions { translationSummary { language } } } }`,
  history: `query($i: ID!) { instrument(id: $i) { versions { guidelines { key history: translationHistory(language: FR) { text title current translatedAt translatedBy { id } } } } } }`,
  diff: `query($f: ID!, $t: ID!, $l: Language) { versionDiff(fromVersionId: $f, toVersionId: $t, language: $l) { key kind before { id } after { id } } }`,
  schedule: `mutation($in: ScheduleConsultationInput!) { scheduleConsultation(input: $in) { id completeLanguages } }`,
  round: `query($id: ID!) { round(id: $id) { completeLanguages } }`,
  title: `mutation($i: ID!, $l: Language!, $t: String!) { setInstrumentTitleTranslation(instrumentId: $i, language: $l, title: $t) { id title titleIn(language: $l) titleStatus(language: $l) } }`,
  titles: `query($i: ID!) { instrument(id: $i) { title en: titleIn(language: EN) fr: titleIn(language: FR) es: titleIn(language: ES)
    enStatus: titleStatus(language: EN) frStatus: titleStatus(language: FR) esStatus: titleStatus(language: ES) } }`,
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
  { number: 'II', heading: 'Fairness', guidelines: [{ number: '2.1', text: 'No fee should be charged to a worker.' }] },
];

const FR_EDITION = `# Principes

## I. Voix

1.1 **Écoute.** Toutes les personnes concernées devraient être entendues.

1.2 Les délais devraient être annoncés à l'avance.

## II. Équité

2.1 Aucun frais ne devrait être facturé à un travailleur.
`;

describe('translations', () => {
  let api: TestApi;
  let people: People;
  let sec: string;
  let constituent: string;
  let serial = 0;

  beforeAll(async () => {
    api = await startApi({ GRAPHQL_MAX_COST: '100000000' });
    people = await seedPeople(api.app);
    [sec, constituent] = await Promise.all([people.secretariat, people.constituents.WORKERS[0]].map((p) => api.login(p.email)));
  });
  afterAll(() => api.close());

  const staff = async (query: string, variables: Record<string, unknown> = {}) => ok(await api.gql(query, variables, sec));
  const versions = async (instrumentId: string) => (await staff(Q.version, { i: instrumentId })).instrument.versions;
  const byKey = (list: any[]) => Object.fromEntries(list.map((g) => [g.key, g]));
  const translationRows = async (versionId: string) =>
    (
      await api.db.query<{ n: number }>(
        `SELECT ((SELECT count(*) FROM guideline_translation t JOIN guideline g ON g.id = t.guideline_id WHERE g.version_id = $1)
              + (SELECT count(*) FROM section_translation t JOIN section s ON s.id = t.section_id WHERE s.version_id = $1))::int AS n`,
        [versionId],
      )
    )[0].n;

  /** A published version 1 of a fresh instrument. */
  async function published(originalLanguage?: string) {
    const input: Record<string, unknown> = { reference: `TR/${process.pid}/${++serial}`, title: 'Translated guidelines' };
    if (originalLanguage) input.originalLanguage = originalLanguage;
    const created = (await staff(Q.create, { in: input })).createInstrument;
    const versionId = created.versions[0].id as string;
    await staff(Q.save, { v: versionId, s: CONTENT });
    await staff(Q.publish, { v: versionId });
    const [v] = await versions(created.id);
    return { instrumentId: created.id as string, versionId, version: v, g: byKey(v.guidelines) };
  }

  it('a version is written in EN unless the instrument says otherwise; the original is ORIGINAL, others MISSING', async () => {
    const { version, g } = await published();
    expect(version.originalLanguage).toBe('EN');
    expect(g['1.1']).toMatchObject({
      en: 'Everyone concerned should be heard.',
      fr: null,
      es: null,
      enStatus: 'ORIGINAL',
      frStatus: 'MISSING',
      esStatus: 'MISSING',
    });
    expect(version.sections[0]).toMatchObject({ en: 'Voice', fr: null, frStatus: 'MISSING' });

    const fr = await published('FR');
    expect(fr.version.originalLanguage).toBe('FR');
    expect(fr.g['1.1']).toMatchObject({ fr: 'Everyone concerned should be heard.', frStatus: 'ORIGINAL', enStatus: 'MISSING', en: null });
  });

  it('sets a translation of a published guideline (CURRENT), keeps the original, audits it, and refuses the original language', async () => {
    const { instrumentId, versionId, g } = await published();
    const set = (await staff(Q.translate, { g: g['1.1'].id, l: 'FR', t: ' Écoute ', x: ' Toutes les personnes concernées devraient être entendues. ' }))
      .setGuidelineTranslation;
    expect(set).toEqual({
      id: g['1.1'].id,
      text: 'Everyone concerned should be heard.',
      title: 'Hearing',
      textIn: 'Toutes les personnes concernées devraient être entendues.',
      titleIn: 'Écoute',
      translationStatus: 'CURRENT',
    });
    const [audit] = await api.db.query<{ actor_id: string; entity_type: string; data: any }>(
      `SELECT actor_id, entity_type, data FROM audit_event WHERE action = 'guideline.translated' AND entity_id = $1`,
      [g['1.1'].id],
    );
    expect(audit).toMatchObject({ actor_id: people.secretariat.id, entity_type: 'Guideline', data: { language: 'FR', versionId, key: '1.1' } });

    const before = await translationRows(versionId);
    const refused = errorOf(await api.gql(Q.translate, { g: g['1.1'].id, l: 'EN', x: 'Overwritten?' }, sec));
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(refused.extensions?.fields).toEqual([{ field: 'language', message: expect.stringMatching(/original language/) }]);
    const blank = errorOf(await api.gql(Q.translate, { g: g['1.1'].id, l: 'ES', x: '  ' }, sec));
    expect(blank.extensions?.fields).toEqual([{ field: 'text', message: 'is required' }]);
    const long = errorOf(await api.gql(Q.translate, { g: g['1.1'].id, l: 'ES', x: 'x'.repeat(20_001) }, sec));
    expect(long.extensions?.fields).toEqual([{ field: 'text', message: expect.stringMatching(/at most 20000/) }]);
    expect(await translationRows(versionId)).toBe(before);

    const [v] = await versions(instrumentId);
    expect(byKey(v.guidelines)['1.1']).toMatchObject({ text: 'Everyone concerned should be heard.', frStatus: 'CURRENT', esStatus: 'MISSING' });
    expect(v.translationSummary).toEqual([
      { language: 'EN', current: 3, stale: 0, missing: 0, complete: true },
      { language: 'FR', current: 1, stale: 0, missing: 2, complete: false },
      { language: 'ES', current: 0, stale: 0, missing: 3, complete: false },
    ]);
  });

  it('keeps the history of a translation, the latest in force; the secretariat alone writes it and sees the history and summary', async () => {
    const { instrumentId, g } = await published();
    await staff(Q.translate, { g: g['1.2'].id, l: 'FR', x: 'Première traduction.' });
    await staff(Q.translate, { g: g['1.2'].id, l: 'FR', x: 'Seconde traduction.' });
    const [v] = (await staff(Q.history, { i: instrumentId })).instrument.versions;
    const history = byKey(v.guidelines)['1.2'].history;
    expect(history.map((h: any) => [h.text, h.current, h.translatedBy.id])).toEqual([
      ['Première traduction.', true, people.secretariat.id],
      ['Seconde traduction.', true, people.secretariat.id],
    ]);
    expect((await versions(instrumentId))[0].guidelines[1].fr).toBe('Seconde traduction.');

    // Readers see the text in force; the writes, the history and the summary are the secretariat's.
    const [pub] = ok(await api.gql(Q.public, { i: instrumentId }, constituent)).instrument.versions;
    expect(byKey(pub.guidelines)['1.2']).toEqual({ key: '1.2', fr: 'Seconde traduction.', frStatus: 'CURRENT' });
    expect(errorOf(await api.gql(Q.translate, { g: g['1.2'].id, l: 'FR', x: 'Non.' }, constituent)).code).toBe('FORBIDDEN');
    expect(errorOf(await api.gql(Q.translate, { g: g['1.2'].id, l: 'FR', x: 'Non.' })).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await api.gql(Q.history, { i: instrumentId }, constituent)).code).toBe('FORBIDDEN');
    expect(errorOf(await api.gql(Q.summary, { i: instrumentId }, constituent)).code).toBe('FORBIDDEN');
  });

  it('carries translations into a revision: unchanged guidelines stay CURRENT, an edited one goes STALE; the diff works per language', async () => {
    const { instrumentId, versionId: v1, g } = await published();
    for (const key of ['1.1', '1.2', '2.1']) await staff(Q.translate, { g: g[key].id, l: 'FR', x: `Traduction de ${key}.` });
    const v2 = (await staff(Q.revise, { i: instrumentId })).createRevision;
    expect(v2.originalLanguage).toBe('EN');
    const copied = byKey((await versions(instrumentId))[1].guidelines);
    expect(Object.values(copied).map((x: any) => x.frStatus)).toEqual(['CURRENT', 'CURRENT', 'CURRENT']);

    const edited = structuredClone(CONTENT);
    edited[0].guidelines[0].text = 'Everyone concerned should be heard, in their language.';
    await staff(Q.save, { v: v2.id, s: edited });
    const [first, second] = await versions(instrumentId);
    const now = byKey(second.guidelines);
    expect([now['1.1'].frStatus, now['1.2'].frStatus, now['2.1'].frStatus]).toEqual(['STALE', 'CURRENT', 'CURRENT']);
    // A STALE translation is still the text in that language, shown with its status.
    expect(now['1.1'].fr).toBe('Traduction de 1.1.');
    expect(byKey(first.guidelines)['1.1'].frStatus).toBe('CURRENT');
    expect(second.translationSummary.find((s: any) => s.language === 'FR')).toEqual({ language: 'FR', current: 2, stale: 1, missing: 0, complete: false });

    const [h] = (await staff(Q.history, { i: instrumentId })).instrument.versions.slice(1).map((v: any) => byKey(v.guidelines)['1.1'].history);
    expect(h.map((x: any) => [x.text, x.current])).toEqual([['Traduction de 1.1.', false]]);

    const kinds = async (l?: string) => Object.fromEntries((await staff(Q.diff, { f: v1, t: v2.id, l })).versionDiff.map((c: any) => [c.key, c.kind]));
    expect(await kinds()).toEqual({ '1.1': 'MODIFIED', '1.2': 'UNCHANGED', '2.1': 'UNCHANGED' });
    expect(await kinds('EN')).toEqual({ '1.1': 'MODIFIED', '1.2': 'UNCHANGED', '2.1': 'UNCHANGED' });
    // In French, nothing changed until the translation is brought up to date; ES has none, so the originals are compared.
    expect(await kinds('FR')).toEqual({ '1.1': 'UNCHANGED', '1.2': 'UNCHANGED', '2.1': 'UNCHANGED' });
    await staff(Q.translate, { g: now['1.1'].id, l: 'FR', x: 'Traduction de 1.1, dans leur langue.' });
    expect(await kinds('FR')).toEqual({ '1.1': 'MODIFIED', '1.2': 'UNCHANGED', '2.1': 'UNCHANGED' });
    expect(await kinds('ES')).toEqual({ '1.1': 'MODIFIED', '1.2': 'UNCHANGED', '2.1': 'UNCHANGED' });
    const diff = (await staff(Q.diff, { f: v1, t: v2.id, l: 'FR' })).versionDiff;
    expect(diff[0]).toEqual({ key: '1.1', kind: 'MODIFIED', before: { id: g['1.1'].id }, after: { id: now['1.1'].id } });
    expect(byKey((await versions(instrumentId))[1].guidelines)['1.1'].frStatus).toBe('CURRENT');
  });

  it('sets a section heading translation, STALE once the heading changes', async () => {
    const { instrumentId } = await published();
    const v2 = (await staff(Q.revise, { i: instrumentId })).createRevision;
    const section = (await versions(instrumentId))[1].sections[0];
    const set = (await staff(Q.heading, { s: section.id, l: 'ES', h: 'Voz' })).setSectionHeadingTranslation;
    expect(set).toEqual({ id: section.id, heading: 'Voice', headingIn: 'Voz', headingStatus: 'CURRENT' });
    const edited = structuredClone(CONTENT);
    edited[0].heading = 'Voice and dialogue';
    await staff(Q.save, { v: v2.id, s: edited });
    const [s1] = (await versions(instrumentId))[1].sections;
    expect(s1).toMatchObject({ heading: 'Voice and dialogue', es: 'Voz', esStatus: 'STALE', frStatus: 'MISSING' });
  });

  it('imports a whole edition in one language, all or nothing, naming the keys that do not match', async () => {
    const { instrumentId, versionId } = await published();
    const events = async () =>
      (
        await api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'version.translationImported' AND entity_id = $1`, [
          versionId,
        ])
      )[0].n;

    const wrong = FR_EDITION.replace('1.2 Les délais', '1.3 Les délais').replace(
      '## II. Équité\n\n2.1 Aucun frais ne devrait être facturé à un travailleur.\n',
      '',
    );
    const error = errorOf(await api.gql(Q.importT, { v: versionId, l: 'FR', md: wrong }, sec));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.fields).toEqual([
      { field: 'markdown', message: 'guidelines missing from the translation: 1.2, 2.1' },
      { field: 'markdown', message: 'guidelines not in the original: 1.3' },
      { field: 'markdown', message: 'the sections differ: the original has I, II, the translation I' },
    ]);
    expect(errorOf(await api.gql(Q.importT, { v: versionId, l: 'EN', md: FR_EDITION }, sec)).extensions?.fields).toEqual([
      { field: 'language', message: expect.stringMatching(/original language/) },
    ]);
    expect(errorOf(await api.gql(Q.importT, { v: versionId, l: 'FR', md: 'no section' }, sec)).code).toBe('BAD_USER_INPUT');
    expect(await translationRows(versionId)).toBe(0);
    expect(await events()).toBe(0);

    ok(await api.gql(Q.importT, { v: versionId, l: 'FR', md: FR_EDITION }, sec));
    const [v] = await versions(instrumentId);
    const g = byKey(v.guidelines);
    expect(g['1.1']).toMatchObject({ fr: 'Toutes les personnes concernées devraient être entendues.', frTitle: 'Écoute', frStatus: 'CURRENT' });
    expect(g['2.1']).toMatchObject({ fr: 'Aucun frais ne devrait être facturé à un travailleur.', frStatus: 'CURRENT' });
    expect(v.sections.map((s: any) => [s.fr, s.frStatus])).toEqual([
      ['Voix', 'CURRENT'],
      ['Équité', 'CURRENT'],
    ]);
    expect(v.translationSummary[1]).toEqual({ language: 'FR', current: 3, stale: 0, missing: 0, complete: true });
    expect(await translationRows(versionId)).toBe(5);
    expect(await events()).toBe(1);
    // Its "# Title" is the instrument's title in French.
    expect((await staff(Q.titles, { i: instrumentId })).instrument).toEqual({
      title: 'Translated guidelines',
      en: 'Translated guidelines',
      fr: 'Principes',
      es: null,
      enStatus: 'ORIGINAL',
      frStatus: 'CURRENT',
      esStatus: 'MISSING',
    });
    // The same edition again sets nothing new (one event still, the history unchanged).
    ok(await api.gql(Q.importT, { v: versionId, l: 'FR', md: FR_EDITION }, sec));
    expect(await translationRows(versionId)).toBe(5);
    expect(errorOf(await api.gql(Q.importT, { v: versionId, l: 'FR', md: FR_EDITION }, constituent)).code).toBe('FORBIDDEN');
  });

  it('a round may be scheduled with translations pending; it says which languages are complete', async () => {
    const p = await published();
    await staff(Q.importT, { v: p.versionId, l: 'FR', md: FR_EDITION });
    await staff(Q.translate, { g: p.g['1.1'].id, l: 'ES', x: 'Todos deberían ser oídos.' });
    const round = (
      await staff(Q.schedule, { in: { instrumentId: p.instrumentId, versionId: p.versionId, closesAt: new Date(Date.now() + 3_600_000).toISOString() } })
    ).scheduleConsultation;
    expect(round.completeLanguages).toEqual(['EN', 'FR']);
    for (const key of ['1.2', '2.1']) await staff(Q.translate, { g: p.g[key].id, l: 'ES', x: `Traducción de ${key}.` });
    expect(ok(await api.gql(Q.round, { id: round.id }, constituent)).round.completeLanguages).toEqual(['EN', 'FR', 'ES']);
  });

  it('reads a whole version in every language with one query per translation table, however many guidelines', async () => {
    const p = await published();
    await staff(Q.importT, { v: p.versionId, l: 'FR', md: FR_EDITION });
    const sql = new SqlCounter(api.app);
    const { statements } = await sql.during(() => staff(Q.version, { i: p.instrumentId }));
    // The texts' loader (three guidelines, three languages, three fields each) and the summary's.
    expect(statements.filter((q) => /FROM guideline_translation\b/.test(q))).toHaveLength(2);
    expect(statements.filter((q) => /FROM section_translation\b/.test(q))).toHaveLength(1);
  });

  it("sets the instrument's title in another language, audited; refusing the language of its versions", async () => {
    const p = await published('ES');
    const set = (await staff(Q.title, { i: p.instrumentId, l: 'EN', t: ' Translated guidelines, in English ' })).setInstrumentTitleTranslation;
    expect(set).toEqual({ id: p.instrumentId, title: 'Translated guidelines', titleIn: 'Translated guidelines, in English', titleStatus: 'CURRENT' });
    const [audit] = await api.db.query<{ actor_id: string; data: any }>(
      `SELECT actor_id, data FROM audit_event WHERE action = 'instrument.titleTranslated' AND entity_id = $1`,
      [p.instrumentId],
    );
    expect(audit).toMatchObject({ actor_id: people.secretariat.id, data: { language: 'EN', title: 'Translated guidelines, in English' } });
    const refused = errorOf(await api.gql(Q.title, { i: p.instrumentId, l: 'ES', t: 'Directrices' }, sec));
    expect(refused.extensions?.fields).toEqual([{ field: 'language', message: expect.stringMatching(/original language/) }]);
    expect(errorOf(await api.gql(Q.title, { i: p.instrumentId, l: 'FR', t: 'Non' }, constituent)).code).toBe('FORBIDDEN');
    expect((await staff(Q.titles, { i: p.instrumentId })).instrument).toMatchObject({ es: 'Translated guidelines', esStatus: 'ORIGINAL', frStatus: 'MISSING' });
  });
});
