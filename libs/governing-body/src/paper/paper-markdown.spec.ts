import type { PaperData, PaperItem } from './paper-data';
import { formatDate, formatDateRange, listOf, md, mdBlock, ordinal } from './paper-format';
import { renderPaperHtml } from './paper-html';
import { renderPaperMarkdown } from './paper-markdown';

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
  const point = /^Point for decision: paragraph (\d+)\.$/m.exec(markdown);
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
    expect(markdown).toContain('was held in Geneva on 5–7 April 2027, with 4 participants (Government 2, Employers 1, Workers 1).');
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
    expect(markdown).toContain('Date: 3 March 2027');
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

  it('writes dates, ranges and ordinals', () => {
    expect(formatDate(new Date('2027-03-03T00:00:00Z'))).toBe('3 March 2027');
    expect(formatDateRange(new Date('2027-03-16T08:00:00Z'), new Date('2027-03-26T18:00:00Z'))).toBe('16–26 March 2027');
    expect(formatDateRange(new Date('2027-02-28T08:00:00Z'), new Date('2027-03-02T18:00:00Z'))).toBe('28 February – 2 March 2027');
    expect(formatDateRange(new Date('2026-12-30T08:00:00Z'), new Date('2027-01-02T18:00:00Z'))).toBe('30 December 2026 – 2 January 2027');
    expect(formatDateRange(new Date('2027-03-03T08:00:00Z'), new Date('2027-03-03T18:00:00Z'))).toBe('3 March 2027');
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111, 294].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '101st',
      '111th',
      '294th',
    ]);
    expect(listOf(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
