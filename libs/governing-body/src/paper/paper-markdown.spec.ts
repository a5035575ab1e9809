import type { Language } from '@tripartite/domain';
import type { PaperData, PaperItem } from './paper-data';
import { formatDate, formatDateRange, listOf, md, mdBlock } from './paper-format';
import { renderPaperHtml } from './paper-html';
import { agendaItemHeading, renderPaperMarkdown } from './paper-markdown';

const item = (number: string, extra: Partial<PaperItem> = {}): PaperItem => ({
  key: number,
  number,
  title: `Title ${number}`,
  sectionNumber: 'I',
  sectionHeading: 'First section',
  text: `Text of ${number}.`,
  status: 'ADOPTED',
  finalText: `Text of ${number}.`,
  positions: [
    { group: 'GOVERNMENT', position: 'SUPPORT', statement: null },
    { group: 'EMPLOYERS', position: 'SUPPORT', statement: null },
    { group: 'WORKERS', position: 'SUPPORT', statement: null },
  ],
  ...extra,
});

const round = (number: number) => ({
  number,
  versionNumber: number,
  opensAt: new Date(`2027-0${number}-01T09:00:00Z`),
  closesAt: new Date(`2027-0${number}-20T17:00:00Z`),
  closedAt: new Date(`2027-0${number}-20T17:00:00Z`),
  invited: { GOVERNMENT: 2, EMPLOYERS: 1, WORKERS: 1 },
  responding: { GOVERNMENT: 1, WORKERS: 1 },
});

function paper(extra: Partial<PaperData> = {}): PaperData {
  return {
    date: new Date('2027-05-03T10:00:00Z'),
    session: { number: 351, startsAt: new Date('2027-06-01T08:00:00Z'), endsAt: new Date('2027-06-10T18:00:00Z') },
    symbol: 'GB.351/3',
    agendaItem: null,
    agendaItemTitle: 'Guidelines on something',
    pointForDecision: 'The Governing Body approves the guidelines.',
    instrument: { reference: 'REF/1', title: 'Guidelines', summary: 'Why they exist' },
    rounds: [round(1)],
    comments: [
      { round: 1, guidelineKey: '1.1', group: 'GOVERNMENT', type: 'TECHNICAL', disposition: 'ACCEPTED' },
      { round: 1, guidelineKey: '1.1', group: 'WORKERS', type: 'EDITORIAL', disposition: null },
      { round: 1, guidelineKey: null, group: 'GOVERNMENT', type: 'GENERAL', disposition: 'NOTED' },
    ],
    meeting: {
      title: 'Meeting of experts',
      venue: 'Geneva',
      startsAt: new Date('2027-04-05T08:00:00Z'),
      endsAt: new Date('2027-04-07T17:00:00Z'),
      decisionRule: 'CONSENSUS',
      participants: { GOVERNMENT: 2, EMPLOYERS: 1, WORKERS: 1 },
      items: [item('1.1'), item('1.2')],
    },
    ...extra,
  };
}

/** The numbers of the numbered paragraphs, in order, and the paragraph the point for decision names. */
function numbering(markdown: string) {
  const numbers = [...markdown.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]));
  const point = /^Point for decision: Paragraph (\d+)\.$/m.exec(markdown);
  return { numbers, point: point ? Number(point[1]) : null };
}

const EVIL = '<script>alert(1)</script> **bold** [link](http://evil.example) `code` a|b &amp; #tag';

describe('renderPaperMarkdown', () => {
  it('numbers paragraphs 1, 2, 3 ... and names the draft decision paragraph as the point for decision', () => {
    for (const data of [
      paper(),
      paper({ rounds: [round(1), round(2)], instrument: { reference: 'R', title: 'T', summary: null } }),
      paper({
        meeting: {
          ...paper().meeting,
          items: [item('1.1', { positions: [{ group: 'EMPLOYERS', position: 'RESERVATION', statement: 'We doubt it.' }] }), item('1.2')],
        },
      }),
    ]) {
      const markdown = renderPaperMarkdown(data);
      const { numbers, point } = numbering(markdown);
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
      const decisionLine = markdown.split('\n').find((l) => l.endsWith(data.pointForDecision));
      expect(decisionLine).toBe(`${point}. ${data.pointForDecision}`);
      expect(point).toBe(numbers[numbers.length - 1]);
    }
  });

  it('gives the same bytes for the same data', () => {
    expect(renderPaperMarkdown(paper())).toBe(renderPaperMarkdown(paper()));
  });

  it('counts comments per group and type, and dispositions, per round', () => {
    const markdown = renderPaperMarkdown(paper());
    expect(markdown).toContain('Round 1 received 3 comments: Government 2 (1 general, 1 technical); Workers 1 (1 editorial).');
    expect(markdown).toContain('Of these, 1 was accepted, 0 partially accepted, 0 not accepted and 1 noted; 1 comment has no disposition.');
    expect(markdown).toContain('It invited 4 organizations (Government 2, Employers 1, Workers 1); 2 of them submitted comments (Government 1, Workers 1).');
    expect(renderPaperMarkdown(paper({ comments: [] }))).toContain('No comments were received in round 1.');
  });

  it('reports the meeting: dates, venue, participants, outcomes and reservations quoted by group', () => {
    const data = paper();
    data.meeting.items = [
      item('1.1', { positions: [{ group: 'WORKERS', position: 'RESERVATION', statement: 'Only with care.' }] }),
      item('1.2', { status: 'ADOPTED_AS_AMENDED', finalText: 'Amended text.' }),
      item('1.3', { status: 'NOT_ADOPTED', finalText: null }),
      item('1.4', { status: 'DEFERRED', finalText: null }),
    ];
    const markdown = renderPaperMarkdown(data);
    expect(markdown).toContain('was held in Geneva on 5–7 April 2027, with 4 voting members (Government 2, Employers 1, Workers 1).');
    expect(markdown).toContain('it adopted 1, adopted 1 as amended (1.2), did not adopt 1 (1.3) and deferred 1 (1.4).');
    expect(markdown).toContain("The Workers' group expressed a reservation on guideline 1.1 (“Only with care.”).");
    expect(markdown).toContain('**1.2 Title 1.2.** *(As amended.)* Amended text.');
    expect(markdown).toContain('**1.3 Title 1.3.** *Not adopted by the meeting.*');
    expect(markdown).toContain('**1.4 Title 1.4.** *Deferred by the meeting.*');
    expect(markdown).toContain(
      '| 1.1 Title 1.1 | Government 1 (1 accepted); Workers 1 (1 without disposition) | Government: none stated; Employers: none stated; Workers: reservation | Adopted |',
    );
    expect(markdown).toContain('| General comments | Government 1 (1 noted) | — | — |');
    expect(renderPaperMarkdown(paper())).toContain('No group expressed a reservation.');
  });

  it('writes dates in UTC, and the session header with its ordinal', () => {
    const markdown = renderPaperMarkdown(paper({ date: new Date('2027-03-03T23:59:59Z') }));
    expect(markdown).toContain('**351st Session, 1–10 June 2027**');
    expect(markdown).toContain('Geneva, 3 March 2027.');
  });

  it('keeps values people typed literal: no HTML, emphasis, links, code or extra table cells', () => {
    const data = paper({ symbol: EVIL, agendaItemTitle: EVIL, pointForDecision: `1. ${EVIL}` });
    data.instrument = { reference: EVIL, title: EVIL, summary: EVIL };
    data.meeting = {
      ...data.meeting,
      title: EVIL,
      venue: EVIL,
      items: [item('1.1', { title: EVIL, positions: [{ group: 'GOVERNMENT', position: 'RESERVATION', statement: EVIL }] })],
    };
    const markdown = renderPaperMarkdown(data);
    const html = renderPaperHtml(markdown, EVIL);

    expect(html).not.toMatch(/<script|<a |<strong>bold|<code>|<em>bold|<h1>tag/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; **bold** [link](http://evil.example) `code` a|b &amp;amp; #tag');
    // Every matrix row keeps its four cells although the title holds a "|".
    const rows = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>')).split('<tr>').slice(1);
    expect(rows.map((r) => r.match(/<td>/g)?.length)).toEqual([4, 4]);
    // The draft decision starting with "1." stays one paragraph, not a nested list.
    const { point } = numbering(markdown);
    expect(html).toContain(`<ol start="${point}">\n<li>1. &lt;script&gt;`);
  });

  it('renders guideline texts as the Markdown they are written in, with raw HTML escaped', () => {
    const data = paper();
    data.meeting.items = [item('1.1', { finalText: 'Text with *emphasis* and <img src=x onerror=alert(1)>.' })];
    const html = renderPaperHtml(renderPaperMarkdown(data), 'x');
    expect(html).toContain('<em>emphasis</em>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });
});

describe('paper formatting', () => {
  it('escapes Markdown in values', () => {
    expect(md('  a\n\n*b*  ')).toBe('a \\*b\\*');
    expect(md('GB.350/INS/5')).toBe('GB.350/INS/5');
    expect(mdBlock('1. first')).toBe('1\\. first');
    expect(mdBlock('- item')).toBe('\\- item');
    expect(mdBlock('12 items')).toBe('12 items');
  });

  it('writes dates and ranges', () => {
    expect(formatDate(new Date('2027-03-03T00:00:00Z'))).toBe('3 March 2027');
    expect(formatDateRange(new Date('2027-03-16T08:00:00Z'), new Date('2027-03-26T18:00:00Z'))).toBe('16–26 March 2027');
    expect(formatDateRange(new Date('2027-02-28T08:00:00Z'), new Date('2027-03-02T18:00:00Z'))).toBe('28 February – 2 March 2027');
    expect(formatDateRange(new Date('2026-12-30T08:00:00Z'), new Date('2027-01-02T18:00:00Z'))).toBe('30 December 2026 – 2 January 2027');
    expect(formatDateRange(new Date('2027-03-03T08:00:00Z'), new Date('2027-03-03T18:00:00Z'))).toBe('3 March 2027');
    expect(listOf(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('writes dates, ranges and lists in French and Spanish', () => {
    const range = (a: string, b: string, l: 'FR' | 'ES') => formatDateRange(new Date(a), new Date(b), l);
    expect(formatDate(new Date('2004-10-26T12:00:00Z'), 'FR')).toBe('26 octobre 2004');
    expect(formatDate(new Date('2004-10-26T12:00:00Z'), 'ES')).toBe('26 de octubre de 2004');
    expect(range('2027-03-16T08:00:00Z', '2027-03-26T18:00:00Z', 'FR')).toBe('16–26 mars 2027');
    expect(range('2027-03-16T08:00:00Z', '2027-03-26T18:00:00Z', 'ES')).toBe('16–26 de marzo de 2027');
    expect(range('2027-02-28T08:00:00Z', '2027-03-02T18:00:00Z', 'FR')).toBe('28 février – 2 mars 2027');
    expect(range('2027-02-28T08:00:00Z', '2027-03-02T18:00:00Z', 'ES')).toBe('28 de febrero – 2 de marzo de 2027');
    expect(range('2026-12-30T08:00:00Z', '2027-01-02T18:00:00Z', 'ES')).toBe('30 de diciembre de 2026 – 2 de enero de 2027');
    expect(formatDate(new Date('2027-03-01T12:00:00Z'), 'FR')).toBe('1er mars 2027');
    expect(range('2027-06-01T08:00:00Z', '2027-06-10T18:00:00Z', 'FR')).toBe('1er–10 juin 2027');
    expect(range('2027-05-01T08:00:00Z', '2027-06-01T18:00:00Z', 'FR')).toBe('1er mai – 1er juin 2027');
    expect(range('2027-06-01T08:00:00Z', '2027-06-10T18:00:00Z', 'ES')).toBe('1–10 de junio de 2027');
    expect(formatDate(new Date('2027-03-01T12:00:00Z'))).toBe('1 March 2027');
    expect(listOf(['a', 'b', 'c'], 'FR')).toBe('a, b et c');
    expect(listOf(['a', 'b', 'c'], 'ES')).toBe('a, b y c');
  });
});

describe('the paper in English, French and Spanish', () => {
  const lines = (language: Language, data = paper()) => renderPaperMarkdown(data, language).split('\n');

  it("closes the draft decision with the Office's point for decision in each language", () => {
    const data = paper();
    const { point } = numbering(renderPaperMarkdown(data));
    expect(point).toBe(8);
    expect(lines('EN', data)).toContain('Point for decision: Paragraph 8.');
    expect(lines('FR', data)).toContain('Point appelant une décision: paragraphe 8.');
    expect(lines('ES', data)).toContain('Punto que requiere decisión: párrafo 8.');
  });

  it("heads the paper with the Office's name, the Governing Body, the session and FOR DECISION", () => {
    expect(lines('EN').slice(0, 9)).toEqual([
      '**International Labour Office**',
      '',
      '**Governing Body**',
      '',
      '**351st Session, 1–10 June 2027**',
      '',
      '**GB.351/3**',
      '',
      '**FOR DECISION**',
    ]);
    expect(
      lines('FR')
        .filter((l) => l.startsWith('**'))
        .slice(0, 5),
    ).toEqual([
      '**Bureau international du Travail**',
      "**Conseil d'administration**",
      '**351e session, 1er–10 juin 2027**',
      '**GB.351/3**',
      '**POUR DÉCISION**',
    ]);
    expect(
      lines('ES')
        .filter((l) => l.startsWith('**'))
        .slice(0, 5),
    ).toEqual([
      '**Oficina Internacional del Trabajo**',
      '**Consejo de Administración**',
      '**351.ª reunión, 1–10 de junio de 2027**',
      '**GB.351/3**',
      '**PARA DECISIÓN**',
    ]);
  });

  it('numbers the session in each language: 1st, 2nd, 3rd, 11th, 21st; 1re, 2e; 1.ª', () => {
    const header = (number: number, language: Language) =>
      lines(language, paper({ session: { ...paper().session, number } })).find((l) => /Session|session|reunión/.test(l));
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111, 294].map((n) => header(n, 'EN')!.replace(/ Session.*/, ''))).toEqual(
      ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st', '111th', '294th'].map((o) => `**${o}`),
    );
    expect([1, 2, 356].map((n) => header(n, 'FR')!.replace(/ session.*/, ''))).toEqual(['**1re', '**2e', '**356e']);
    expect([1, 356].map((n) => header(n, 'ES')!.replace(/ reunión.*/, ''))).toEqual(['**1.ª', '**356.ª']);
  });

  it('dates the paper at Geneva in each language', () => {
    const data = paper({ date: new Date('2004-10-26T12:00:00Z') });
    expect(lines('EN', data)).toContain('Geneva, 26 October 2004.');
    expect(lines('FR', data)).toContain('Genève, le 26 octobre 2004.');
    expect(lines('ES', data)).toContain('Ginebra, 26 de octubre de 2004.');
  });

  it('names the groups as the Office does, and counts with plurals', () => {
    const data = paper();
    data.meeting.items = [
      item('1.1', { positions: [{ group: 'GOVERNMENT', position: 'RESERVATION', statement: null }] }),
      item('1.2', {
        positions: [
          { group: 'EMPLOYERS', position: 'RESERVATION', statement: 'Non.' },
          { group: 'WORKERS', position: 'RESERVATION', statement: null },
        ],
      }),
    ];
    const fr = renderPaperMarkdown(data, 'FR');
    expect(fr).toContain('Le groupe gouvernemental a exprimé une réserve sur la ligne directrice 1.1.');
    expect(fr).toContain('Le groupe des employeurs a exprimé une réserve sur la ligne directrice 1.2 («\u00a0Non.\u00a0»).');
    expect(fr).toContain('Le groupe des travailleurs a exprimé une réserve');
    expect(fr).toContain("Le cycle 1 a reçu 3 commentaires: Gouvernements 2 (1 d'ordre général, 1 technique); Travailleurs 1 (1 rédactionnel).");
    expect(fr).toContain(
      "Parmi ceux-ci, 1 a été accepté, 0 partiellement accepté, 0 non accepté et 1 pris en note; 1 commentaire n'a fait l'objet d'aucune suite.",
    );
    const es = renderPaperMarkdown(data, 'ES');
    expect(es).toContain('El Grupo Gubernamental expresó una reserva sobre la directriz 1.1.');
    expect(es).toContain('El Grupo de los Empleadores expresó una reserva sobre la directriz 1.2 («Non.»).');
    expect(es).toContain('El Grupo de los Trabajadores expresó una reserva');
    expect(es).toContain('En la ronda 1 se recibieron 3 comentarios: Gobiernos 2 (1 general, 1 técnico); Trabajadores 1 (1 de redacción).');
    expect(es).toContain('La reunión examinó 2 directrices: adoptó 2, adoptó 0 con enmiendas, no adoptó 0 y aplazó 0.');
    const en = renderPaperMarkdown(data);
    expect(en).toContain("The Employers' group expressed a reservation on guideline 1.2 (“Non.”).");
  });

  it('states how the meeting decided, consensus or vote, in each language', () => {
    const vote = paper({ meeting: { ...paper().meeting, decisionRule: 'GROUP_WEIGHTED_VOTE' } });
    expect(renderPaperMarkdown(paper(), 'FR')).toContain('Elle a pris ses décisions par consensus.');
    expect(renderPaperMarkdown(vote, 'ES')).toContain('mediante una votación en la que los tres grupos tenían el mismo peso.');
    expect(renderPaperMarkdown(paper(), 'FR')).toContain("et invite le Conseil d'administration à se prononcer sur le texte adopté par la réunion");
    expect(renderPaperMarkdown(paper(), 'ES')).toContain('e invita al Consejo de Administración a pronunciarse sobre el texto adoptado por la reunión');
  });

  it('says "by consensus" alone when no vote took place, and names the guidelines decided by a vote when some were', () => {
    const consensus = paper();
    const oneVote = paper({ meeting: { ...paper().meeting, items: [item('1.1'), item('1.2', { voted: true })] } });
    const twoVotes = paper({ meeting: { ...paper().meeting, items: [item('1.1', { voted: true }), item('1.2', { voted: true })] } });
    for (const language of ['EN', 'FR', 'ES'] as Language[]) {
      expect(renderPaperMarkdown(consensus, language)).not.toMatch(/vote|votación/);
    }
    expect(renderPaperMarkdown(consensus)).toContain('. It decided by consensus.\n');
    expect(renderPaperMarkdown(oneVote)).toContain('It decided by consensus, except on guideline 1.2, which it decided by a vote.');
    expect(renderPaperMarkdown(twoVotes)).toContain('It decided by consensus, except on guidelines 1.1 and 1.2, which it decided by a vote.');
    expect(renderPaperMarkdown(oneVote, 'FR')).toContain('Elle a pris ses décisions par consensus, sauf sur la ligne directrice 1.2, tranchée par un vote.');
    expect(renderPaperMarkdown(twoVotes, 'FR')).toContain('sauf sur les lignes directrices 1.1 et 1.2, tranchées par un vote.');
    expect(renderPaperMarkdown(oneVote, 'ES')).toContain('Adoptó sus decisiones por consenso, salvo sobre la directriz 1.2, que se decidió por votación.');
    expect(renderPaperMarkdown(twoVotes, 'ES')).toContain('salvo sobre las directrices 1.1 y 1.2, que se decidieron por votación.');
  });

  it('gives the figures of each vote: every group for, against and abstaining, the weighted result and the outcome', () => {
    const registered = { GOVERNMENT: 2, EMPLOYERS: 1, WORKERS: 1 };
    const tie = {
      registered,
      votes: [
        { group: 'GOVERNMENT' as const, inFavour: 1, against: 1, abstentions: 0 },
        { group: 'EMPLOYERS' as const, inFavour: 1, against: 0, abstentions: 0 },
        { group: 'WORKERS' as const, inFavour: 0, against: 1, abstentions: 0 },
      ],
    };
    const carried = { ...tie, votes: [{ group: 'GOVERNMENT' as const, inFavour: 2, against: 0, abstentions: 0 }, ...tie.votes.slice(1)] };
    const data = paper({ meeting: { ...paper().meeting, items: [item('1.1', { voted: true, vote: carried }), item('1.2', { voted: true, vote: tie })] } });
    const en = renderPaperMarkdown(data);
    expect(en).toContain(
      '. The vote on guideline 1.1: Government: for 2, against 0, abstentions 0; Employers: for 1, against 0, abstentions 0; Workers: for 0, against 1, abstentions 0. ' +
        'Weighted so that the three groups had equal strength, 4 in favour and 2 against; the proposal was carried.',
    );
    expect(en).toContain('Weighted so that the three groups had equal strength, 3 in favour and 3 against; the proposal was not carried.');
    expect(renderPaperMarkdown(data, 'FR')).toContain(
      'Vote sur la ligne directrice 1.2: Gouvernements: pour 1, contre 1, abstentions 0; Employeurs: pour 1, contre 0, abstentions 0; Travailleurs: pour 0, contre 1, abstentions 0. ' +
        "Après pondération donnant aux trois groupes un poids égal, 3 voix pour et 3 voix contre; la proposition n'a pas été adoptée.",
    );
    expect(renderPaperMarkdown(data, 'ES')).toContain(
      'Con la ponderación que da a los tres grupos el mismo peso, 4 votos a favor y 2 en contra; la propuesta fue aprobada.',
    );
    const short = { registered, votes: [{ group: 'GOVERNMENT' as const, inFavour: 2, against: 0, abstentions: 0 }] };
    expect(renderPaperMarkdown(paper({ meeting: { ...paper().meeting, items: [item('1.1', { voted: true, vote: short })] } }))).toContain(
      'with no quorum, the proposal was not carried.',
    );
    expect(renderPaperMarkdown(paper())).not.toContain('The vote on');
  });

  it('lists the amendments proposed, with the group that proposed each and what became of it, in each language', () => {
    const data = paper({
      meeting: {
        ...paper().meeting,
        items: [
          item('1.1', { amendments: [{ proposedBy: 'WORKERS', status: 'ACCEPTED' }] }),
          item('1.2', {
            amendments: [
              { proposedBy: 'EMPLOYERS', status: 'REJECTED' },
              { proposedBy: 'GOVERNMENT', status: 'PROPOSED' },
            ],
          }),
        ],
      },
    });
    expect(renderPaperMarkdown(data)).toContain(
      "At the meeting, the Workers' group proposed an amendment to guideline 1.1, which was accepted, the Employers' group proposed an amendment to guideline 1.2, which was rejected and the Government group proposed an amendment to guideline 1.2, on which no decision was taken.",
    );
    expect(renderPaperMarkdown(data, 'FR')).toContain(
      'Au cours de la réunion, le groupe des travailleurs a proposé un amendement à la ligne directrice 1.1, qui a été accepté,',
    );
    expect(renderPaperMarkdown(data, 'ES')).toContain(
      'Durante la reunión, el Grupo de los Trabajadores propuso una enmienda a la directriz 1.1, que fue aceptada,',
    );
    expect(renderPaperMarkdown(paper())).not.toContain('proposed an amendment');
  });

  it('heads the paper with its agenda item in words, when it has one, above the title', () => {
    const data = paper({ agendaItem: 3 });
    const at = (language: Language) => {
      const all = lines(language, data);
      const title = all.indexOf('# Guidelines on something');
      return all.slice(title - 2, title + 1);
    };
    expect(at('EN')).toEqual(['**THIRD ITEM ON THE AGENDA**', '', '# Guidelines on something']);
    expect(at('FR')).toEqual(["**TROISIÈME QUESTION À L'ORDRE DU JOUR**", '', '# Guidelines on something']);
    expect(at('ES')).toEqual(['**TERCER PUNTO DEL ORDEN DEL DÍA**', '', '# Guidelines on something']);
    expect(renderPaperMarkdown(paper())).not.toContain('ITEM ON THE AGENDA');
  });

  it('writes the ordinals 1 to 99 in words in each language', () => {
    const en = (n: number) => agendaItemHeading(n).replace(' ITEM ON THE AGENDA', '');
    const fr = (n: number) => agendaItemHeading(n, 'FR').replace(" QUESTION À L'ORDRE DU JOUR", '');
    const es = (n: number) => agendaItemHeading(n, 'ES').replace(' PUNTO DEL ORDEN DEL DÍA', '');
    expect([1, 2, 3, 9, 12, 20, 21, 40, 58, 99].map(en)).toEqual([
      'FIRST',
      'SECOND',
      'THIRD',
      'NINTH',
      'TWELFTH',
      'TWENTIETH',
      'TWENTY-FIRST',
      'FORTIETH',
      'FIFTY-EIGHTH',
      'NINETY-NINTH',
    ]);
    expect([1, 2, 4, 5, 9, 11, 17, 21, 35, 60, 71, 72, 80, 81, 91, 99].map(fr)).toEqual([
      'PREMIÈRE',
      'DEUXIÈME',
      'QUATRIÈME',
      'CINQUIÈME',
      'NEUVIÈME',
      'ONZIÈME',
      'DIX-SEPTIÈME',
      'VINGT ET UNIÈME',
      'TRENTE-CINQUIÈME',
      'SOIXANTIÈME',
      'SOIXANTE ET ONZIÈME',
      'SOIXANTE-DOUZIÈME',
      'QUATRE-VINGTIÈME',
      'QUATRE-VINGT-UNIÈME',
      'QUATRE-VINGT-ONZIÈME',
      'QUATRE-VINGT-DIX-NEUVIÈME',
    ]);
    expect([1, 3, 7, 10, 11, 12, 13, 20, 21, 33, 99].map(es)).toEqual([
      'PRIMER',
      'TERCER',
      'SÉPTIMO',
      'DÉCIMO',
      'UNDÉCIMO',
      'DUODÉCIMO',
      'DECIMOTERCER',
      'VIGÉSIMO',
      'VIGÉSIMO PRIMER',
      'TRIGÉSIMO TERCER',
      'NONAGÉSIMO NOVENO',
    ]);
    expect(() => agendaItemHeading(0)).toThrow();
    expect(() => agendaItemHeading(100)).toThrow();
  });

  it('letters the sections of the body A., B., C., D. in each language, the appendices aside', () => {
    const h2 = (language: Language) => lines(language).filter((l) => l.startsWith('## '));
    expect(h2('EN')).toEqual([
      '## A. Background',
      '## B. The consultation',
      '## C. The tripartite meeting of experts',
      '## D. Draft decision',
      '## Appendix I. Text adopted by the meeting',
      '## Appendix II. Resolution matrix',
    ]);
    expect(h2('FR').slice(0, 4)).toEqual(['## A. Contexte', '## B. La consultation', "## C. La réunion tripartite d'experts", '## D. Projet de décision']);
    expect(h2('ES').slice(0, 4)).toEqual(['## A. Antecedentes', '## B. La consulta', '## C. La reunión tripartita de expertos', '## D. Proyecto de decisión']);
  });

  it('keeps values people typed literal in every language, i18next syntax included', () => {
    const data = paper({ agendaItemTitle: '{{count}} $t(office) <b>x</b>' });
    data.meeting = { ...data.meeting, title: '{{title}} $t(governingBody)' };
    for (const language of ['EN', 'FR', 'ES'] as const) {
      const markdown = renderPaperMarkdown(data, language);
      expect(markdown).toContain('# {{count}} $t(office) \\<b\\>x\\</b\\>');
      expect(markdown).toContain('{{title}} $t(governingBody)');
    }
  });

  it("quotes a guideline's translation where the item carries one, and the original where it does not", () => {
    const data = paper();
    data.meeting.items = [
      item('1.1', { translations: { FR: { title: 'Titre 1.1', text: 'Texte de 1.1.' } } }),
      item('1.2', { status: 'ADOPTED_AS_AMENDED', finalText: 'Amended 1.2.', translations: { FR: { title: 'Titre 1.2', text: 'Texte de 1.2.' } } }),
    ];
    const fr = renderPaperMarkdown(data, 'FR');
    expect(fr).toContain('**1.1 Titre 1.1.** Texte de 1.1.');
    expect(fr).toContain('**1.2 Titre 1.2.** *(Texte amendé.)* Amended 1.2.');
    expect(renderPaperMarkdown(data, 'ES')).toContain('**1.1 Title 1.1.** Text of 1.1.');
  });

  it('sets the HTML lang attribute to the language', () => {
    expect(renderPaperHtml(renderPaperMarkdown(paper(), 'FR'), 't', 'FR')).toContain('<html lang="fr">');
    expect(renderPaperHtml(renderPaperMarkdown(paper(), 'ES'), 't', 'ES')).toContain('<html lang="es">');
    expect(renderPaperHtml(renderPaperMarkdown(paper()), 't')).toContain('<html lang="en">');
  });
});
