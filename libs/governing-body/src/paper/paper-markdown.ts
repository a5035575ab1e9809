import { COMMENT_TYPES, CONSTITUENT_GROUPS, DISPOSITIONS, weighVote, type ItemStatus, type Language } from '@tripartite/domain';
import type { GroupCounts, PaperComment, PaperData, PaperItem, PaperMeeting, PaperRound } from './paper-data';
import { LOCALES, formatDate, formatDateRange, listOf, md, mdBlock } from './paper-format';
import { paperT, type PaperT } from './paper-i18n';

// The Governing Body paper as Markdown: a pure function of PaperData and the language, so the same data
// gives the same bytes. The fixed phrases are the Office's own in that language (paper-i18n); every value
// a person typed goes through md() (literal text); guideline texts are Markdown source by design of the
// drafting library and are kept as such (raw HTML in them is escaped when the HTML is rendered).

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);
const total = (counts: GroupCounts) => CONSTITUENT_GROUPS.reduce((sum, g) => sum + (counts[g] ?? 0), 0);

/** Numbered paragraphs, headings and free lines, numbered in the order they are added. */
class Paper {
  private readonly blocks: string[] = [];
  private last = 0;
  private sections = 0;

  heading(level: number, text: string): void {
    this.blocks.push(`${'#'.repeat(level)} ${text}`);
  }

  /** A section of the paper's body, lettered in order as the Office letters them: "A. Background". */
  section(text: string): void {
    this.heading(2, `${String.fromCharCode(65 + this.sections)}. ${text}`);
    this.sections += 1;
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

/** The phrases, dates and lists of one language, for the paragraph writers below. */
class Writer {
  readonly t: PaperT;

  constructor(readonly language: Language) {
    this.t = paperT(language);
  }

  date(d: Date): string {
    return formatDate(d, this.language);
  }

  dates(from: Date, to: Date): string {
    return formatDateRange(from, to, this.language);
  }

  list(items: readonly string[]): string {
    return listOf(items, this.language);
  }

  quoted(text: string): string {
    return this.t('quoted', { text });
  }

  /** "Government 6, Employers 3, Workers 3" (groups with none left out). */
  byGroup(counts: GroupCounts): string {
    return CONSTITUENT_GROUPS.filter((g) => (counts[g] ?? 0) > 0)
      .map((g) => this.t('byGroup', { group: this.t(`group.${g}`), count: counts[g] }))
      .join(', ');
  }
}

/** The paper in `language` (English unless told). */
export function renderPaperMarkdown(data: PaperData, language: Language = 'EN'): string {
  const w = new Writer(language);
  const { t } = w;
  const paper = new Paper();
  const { session, instrument, meeting } = data;

  paper.line(`**${t('office')}**`);
  paper.line(`**${t('governingBody')}**`);
  paper.line(`**${t('session', { count: session.number, ordinal: true, dates: w.dates(session.startsAt, session.endsAt) })}**`);
  paper.line(`**${md(data.symbol)}**`);
  paper.line(`**${t('forDecision')}**`);
  if (data.agendaItem !== null) paper.line(`**${agendaItemHeading(data.agendaItem, language)}**`);
  paper.heading(1, md(data.agendaItemTitle));

  paper.section(t('heading.background'));
  paper.paragraph(t('background.intro', { title: md(instrument.title), reference: md(instrument.reference) }));
  if (instrument.summary?.trim()) paper.paragraph(t('background.purpose', { summary: sentence(md(instrument.summary)) }));

  paper.section(t('heading.consultation'));
  if (!data.rounds.length) paper.paragraph(t('consultation.none'));
  for (const round of data.rounds) {
    paper.paragraph(roundParagraph(w, round));
    paper.paragraph(
      commentsParagraph(
        w,
        round.number,
        data.comments.filter((c) => c.round === round.number),
      ),
    );
  }

  paper.section(t('heading.meeting'));
  paper.paragraph(meetingParagraph(w, meeting));
  paper.paragraph(outcomeParagraph(w, meeting.items));
  const amendments = amendmentsParagraph(w, meeting.items);
  if (amendments) paper.paragraph(amendments);
  for (const text of voteParagraphs(w, meeting.items)) paper.paragraph(text);
  const reservations = reservationParagraphs(w, meeting.items);
  if (!reservations.length) paper.paragraph(t('meeting.noReservation'));
  for (const text of reservations) paper.paragraph(text);

  paper.section(t('heading.draftDecision'));
  const decision = paper.paragraph(mdBlock(data.pointForDecision));
  paper.line(t('placeAndDate', { date: w.date(data.date) }));
  paper.line(t('pointForDecision', { paragraph: decision }));

  paper.heading(2, t('appendix', { number: 'I', title: t('heading.adoptedText') }));
  let section: string | null = null;
  for (const item of meeting.items) {
    if (item.sectionNumber !== section) {
      section = item.sectionNumber;
      paper.heading(3, `${md(item.sectionNumber)}. ${md(item.sectionHeading)}`);
    }
    paper.line(adoptedText(w, item));
  }

  paper.heading(2, t('appendix', { number: 'II', title: t('heading.matrix') }));
  paper.line(resolutionMatrix(w, meeting.items, data.comments));
  return paper.toString();
}

function roundParagraph(w: Writer, round: PaperRound): string {
  const { t } = w;
  let period: string;
  if (round.opensAt && round.closedAt) {
    period = t('consultation.closed', { from: w.date(round.opensAt), to: w.date(round.closedAt) });
    if (round.closedAt < round.closesAt && w.date(round.closedAt) !== w.date(round.closesAt)) {
      period += t('consultation.closedEarly', { deadline: w.date(round.closesAt) });
    }
  } else if (round.opensAt) {
    period = t('consultation.opened', { from: w.date(round.opensAt), to: w.date(round.closesAt) });
  } else {
    period = t('consultation.notOpened', { to: w.date(round.closesAt) });
  }
  const invited = total(round.invited);
  const responding = total(round.responding);
  return t('consultation.round', {
    round: round.number,
    version: round.versionNumber,
    period,
    invited: t('consultation.invited', { count: invited, groups: invited ? ` (${w.byGroup(round.invited)})` : '' }),
    responding: responding ? t('consultation.responding', { count: responding, groups: w.byGroup(round.responding) }) : t('consultation.noneResponding'),
  });
}

function commentsParagraph(w: Writer, round: number, comments: PaperComment[]): string {
  const { t } = w;
  if (!comments.length) return t('consultation.noComments', { round });
  const perGroup = CONSTITUENT_GROUPS.map((g) => {
    const mine = comments.filter((c) => c.group === g);
    if (!mine.length) return null;
    const types = COMMENT_TYPES.map((type) => [type, mine.filter((c) => c.type === type).length] as const)
      .filter(([, n]) => n > 0)
      .map(([type, n]) => t(`commentType.${type}`, { count: n }));
    return `${t('byGroup', { group: t(`group.${g}`), count: mine.length })} (${types.join(', ')})`;
  }).filter((s): s is string => s !== null);
  const dispositions = DISPOSITIONS.map((d) => t(`disposition.${d}`, { count: comments.filter((c) => c.disposition === d).length }));
  const undisposed = comments.filter((c) => c.disposition === null).length;
  return (
    `${t('consultation.received', { round, count: comments.length, groups: perGroup.join('; ') })} ` +
    t('consultation.dispositions', { list: w.list(dispositions) }) +
    (undisposed ? t('consultation.undisposed', { count: undisposed }) : '.')
  );
}

/** "THIRD ITEM ON THE AGENDA" (1..99; the ordinal in words, from the language's table). */
export function agendaItemHeading(ordinal: number, language: Language = 'EN'): string {
  if (!Number.isInteger(ordinal) || ordinal < 1 || ordinal > 99) throw new Error(`An agenda item is 1 to 99, not ${ordinal}`);
  const t = paperT(language);
  return t('agendaItem', { nth: t(`ordinal.${ordinal}`) }).toLocaleUpperCase(LOCALES[language]);
}

/** How the meeting decided: by consensus unless it voted, and naming the guidelines it voted on. */
function ruleSentence(w: Writer, meeting: PaperMeeting): string {
  const { t } = w;
  if (meeting.decisionRule !== 'CONSENSUS') return t(`meeting.${meeting.decisionRule}`);
  const voted = meeting.items.filter((i) => i.voted);
  if (!voted.length) return t('meeting.CONSENSUS');
  return t('meeting.consensusAndVotes', { count: voted.length, numbers: w.list(voted.map((i) => md(i.number))) });
}

function meetingParagraph(w: Writer, meeting: PaperMeeting): string {
  const { t } = w;
  const participants = total(meeting.participants);
  return t('meeting.held', {
    title: md(meeting.title),
    venue: meeting.venue?.trim() ? t('meeting.venue', { venue: md(meeting.venue) }) : '',
    dates: w.dates(meeting.startsAt, meeting.endsAt),
    count: participants,
    groups: participants ? ` (${w.byGroup(meeting.participants)})` : '',
    rule: ruleSentence(w, meeting),
  });
}

function outcomeParagraph(w: Writer, items: PaperItem[]): string {
  const { t } = w;
  const of = (...statuses: ItemStatus[]) => items.filter((i) => statuses.includes(i.status));
  const numbers = (list: PaperItem[]) => (list.length ? ` (${w.list(list.map((i) => md(i.number)))})` : '');
  const part = (key: string, list: PaperItem[]) => t(`meeting.${key}`, { count: list.length, numbers: numbers(list) });
  const parts = [
    t('meeting.adopted', { count: of('ADOPTED').length }),
    part('adoptedAsAmended', of('ADOPTED_AS_AMENDED')),
    part('notAdopted', of('NOT_ADOPTED')),
    part('deferred', of('DEFERRED')),
  ];
  const open = of('PENDING', 'UNDER_DISCUSSION');
  if (open.length) parts.push(part('undecided', open));
  return t('meeting.considered', { count: items.length, list: w.list(parts) });
}

/** The amendments proposed, each with the group that proposed it and what became of it; null when there were none. */
function amendmentsParagraph(w: Writer, items: PaperItem[]): string | null {
  const { t } = w;
  const each = items.flatMap((item) =>
    (item.amendments ?? []).map((a) =>
      t('meeting.amendment', { group: t(`groupName.${a.proposedBy}`), number: md(item.number), status: t(`meeting.amendmentStatus.${a.status}`) }),
    ),
  );
  return each.length ? t('meeting.amendments', { list: w.list(each) }) : null;
}

/** One paragraph per guideline decided by a vote: each group's votes, the weighted result and whether it carried. */
function voteParagraphs(w: Writer, items: PaperItem[]): string[] {
  const { t } = w;
  return items.flatMap((item) => {
    if (!item.vote) return [];
    const result = weighVote(item.vote.votes, item.vote.registered);
    const groups = result.votes.map((v) =>
      t('meeting.voteGroup', { group: t(`group.${v.group}`), inFavour: v.inFavour, against: v.against, abstentions: v.abstentions }),
    );
    return [
      t('meeting.vote', {
        number: md(item.number),
        groups: groups.join('; '),
        inFavour: result.weightedInFavour,
        against: result.weightedAgainst,
        result: t(result.carried ? 'meeting.carried' : result.quorumMet ? 'meeting.notCarried' : 'meeting.noQuorum'),
      }),
    ];
  });
}

/** One paragraph per group that reserved its position, quoting what it said. */
function reservationParagraphs(w: Writer, items: PaperItem[]): string[] {
  const { t } = w;
  return CONSTITUENT_GROUPS.flatMap((g) => {
    const reserved = items.flatMap((item) =>
      item.positions.filter((p) => p.group === g && p.position === 'RESERVATION').map((p) => ({ item, statement: p.statement })),
    );
    if (!reserved.length) return [];
    const on = reserved.map(({ item, statement }) =>
      t('meeting.onGuideline', { number: md(item.number), statement: statement?.trim() ? ` (${w.quoted(md(statement))})` : '' }),
    );
    return [t('meeting.reservation', { count: reserved.length, group: t(`groupName.${g}`), list: w.list(on) })];
  });
}

/**
 * The guideline's wording in the paper's language: its translation where the item carries one, else the
 * original. An amended text was adopted in the meeting's words, which have no translation: it stays as adopted.
 */
function wording(item: PaperItem, language: Language): { title: string | null; text: string } {
  const translated = item.translations?.[language];
  const original = item.finalText ?? item.text;
  if (!translated) return { title: item.title, text: original };
  return { title: translated.title, text: item.finalText === null || item.finalText === item.text ? translated.text : original };
}

/** "1.1 Equal footing" (with `end`, a sentence: "1.1 Equal footing."). */
function guidelineLabel(item: PaperItem, language: Language, end = false): string {
  const { title } = wording(item, language);
  if (!title?.trim()) return md(item.number);
  return `${md(item.number)} ${end ? sentence(md(title)) : md(title)}`;
}

function adoptedText(w: Writer, item: PaperItem): string {
  const { t } = w;
  const label = `**${guidelineLabel(item, w.language, true)}**`;
  const { text } = wording(item, w.language);
  switch (item.status) {
    case 'ADOPTED':
      return `${label} ${text}`;
    case 'ADOPTED_AS_AMENDED':
      return `${label} ${t('adopted.asAmended')} ${text}`;
    case 'NOT_ADOPTED':
    case 'DEFERRED':
      return `${label} ${t(`adopted.${item.status}`)}`;
    default:
      return `${label} ${t('adopted.undecided')}`;
  }
}

/** "Government 2 (1 accepted, 1 noted); Workers 1 (1 without disposition)", or "None". */
function commentsCell(w: Writer, comments: PaperComment[]): string {
  const { t } = w;
  const cells = CONSTITUENT_GROUPS.map((g) => {
    const mine = comments.filter((c) => c.group === g);
    if (!mine.length) return null;
    const dispositions = DISPOSITIONS.map((d) => [d, mine.filter((c) => c.disposition === d).length] as const)
      .filter(([, n]) => n > 0)
      .map(([d, n]) => t(`matrix.disposition.${d}`, { count: n }));
    const undisposed = mine.filter((c) => c.disposition === null).length;
    if (undisposed) dispositions.push(t('matrix.undisposed', { count: undisposed }));
    return `${t('byGroup', { group: t(`group.${g}`), count: mine.length })} (${dispositions.join(', ')})`;
  }).filter((s): s is string => s !== null);
  return cells.length ? cells.join('; ') : t('matrix.none');
}

function positionsCell(w: Writer, item: PaperItem): string {
  const { t } = w;
  return CONSTITUENT_GROUPS.map((g) => {
    const stated = item.positions.find((p) => p.group === g);
    return `${t(`group.${g}`)}: ${stated ? t(`matrix.position.${stated.position}`) : t('matrix.noneStated')}`;
  }).join('; ');
}

function resolutionMatrix(w: Writer, items: PaperItem[], comments: PaperComment[]): string {
  const { t } = w;
  const rows = [
    t('matrix.header'),
    '| --- | --- | --- | --- |',
    ...items.map(
      (item) =>
        `| ${guidelineLabel(item, w.language)} | ${commentsCell(
          w,
          comments.filter((c) => c.guidelineKey === item.key),
        )} | ${positionsCell(w, item)} | ${t(`matrix.outcome.${item.status}`)} |`,
    ),
  ];
  const general = comments.filter((c) => c.guidelineKey === null);
  if (general.length) rows.push(`| ${t('matrix.generalComments')} | ${commentsCell(w, general)} | — | — |`);
  return rows.join('\n');
}
