import { errorOf, ok } from '@tripartite/testing';
import { ConsultationWorld } from './consultation-fixtures';

const FIELDS = `id body proposedText language revision`;
const SUBMIT = `mutation($in: SubmitCommentInput!) { submitComment(input: $in) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $in: UpdateCommentInput!) { updateComment(id: $id, input: $in) { ${FIELDS} } }`;
const SEARCH = `query($f: CommentFilter!) { comments(filter: $f, first: 200) { totalCount edges { node { id language } } } }`;

// Comments written in English, French and Spanish, read back with their language and found across languages and accents.
describe('comments in three languages', () => {
  let w: ConsultationWorld;

  beforeAll(async () => {
    w = await ConsultationWorld.start();
  });
  afterAll(() => w.stop());

  const submit = async (token: string, input: Record<string, unknown>) => ok(await w.gql(SUBMIT, { in: { type: 'GENERAL', ...input } }, token)).submitComment;
  const update = async (token: string, id: string, input: Record<string, unknown>) => ok(await w.gql(UPDATE, { id, in: input }, token)).updateComment;

  it("keeps the given language, else detects it from the text, else takes the author's", async () => {
    const { round } = await w.openRound();
    const [gov1] = w.tokens.constituents.GOVERNMENT;
    const [emp1] = w.tokens.constituents.EMPLOYERS;
    const [wrk1] = w.tokens.constituents.WORKERS;
    const french = await submit(wrk1, {
      roundId: round.id,
      body: 'Les travailleurs migrants doivent pouvoir bénéficier de la protection sociale dès leur arrivée.',
    });
    const spanish = await submit(emp1, {
      roundId: round.id,
      body: 'Proponemos suprimir este párrafo.',
      proposedText: 'Los empleadores consultan a los representantes de los trabajadores.',
    });
    const english = await submit(gov1, { roundId: round.id, body: 'Every migrant worker should benefit from social protection on arrival.' });
    // An English-speaking organization quoting the French text: what its author says wins over what the text looks like.
    const quoted = await submit(gov1, { roundId: round.id, body: 'Nous proposons la formulation suivante pour le paragraphe.', language: 'EN' });
    // Too short to tell: the author's own language (a delegate who works in Spanish).
    ok(await w.gql(`mutation { setMyLanguage(language: ES) { language } }`, {}, gov1));
    const short = await submit(gov1, { roundId: round.id, body: 'Merci' });
    expect([french, spanish, english, quoted, short].map((c) => c.language)).toEqual(['FR', 'ES', 'EN', 'EN', 'ES']);

    // Read back the same way by everyone who may see them.
    const listed = ok(await w.gql(SEARCH, { f: { roundId: round.id } }, w.tokens.secretariat)).comments.edges.map((e: any) => e.node);
    expect(Object.fromEntries(listed.map((c: any) => [c.id, c.language]))).toEqual({
      [french.id]: 'FR',
      [spanish.id]: 'ES',
      [english.id]: 'EN',
      [quoted.id]: 'EN',
      [short.id]: 'ES',
    });

    const bad = errorOf(await w.gql(SUBMIT, { in: { roundId: round.id, type: 'GENERAL', body: 'Hallo', language: 'DE' } }, gov1));
    expect(bad.code).toBe('BAD_USER_INPUT');
    expect(bad.message).toContain('language');
    const [{ n }] = await w.api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM comment WHERE round_id = $1`, [round.id]);
    expect(n).toBe(5);
  });

  it('detects the language again when the text changes without one, keeps it otherwise, and audits the change', async () => {
    const { round } = await w.openRound();
    const [wrk1] = w.tokens.constituents.WORKERS;
    const comment = await submit(wrk1, { roundId: round.id, body: 'Les travailleurs doivent être consultés avant toute décision.' });
    expect(comment.language).toBe('FR');

    const retold = await update(wrk1, comment.id, { body: 'Los trabajadores deben ser consultados antes de cualquier decisión.' });
    expect(retold).toMatchObject({ language: 'ES', revision: 2 });
    const [audit] = await w.api.db.query<any>(`SELECT data FROM audit_event WHERE entity_id = $1 AND action = 'comment.updated' ORDER BY at DESC LIMIT 1`, [
      comment.id,
    ]);
    expect(audit.data).toMatchObject({ changed: ['body', 'language'], previous: { language: 'FR' } });

    // The proposed text counts as much as the body.
    expect(
      (await update(wrk1, comment.id, { body: 'Añadir.', proposedText: 'Workers are consulted before any decision is taken on their behalf.' })).language,
    ).toBe('EN');
    // Too short to tell: the language stays.
    expect((await update(wrk1, comment.id, { body: 'OK', proposedText: null })).language).toBe('EN');
    // Given with the text, the given one wins; given alone, it is the one change.
    expect((await update(wrk1, comment.id, { body: 'Los trabajadores deben ser consultados siempre.', language: 'FR' })).language).toBe('FR');
    expect((await update(wrk1, comment.id, { type: 'EDITORIAL' })).language).toBe('FR');
    expect(await update(wrk1, comment.id, { language: 'ES' })).toMatchObject({ language: 'ES', body: 'Los trabajadores deben ser consultados siempre.' });

    const bad = errorOf(await w.gql(UPDATE, { id: comment.id, in: { language: 'de' } }, wrk1));
    expect(bad.code).toBe('BAD_USER_INPUT');
    const [row] = await w.api.db.query<{ language: string; revision: number }>(`SELECT language, revision FROM comment WHERE id = $1`, [comment.id]);
    expect(row).toEqual({ language: 'ES', revision: 7 });
  });

  it('searches across languages, accents and inflections, within what the searcher may see', async () => {
    const { round } = await w.openRound({ visibility: 'AFTER_CLOSE' });
    const [gov1, gov2] = w.tokens.constituents.GOVERNMENT;
    const [emp1] = w.tokens.constituents.EMPLOYERS;
    const [wrk1, wrk2] = w.tokens.constituents.WORKERS;
    const c = {
      fr: await submit(wrk1, { roundId: round.id, body: 'Les travailleurs migrants doivent pouvoir bénéficier de la protection sociale dès leur arrivée.' }),
      // Typed without its accents.
      frPlain: await submit(wrk2, { roundId: round.id, body: 'Chaque travailleur doit beneficier d’un contrat ecrit dans une langue qu’il comprend.' }),
      es: await submit(emp1, {
        roundId: round.id,
        body: 'La discriminación en el empleo debe eliminarse para todos los trabajadores migrantes y sus organizaciones.',
      }),
      esPlain: await submit(gov2, { roundId: round.id, body: 'El trabajador tiene derecho a una informacion clara sobre la discriminacion salarial.' }),
      en: await submit(gov1, { roundId: round.id, body: 'Every migrant worker should benefit from social protection on arrival.' }),
    };
    expect(Object.values(c).map((x) => x.language)).toEqual(['FR', 'FR', 'ES', 'ES', 'EN']);

    const found = async (search: string, token = w.tokens.secretariat) => {
      const page = ok(await w.gql(SEARCH, { f: { roundId: round.id, search } }, token)).comments;
      expect(page.totalCount).toBe(page.edges.length);
      const names = Object.fromEntries(Object.entries(c).map(([name, x]) => [x.id, name]));
      return page.edges.map((e: any) => names[e.node.id]).sort();
    };
    // French: singular and plural, accents folded both ways.
    expect(await found('travailleur')).toEqual(['fr', 'frPlain']);
    expect(await found('travailleurs')).toEqual(['fr', 'frPlain']);
    expect(await found('beneficier')).toEqual(['fr', 'frPlain']);
    expect(await found('bénéficier')).toEqual(['fr', 'frPlain']);
    expect(await found('BÉNÉFICIER')).toEqual(['fr', 'frPlain']);
    expect(await found('écrit')).toEqual(['frPlain']);
    // Spanish likewise.
    expect(await found('discriminacion')).toEqual(['es', 'esPlain']);
    expect(await found('discriminación')).toEqual(['es', 'esPlain']);
    expect(await found('trabajador')).toEqual(['es', 'esPlain']);
    expect(await found('trabajadores')).toEqual(['es', 'esPlain']);
    expect(await found('información')).toEqual(['esPlain']);
    // Plurals of -ción, whose stem the Spanish stemmer knows only with the accent.
    expect(await found('organización')).toEqual(['es']);
    expect(await found('discriminaciones')).toEqual(['es', 'esPlain']);
    // English as before.
    expect(await found('benefits')).toEqual(['en']);
    expect(await found('workers')).toEqual(['en']);
    // Across languages: one word shared, or alternatives in several; phrases and exclusions within each.
    expect(await found('migrants')).toEqual(['en', 'es', 'fr']);
    expect(await found('travailleurs OR trabajadores OR workers')).toEqual(['en', 'es', 'esPlain', 'fr', 'frPlain']);
    expect(await found('"protection sociale"')).toEqual(['fr']);
    expect(await found('trabajador -discriminación')).toEqual([]);
    expect(await found('trabajador -salarial')).toEqual(['es']);
    expect(await found('arbeiter')).toEqual([]);

    // While the round is open (AFTER_CLOSE), a constituent finds only its own organization's comments.
    expect(await found('travailleurs', wrk1)).toEqual(['fr']);
    expect(await found('discriminacion', gov1)).toEqual([]);
    expect(await found('discriminacion', gov2)).toEqual(['esPlain']);
    expect(await found('migrants', w.tokens.observer)).toEqual([]);
    await w.close(round.instrument.id);
    expect(await found('travailleurs', wrk1)).toEqual(['fr', 'frPlain']);
    expect(await found('discriminacion', gov1)).toEqual(['es', 'esPlain']);
  });
});
