import type { CommentType, ConstituentGroup, DecisionRule, Disposition, GroupVote, ItemStatus, Language, Position } from '@tripartite/domain';

export type GroupCounts = Partial<Record<ConstituentGroup, number>>;

/** Everything the paper says, as plain data: the renderer is a pure function of it. */
export interface PaperData {
  /** The paper's date: when it was submitted, or now while it is a draft. */
  date: Date;
  session: { number: number; startsAt: Date; endsAt: Date };
  symbol: string;
  /** The ordinal of the item on the session's agenda (1..99): "THIRD ITEM ON THE AGENDA"; null: no such heading. */
  agendaItem: number | null;
  agendaItemTitle: string;
  pointForDecision: string;
  instrument: { reference: string; title: string; summary: string | null };
  /** Rounds that opened, in order. */
  rounds: PaperRound[];
  /** SUBMITTED comments of those rounds (withdrawn ones are not counted). */
  comments: PaperComment[];
  meeting: PaperMeeting;
}

export interface PaperRound {
  number: number;
  versionNumber: number;
  opensAt: Date | null;
  closesAt: Date;
  closedAt: Date | null;
  invited: GroupCounts;
  /** Invited organizations that submitted at least one comment. */
  responding: GroupCounts;
}

export interface PaperComment {
  round: number;
  /** Stable across versions; null: a general comment. */
  guidelineKey: string | null;
  group: ConstituentGroup;
  type: CommentType;
  disposition: Disposition | null;
}

export interface PaperMeeting {
  title: string;
  venue: string | null;
  startsAt: Date;
  endsAt: Date;
  decisionRule: DecisionRule;
  /** The meeting's voting members by group (advisers and observers left out). */
  participants: GroupCounts;
  /** One per guideline of the version discussed, in agenda order. */
  items: PaperItem[];
}

export interface PaperItem {
  key: string;
  number: string;
  title: string | null;
  sectionNumber: string;
  sectionHeading: string;
  /** The guideline as drafted (Markdown source). */
  text: string;
  status: ItemStatus;
  /** The adopted wording (the amendment's when ADOPTED_AS_AMENDED). */
  finalText: string | null;
  /** The position in force of each group that stated one, in group order. */
  positions: { group: ConstituentGroup; position: Position; statement: string | null }[];
  /** Whether the meeting decided the guideline by a vote (absent: it did not). */
  voted?: boolean;
  /** The vote in force, where one was taken: each group's counts and its voting members registered then. */
  /** Amendments proposed at the meeting (withdrawn ones left out): the proposing group and the outcome. */
  amendments?: { proposedBy: ConstituentGroup; status: 'PROPOSED' | 'ACCEPTED' | 'REJECTED' }[];
  vote?: { votes: GroupVote[]; registered: Record<ConstituentGroup, number> } | null;
  /**
   * The guideline's title and text in other languages, where translated. Absent (as PaperLoader gives it
   * today), the paper quotes the guideline in the version's original language whatever the paper's language.
   */
  translations?: Partial<Record<Language, { title: string | null; text: string }>>;
}
