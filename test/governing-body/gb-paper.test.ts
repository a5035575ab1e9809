import { ok } from '@tripartite/testing';
import { G, GbWorld, MQ, draftMarkdown, inDays } from './gb-fixtures';

const SCRIPT = '<script>alert(1)</script>';

/** The numbered paragraphs of a Markdown paper: number -> text. */
function paragraphs(markdown: string): Map<number, string> {
  return new Map([...markdown.matchAll(/^(\d+)\. (.*)$/gm)].map((m) => [Number(m[1]), m[2]]));
}

describe('the Governing Body paper, rendered from an instrument taken through consultation and a meeting', () => {
  let gb: GbWorld;
  let instrumentId: string;
  let submissionId: string;
  let draft: { markdown: string; html: string };

  const document = async (format: 'MARKDOWN' | 'HTML', token?: string, language?: 'EN' | 'FR' | 'ES') =>
    ok(await gb.gql(G.document, { i: instrumentId, f: format, l: language }, token)).instrument.submission.document as string;
  const inLanguages = async () => ({
    fr: await document('MARKDOWN', undefined, 'FR'),
    es: await document('HTML', undefined, 'ES'),
  });

  beforeAll(async () => {
    gb = await GbWorld.start();
    const { w } = gb;
    const { people, tokens } = w;

    const created = (await gb.staff(G.createInstrument, { r: 'GBP/1', t: `Guidelines ${SCRIPT}`, s: 'To test **the** paper.' })).createInstrument;
    instrumentId = created.id;
    const versionId = created.versions[0].id;
    await gb.staff(MQ.import, { v: versionId, md: draftMarkdown(3) });
    const guidelines = (await gb.staff(MQ.publish, { v: versionId })).publishVersion.guidelines;
    const round = (await gb.staff(MQ.consult, { in: { instrumentId, versionId, closesAt: inDays(1) } })).scheduleConsultation;
    await w.advance(instrumentId, 'CONSULTATION');
    const comment = async (token: string, guideline: number | null, type: string, body: string) =>
      ok(await gb.gql(G.comment, { in: { roundId: round.id, guidelineId: guideline === null ? null : guidelines[guideline].id, type, body } }, token))
        .submitComment.id;
    const comments = [
      [await comment(tokens.constituents.GOVERNMENT[0], 0, 'TECHNICAL', 'Clearer, please.'), 'ACCEPTED'],
      [await comment(tokens.constituents.GOVERNMENT[1], 0, 'GENERAL', 'We support it.'), 'NOTED'],
      [await comment(tokens.constituents.EMPLOYERS[0], null, 'EDITORIAL', 'Use "should" throughout.'), 'PARTIALLY_ACCEPTED'],
      [await comment(tokens.constituents.WORKERS[0], 1, 'TECHNICAL', `Secret comment ${SCRIPT}`), 'NOT_ACCEPTED'],
    ];
    await w.advance(instrumentId, 'CONSOLIDATION', 'Closed early for the paper test');
    for (const [id, d] of comments) await gb.staff(G.dispose, { c: id, d });

    const meeting = await w.schedule({ instrumentId, versionId, guidelines }, { title: `Experts ${SCRIPT}`, venue: 'Geneva | Palais' });
    ok(await gb.gql(MQ.assignModerator, { m: meeting.id, u: people.moderator.id }));
    ok(await w.addParticipant(meeting.id, people.constituents.GOVERNMENT[0].id, 'GOVERNMENT', 'SPOKESPERSON'));
    ok(await w.addParticipant(meeting.id, people.constituents.GOVERNMENT[1].id, 'GOVERNMENT', 'EXPERT'));
    ok(await w.addParticipant(meeting.id, people.constituents.EMPLOYERS[0].id, 'EMPLOYERS', 'SPOKESPERSON'));
    ok(await w.addParticipant(meeting.id, people.constituents.WORKERS[0].id, 'WORKERS', 'SPOKESPERSON'));
    // An observer does not vote: the paper counts the voting members.
    ok(await w.addParticipant(meeting.id, people.constituents.EMPLOYERS[1].id, 'EMPLOYERS', 'OBSERVER'));
    await w.advance(instrumentId, 'EXPERTS_MEETING');
    await w.mod(MQ.openMeeting, { m: meeting.id });
    const [adopted, amended, rejected] = meeting.agenda.map((i: any) => i.id);

    await w.discussed(adopted, { GOVERNMENT: 'SUPPORT', WORKERS: 'SUPPORT' });
    await w.mod(MQ.position, { i: adopted, g: 'EMPLOYERS', p: 'RESERVATION', s: `Only with care ${SCRIPT} **loud**` });
    await w.mod(MQ.closeItem, { i: adopted, s: 'ADOPTED' });

    await w.discussed(amended, { GOVERNMENT: 'SUPPORT', EMPLOYERS: 'SUPPORT', WORKERS: 'SUPPORT' });
    const amendment = (await w.mod(MQ.propose, { i: amended, g: 'WORKERS', t: 'Amended text of the second guideline.' })).proposeAmendment;
    for (const g of ['GOVERNMENT', 'EMPLOYERS', 'WORKERS']) await w.mod(MQ.amendmentPosition, { a: amendment.id, g, p: 'SUPPORT' });
    await w.mod(MQ.decide, { a: amendment.id, s: 'ACCEPTED' });
    await w.mod(MQ.closeItem, { i: amended, s: 'ADOPTED_AS_AMENDED' });

    await w.discussed(rejected, { GOVERNMENT: 'SUPPORT', EMPLOYERS: 'OPPOSE', WORKERS: 'SUPPORT' });
    await w.mod(MQ.vote, {
      i: rejected,
      v: [
        { group: 'GOVERNMENT', inFavour: 1, against: 1, abstentions: 0 },
        { group: 'EMPLOYERS', inFavour: 0, against: 1, abstentions: 0 },
        { group: 'WORKERS', inFavour: 1, against: 0, abstentions: 0 },
      ],
    });
    await w.mod(MQ.closeItem, { i: rejected, s: 'NOT_ADOPTED' });
    await w.mod(MQ.closeMeeting, { m: meeting.id });
    ok(await gb.gql(MQ.adoptReport, { m: meeting.id }));
    await w.advance(instrumentId, 'GB_SUBMISSION');

    // Its papers were due yesterday: this one will be late.
    const session = await gb.session(10, inDays(-1));
    submissionId = (
      await gb.prepare(instrumentId, session.id, {
        symbol: 'GB.301/INS/9',
        agendaItemTitle: `Outcome ${SCRIPT}`,
        pointForDecision: `The Governing Body approves the guidelines ${SCRIPT} [click](http://evil.example).`,
      })
    ).id;
    draft = { markdown: await document('MARKDOWN'), html: await document('HTML') };
  }, 60_000);
  afterAll(() => gb.stop());

  it('numbers its paragraphs 1, 2, 3 ... and names the draft decision paragraph as the point for decision', () => {
    const numbered = paragraphs(draft.markdown);
    const numbers = [...numbered.keys()];
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    const point = Number(/^Point for decision: Paragraph (\d+)\.$/m.exec(draft.markdown)![1]);
    expect(numbered.get(point)).toMatch(/^The Governing Body approves the guidelines/);
    expect(draft.html).toContain(`<p>Point for decision: Paragraph ${point}.</p>`);
    expect(draft.html).toContain(`<ol start="${point}">`);
  });

  it('reports the consultation and the meeting from the data', () => {
    const md = draft.markdown;
    expect(md).toContain('**GB.301/INS/9**');
    expect(md).toContain(
      'It invited 6 organizations (Government 2, Employers 2, Workers 2); 4 of them submitted comments (Government 2, Employers 1, Workers 1).',
    );
    expect(md).toContain(
      'Round 1 received 4 comments: Government 2 (1 general, 1 technical); Employers 1 (1 editorial); Workers 1 (1 technical). Of these, 1 was accepted, 1 partially accepted, 1 not accepted and 1 noted.',
    );
    expect(md).toContain('with 4 voting members (Government 2, Employers 1, Workers 1)');
    expect(md).toContain('it adopted 1, adopted 1 as amended (1.2), did not adopt 1 (1.3) and deferred 0.');
    expect(md).toMatch(/The Employers' group expressed a reservation on guideline 1\.1 \(“Only with care .*”\)\./);
    expect(md).toContain('It decided by consensus, except on guideline 1.3, which it decided by a vote.');
    expect(md).toContain("At the meeting, the Workers' group proposed an amendment to guideline 1.2, which was accepted.");
    expect(md).toContain(
      'The vote on guideline 1.3: Government: for 1, against 1, abstentions 0; Employers: for 0, against 1, abstentions 0; Workers: for 1, against 0, abstentions 0. ' +
        'Weighted so that the three groups had equal strength, 3 in favour and 3 against; the proposal was not carried.',
    );
    expect(md).toContain('*(As amended.)* Amended text of the second guideline.');
    expect(md).toContain('*Not adopted by the meeting.*');
    expect(md).toContain('| 1.1 | Government 2 (1 accepted, 1 noted) | Government: support; Employers: reservation; Workers: support | Adopted |');
    expect(md).toContain('| General comments | Employers 1 (1 partially accepted) | — | — |');
  });

  it('escapes every value people typed: no script, link or emphasis of theirs reaches the HTML', () => {
    expect(draft.html).not.toMatch(/<script|<a |<strong>loud|<strong>the/);
    for (const where of [
      `<h1>Outcome &lt;script&gt;`,
      `Guidelines &lt;script&gt;alert(1)&lt;/script&gt;`,
      `Experts &lt;script&gt;`,
      `Only with care &lt;script&gt;alert(1)&lt;/script&gt; **loud**`,
      `[click](http://evil.example)`,
    ]) {
      expect(draft.html).toContain(where);
    }
    // A venue with "|" does not split a cell; the text of comments is not in the paper at all.
    expect(draft.markdown).toContain('in Geneva \\| Palais');
    expect(draft.markdown).not.toContain('Secret comment');
  });

  it("answers the DRAFT in French and Spanish, with the Office's fixed phrases and the same data", async () => {
    const { fr, es } = await inLanguages();
    const point = /^Point for decision: Paragraph (\d+)\.$/m.exec(draft.markdown)![1];
    expect(fr).toContain(`\nPoint appelant une décision: paragraphe ${point}.\n`);
    expect(fr).toContain("**Conseil d'administration**");
    expect(fr).toContain(
      "6 organisations y ont été invitées (Gouvernements 2, Employeurs 2, Travailleurs 2); 4 d'entre elles ont présenté des commentaires (Gouvernements 2, Employeurs 1, Travailleurs 1).",
    );
    expect(fr).toContain(
      "Le cycle 1 a reçu 4 commentaires: Gouvernements 2 (1 d'ordre général, 1 technique); Employeurs 1 (1 rédactionnel); Travailleurs 1 (1 technique).",
    );
    expect(fr).toMatch(/Le groupe des employeurs a exprimé une réserve sur la ligne directrice 1\.1 \(«\u00a0Only with care .*\u00a0»\)\./);
    expect(fr).toContain(draft.markdown.split('\n').find((l) => l.includes('The Governing Body approves the guidelines')));

    expect(es).toMatch(/^<!doctype html>\n<html lang="es">/);
    expect(es).toContain(`<p>Punto que requiere decisión: párrafo ${point}.</p>`);
    expect(es).toContain('<p><strong>Consejo de Administración</strong></p>');
    expect(es).toContain(
      'El Grupo de los Empleadores expresó una reserva sobre la directriz 1.1 («Only with care &lt;script&gt;alert(1)&lt;/script&gt; **loud**»).',
    );
    expect(es).not.toMatch(/<script|<a |<strong>loud/);
  });

  it('quotes a guideline in the language asked where its translation is CURRENT, and the original where there is none', async () => {
    const [g] = await gb.w.api.db.query<{ id: string; text: string }>(
      `SELECT g.id, g.text FROM guideline g JOIN draft_version v ON v.id = g.version_id WHERE v.instrument_id = $1 AND g.key = '1.1'`,
      [instrumentId],
    );
    const french = 'Les États Membres devraient appliquer ce principe directeur.';
    await gb.staff(`mutation($g: ID!, $t: String!) { setGuidelineTranslation(guidelineId: $g, language: FR, text: $t) { id } }`, { g: g.id, t: french });
    const { fr, es } = await inLanguages();
    expect(fr).toContain(french);
    expect(fr).not.toContain(g.text);
    // No Spanish translation: the Spanish paper quotes the original.
    expect(es).toContain(g.text);
    expect(await document('MARKDOWN')).not.toContain(french);
  });

  it('renders live from the data while a DRAFT, then freezes at submission: the same bytes whatever changes later', async () => {
    await gb.w.api.db.query(`UPDATE instrument SET summary = 'A newer summary.' WHERE id = $1`, [instrumentId]);
    expect(await document('MARKDOWN')).toContain('The purpose of the instrument: A newer summary.');

    const submitted = ok(await gb.gql(G.submit, { id: submissionId })).submitToGoverningBody;
    expect(submitted).toMatchObject({ status: 'SUBMITTED', late: true });
    const frozen = { markdown: await document('MARKDOWN'), html: await document('HTML') };
    const dayIn = (locale: string) =>
      new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(submitted.submittedAt));
    const day = dayIn('en-GB');
    expect(frozen.markdown).toContain(`Geneva, ${day}.`);
    expect(frozen.markdown).toContain('A newer summary.');
    const translated = await inLanguages();
    // French writes the first of the month "1er".
    expect(translated.fr).toContain(`Genève, le ${dayIn('fr-FR').replace(/^1 /, '1er ')}.`);
    expect(translated.es).toContain(`<p>Ginebra, ${dayIn('es-ES')}.</p>`);
    expect(translated.fr).toContain("Objet de l'instrument: A newer summary.");
    expect(translated.es).toContain('Objeto del instrumento: A newer summary.');

    await gb.w.api.db.query(`UPDATE instrument SET summary = 'Changed after submission.' WHERE id = $1`, [instrumentId]);
    await gb.w.api.db.query(`UPDATE comment SET disposition = 'ACCEPTED' WHERE round_id IN (SELECT id FROM consultation_round WHERE instrument_id = $1)`, [
      instrumentId,
    ]);
    await gb.w.api.db.query(`UPDATE experts_meeting SET venue = 'Elsewhere' WHERE instrument_id = $1`, [instrumentId]);
    expect(await document('MARKDOWN')).toBe(frozen.markdown);
    expect(await document('HTML')).toBe(frozen.html);
    expect(await inLanguages()).toEqual(translated);
    // Everyone who may read the instrument reads the same paper.
    expect(await document('HTML', gb.tokens.observer)).toBe(frozen.html);
    expect(await document('HTML', gb.tokens.observer, 'ES')).toBe(translated.es);
  });

  it('reads a paper frozen before papers had languages in English, whatever the language asked', async () => {
    const english = { markdown: await document('MARKDOWN'), html: await document('HTML') };
    await gb.w.api.db.query(`UPDATE gb_submission SET document_translations = NULL WHERE id = $1`, [submissionId]);
    expect(await document('MARKDOWN', undefined, 'FR')).toBe(english.markdown);
    expect(await document('HTML', undefined, 'ES')).toBe(english.html);
  });
});
