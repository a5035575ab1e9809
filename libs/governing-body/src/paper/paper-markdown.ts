import { COMMENT_TYPES, CONSTITUENT_GROUPS, DISPOSITIONS, GROUP_LABELS, type ConstituentGroup, type ItemStatus, countOf } from '@tripartite/domain';
import type { GroupCounts, PaperComment, PaperData, PaperItem, PaperMeeting, PaperRound } from './paper-data';
import { formatDate, formatDateRange, listOf, md, mdBlock, ordinal } from './paper-format';

// The Governing Body paper as Markdown: a pure function of PaperData, so the same data gives the same
// bytes. Every value a person typed goes through md() (literal text); guideline texts are Markdown
// source by design of the drafting library and are kept as such (raw HTML in them is escaped when the
// HTML is rendered).

const GROUP_NAMES: Record<ConstituentGroup, string> = {
  GOVERNMENT: 'Government group',
  EMPLOYERS: "Employers' group",
  WORKERS: "Workers' group",
};

const OUTCOMES: Record<ItemStatus, string> = {
  PENDING: 'Not decided',
  UNDER_DISCUSSION: 'Not decided',
  ADOPTED: 'Adopted',
  ADOPTED_AS_AMENDED: 'Adopted as amended',
  NOT_ADOPTED: 'Not adopted',
  DEFERRED: 'Deferred',
};

const words = (value: string) => value.toLowerCase().replace(/_/g, ' ');
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);
const total = (counts: GroupCounts) => CONSTITUENT_GROUPS.reduce((sum, g) => sum + (counts[g] ?? 0), 0);

/** "Government 6, Employers 3, Workers 3" (groups with none left out). */
const byGroup = (counts: GroupCounts) =>
  CONSTITUENT_GROUPS.filter((g) => (counts[g] ?? 0) > 0)
    .map((g) => `${GROUP_LABELS[g]} ${counts[g]}`)
    .join(', ');

/** Numbered paragraphs, headings and free lines, numbered in the order they are added. */
class Paper {
  private readonly blocks: string[] = [];
  private last = 0;

  heading(level: number, text: string): void {
    this.blocks.push(`${'#'.repeat(level)} ${text}`);
  }

  /** A numbered paragraph (an ordered-list item, so the HTML numbers it too); returns its number. */
  paragraph(text: string): number {
    this.last += 1;
    this.blocks.push(`${this.last}. ${text}`);
    return this.last;
  }

  line(text: string): void {
    this.blocks.push(text);
  }

  toString(): string {
    return `${this.blocks.join('\n\n')}\n`;
  }
}

export function renderPaperMarkdown(data: PaperData): string {
  const paper = new Paper();
  const { session, instrument, meeting } = data;

  paper.line('**Governing Body**');
  paper.line(`**${ordinal(session.number)} Session, ${formatDateRange(session.startsAt, session.endsAt)}**`);
  paper.line(`**${md(data.symbol)}**`);
  paper.line(`Date: ${formatDate(data.date)}`);
  paper.heading(1, md(data.agendaItemTitle));

  paper.heading(2, 'Background');
  paper.paragraph(
    `This paper reports on the consultation of constituents and the tripartite meeting of experts on the draft ` +
      `*${md(instrument.title)}* (${md(instrument.reference)}), and invites the Governing Body to decide on the text ` +
      `adopted by the meeting, reproduced in Appendix I.`,
  );
  if (instrument.summary?.trim()) paper.paragraph(`The purpose of the instrument: ${sentence(md(instrument.summary))}`);

  paper.heading(2, 'The consultation');
  if (!data.rounds.length) paper.paragraph('No consultation round was held.');
  for (const round of data.rounds) {
    paper.paragraph(roundParagraph(round));
    paper.paragraph(
      commentsParagraph(
        round.number,
        data.comments.filter((c) => c.round === round.number),
      ),
    );
  }

  paper.heading(2, 'The tripartite meeting of experts');
  paper.paragraph(meetingParagraph(meeting));
  paper.paragraph(outcomeParagraph(meeting.items));
  const reservations = reservationParagraphs(meeting.items);
  if (!reservations.length) paper.paragraph('No group expressed a reservation.');
  for (const text of reservations) paper.paragraph(text);

  paper.heading(2, 'Draft decision');
  const decision = paper.paragraph(mdBlock(data.pointForDecision));
  paper.line(`Point for decision: paragraph ${decision}.`);

  paper.heading(2, 'Appendix I. Text adopted by the meeting');
  let section: string | null = null;
  for (const item of meeting.items) {
    if (item.sectionNumber !== section) {
      section = item.sectionNumber;
      paper.heading(3, `${md(item.sectionNumber)}. ${md(item.sectionHeading)}`);
    }
    paper.line(adoptedText(item));
  }

  paper.heading(2, 'Appendix II. Resolution matrix');
  paper.line(resolutionMatrix(meeting.items, data.comments));
  return paper.toString();
}

function roundParagraph(round: PaperRound): string {
  let period: string;
  if (round.opensAt && round.closedAt) {
    period = `was open from ${formatDate(round.opensAt)} to ${formatDate(round.closedAt)}`;
    if (round.closedAt < round.closesAt && formatDate(round.closedAt) !== formatDate(round.closesAt)) {
      period += `, closing before its deadline of ${formatDate(round.closesAt)}`;
    }
  } else {
    period = `${round.opensAt ? `opened on ${formatDate(round.opensAt)} and ` : ''}closes on ${formatDate(round.closesAt)}`;
  }
  const invited = total(round.invited);
  const responding = total(round.responding);
  return (
    `Round ${round.number} of the consultation, on version ${round.versionNumber} of the draft, ${period}. ` +
    `It invited ${countOf(invited, 'organization', 'organizations')}${invited ? ` (${byGroup(round.invited)})` : ''}; ` +
    (responding ? `${responding} of them submitted comments (${byGroup(round.responding)}).` : 'none of them submitted comments.')
  );
}

function commentsParagraph(round: number, comments: PaperComment[]): string {
  if (!comments.length) return `No comments were received in round ${round}.`;
  const perGroup = CONSTITUENT_GROUPS.map((g) => {
    const mine = comments.filter((c) => c.group === g);
    if (!mine.length) return null;
    const types = COMMENT_TYPES.map((t) => [t, mine.filter((c) => c.type === t).length] as const)
      .filter(([, n]) => n > 0)
      .map(([t, n]) => `${n} ${words(t)}`);
    return `${GROUP_LABELS[g]} ${mine.length} (${types.join(', ')})`;
  }).filter((s): s is string => s !== null);
  const count = (d: string) => comments.filter((c) => c.disposition === d).length;
  const [accepted, partially, notAccepted, noted] = DISPOSITIONS.map(count);
  const undisposed = comments.filter((c) => c.disposition === null).length;
  return (
    `Round ${round} received ${countOf(comments.length, 'comment', 'comments')}: ${perGroup.join('; ')}. ` +
    `Of these, ${accepted} ${accepted === 1 ? 'was' : 'were'} accepted, ${partially} partially accepted, ` +
    `${notAccepted} not accepted and ${noted} noted` +
    (undisposed ? `; ${countOf(undisposed, 'comment has', 'comments have')} no disposition.` : '.')
  );
}

function meetingParagraph(meeting: PaperMeeting): string {
  const participants = total(meeting.participants);
  const rule =
    meeting.decisionRule === 'CONSENSUS'
      ? 'It decided by consensus, and by a vote where consensus failed.'
      : 'It decided each guideline by a vote in which the three groups had equal voting strength.';
  return (
    `The meeting of experts (“${md(meeting.title)}”) was held${meeting.venue?.trim() ? ` in ${md(meeting.venue)}` : ''} ` +
    `on ${formatDateRange(meeting.startsAt, meeting.endsAt)}, with ${countOf(participants, 'participant', 'participants')}` +
    `${participants ? ` (${byGroup(meeting.participants)})` : ''}. ${rule}`
  );
}

function outcomeParagraph(items: PaperItem[]): string {
  const of = (...statuses: ItemStatus[]) => items.filter((i) => statuses.includes(i.status));
  const numbers = (list: PaperItem[]) => (list.length ? ` (${listOf(list.map((i) => md(i.number)))})` : '');
  const amended = of('ADOPTED_AS_AMENDED');
  const notAdopted = of('NOT_ADOPTED');
  const deferred = of('DEFERRED');
  const open = of('PENDING', 'UNDER_DISCUSSION');
  const parts = [
    `adopted ${of('ADOPTED').length}`,
    `adopted ${amended.length} as amended${numbers(amended)}`,
    `did not adopt ${notAdopted.length}${numbers(notAdopted)}`,
    `deferred ${deferred.length}${numbers(deferred)}`,
  ];
  if (open.length) parts.push(`left ${open.length} undecided${numbers(open)}`);
  return `The meeting considered ${countOf(items.length, 'guideline', 'guidelines')}: it ${listOf(parts)}.`;
}

/** One paragraph per group that reserved its position, quoting what it said. */
function reservationParagraphs(items: PaperItem[]): string[] {
  return CONSTITUENT_GROUPS.flatMap((g) => {
    const reserved = items.flatMap((item) =>
      item.positions.filter((p) => p.group === g && p.position === 'RESERVATION').map((p) => ({ item, statement: p.statement })),
    );
    if (!reserved.length) return [];
    const on = reserved.map(({ item, statement }) => `guideline ${md(item.number)}${statement?.trim() ? ` (“${md(statement)}”)` : ''}`);
    return [`The ${GROUP_NAMES[g]} expressed ${reserved.length === 1 ? 'a reservation' : 'reservations'} on ${listOf(on)}.`];
  });
}

/** "1.1 Equal footing" (with `end`, a sentence: "1.1 Equal footing."). */
function guidelineLabel(item: PaperItem, end = false): string {
  if (!item.title?.trim()) return md(item.number);
  const title = md(item.title);
  return `${md(item.number)} ${end ? sentence(title) : title}`;
}

function adoptedText(item: PaperItem): string {
  const label = `**${guidelineLabel(item, true)}**`;
  switch (item.status) {
    case 'ADOPTED':
      return `${label} ${item.finalText ?? item.text}`;
    case 'ADOPTED_AS_AMENDED':
      return `${label} *(As amended.)* ${item.finalText ?? item.text}`;
    case 'NOT_ADOPTED':
      return `${label} *Not adopted by the meeting.*`;
    case 'DEFERRED':
      return `${label} *Deferred by the meeting.*`;
    default:
      return `${label} *Not decided by the meeting.*`;
  }
}

/** "Government 2 (1 accepted, 1 noted); Workers 1 (1 without disposition)", or "None". */
function commentsCell(comments: PaperComment[]): string {
  const cells = CONSTITUENT_GROUPS.map((g) => {
    const mine = comments.filter((c) => c.group === g);
    if (!mine.length) return null;
    const dispositions = DISPOSITIONS.map((d) => [d, mine.filter((c) => c.disposition === d).length] as const)
      .filter(([, n]) => n > 0)
      .map(([d, n]) => `${n} ${words(d)}`);
    const undisposed = mine.filter((c) => c.disposition === null).length;
    if (undisposed) dispositions.push(`${undisposed} without disposition`);
    return `${GROUP_LABELS[g]} ${mine.length} (${dispositions.join(', ')})`;
  }).filter((s): s is string => s !== null);
  return cells.length ? cells.join('; ') : 'None';
}

function positionsCell(item: PaperItem): string {
  return CONSTITUENT_GROUPS.map((g) => {
    const stated = item.positions.find((p) => p.group === g);
    return `${GROUP_LABELS[g]}: ${stated ? words(stated.position) : 'none stated'}`;
  }).join('; ');
}

function resolutionMatrix(items: PaperItem[], comments: PaperComment[]): string {
  const rows = [
    '| Guideline | Comments by group (dispositions) | Positions at the meeting | Outcome |',
    '| --- | --- | --- | --- |',
    ...items.map(
      (item) =>
        `| ${guidelineLabel(item)} | ${commentsCell(comments.filter((c) => c.guidelineKey === item.key))} | ${positionsCell(item)} | ${OUTCOMES[item.status]} |`,
    ),
  ];
  const general = comments.filter((c) => c.guidelineKey === null);
  if (general.length) rows.push(`| General comments | ${commentsCell(general)} | — | — |`);
  return rows.join('\n');
}
