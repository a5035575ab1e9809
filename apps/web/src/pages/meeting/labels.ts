// The meeting room's enums in the reader's words (apps/web/src/i18n), each with a symbol so colour is never the only signal.
import { i18n } from '../../i18n/i18n';
import { translated } from '../../ui/labels';
import type { AmendmentStatus, ConstituentGroup, DecisionRule, ItemStatus, MeetingStatus, Position, TallyOutcome } from '../../gql/graphql';

export interface Label {
  readonly words: string;
  symbol: string;
}

/** A label whose words are read in the current language. */
const label = (words: () => string, symbol: string): Label => ({
  get words() {
    return words();
  },
  symbol,
});

export const POSITION_LABELS: Record<Position, Label> = {
  SUPPORT: label(() => i18n.t('position.SUPPORT'), '✓'),
  OPPOSE: label(() => i18n.t('position.OPPOSE'), '✗'),
  ABSTAIN: label(() => i18n.t('position.ABSTAIN'), '–'),
  RESERVATION: label(() => i18n.t('position.RESERVATION'), '!'),
};

/** A group that has not stated a position yet. */
export const NO_POSITION: Label = label(() => i18n.t('position.NONE'), '…');

/** The console's order of the buttons, and the number key of each. */
export const POSITION_ORDER: Position[] = ['SUPPORT', 'OPPOSE', 'ABSTAIN', 'RESERVATION'];

/** The console's group keys: g, e, w. */
export const GROUP_KEYS: Record<string, ConstituentGroup> = { g: 'GOVERNMENT', e: 'EMPLOYERS', w: 'WORKERS' };

export const OUTCOME_LABELS: Record<TallyOutcome, Label> = {
  INCOMPLETE: label(() => i18n.t('outcome.INCOMPLETE'), '…'),
  CONSENSUS: label(() => i18n.t('outcome.CONSENSUS'), '✓'),
  NO_CONSENSUS: label(() => i18n.t('outcome.NO_CONSENSUS'), '✗'),
  VOTE_CARRIED: label(() => i18n.t('outcome.VOTE_CARRIED'), '✓'),
  VOTE_FAILED: label(() => i18n.t('outcome.VOTE_FAILED'), '✗'),
};

export const ITEM_STATUS_WORDS = translated(
  ['PENDING', 'UNDER_DISCUSSION', 'ADOPTED', 'ADOPTED_AS_AMENDED', 'NOT_ADOPTED', 'DEFERRED'] as const satisfies readonly ItemStatus[],
  (s) => i18n.t(`itemStatus.${s}`),
);

/** The verb of each close choice ("Adopt", "Defer" ...). */
export const CLOSE_ACTION_WORDS = translated(['ADOPTED', 'ADOPTED_AS_AMENDED', 'NOT_ADOPTED', 'DEFERRED'] as const, (s) => i18n.t(`closeAction.${s}`));

export const AMENDMENT_STATUS_WORDS = translated(['PROPOSED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'] as const satisfies readonly AmendmentStatus[], (s) =>
  i18n.t(`amendmentStatus.${s}`),
);

export const MEETING_STATUS_WORDS = translated(['SCHEDULED', 'IN_SESSION', 'CLOSED', 'REPORT_ADOPTED'] as const satisfies readonly MeetingStatus[], (s) =>
  i18n.t(`meetingStatus.${s}`),
);

export const DECISION_RULE_WORDS = translated(['CONSENSUS', 'GROUP_WEIGHTED_VOTE'] as const satisfies readonly DecisionRule[], (r) =>
  i18n.t(`decisionRule.${r}`),
);

/** The position lists of an ItemTally, by position. */
export const TALLY_LISTS: Record<Position, 'supporting' | 'opposing' | 'abstaining' | 'reserving'> = {
  SUPPORT: 'supporting',
  OPPOSE: 'opposing',
  ABSTAIN: 'abstaining',
  RESERVATION: 'reserving',
};

export interface TallyLists {
  supporting: ConstituentGroup[];
  opposing: ConstituentGroup[];
  abstaining: ConstituentGroup[];
  reserving: ConstituentGroup[];
}

/** A group's position as an ItemTally lists it (null: none yet). */
export function positionInTally(tally: TallyLists, group: ConstituentGroup): Position | null {
  return POSITION_ORDER.find((p) => tally[TALLY_LISTS[p]].includes(group)) ?? null;
}

/** "Government", "Government and Workers", "Government, Employers and Workers". */
export function listOf(words: string[]): string {
  return new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(words);
}

/** "Guideline 1.2", with its title when it has one. */
export function itemName(item: { guideline: { number: string; title: string | null } }): string {
  const { number, title } = item.guideline;
  return title ? i18n.t('meeting.itemTitled', { number, title }) : i18n.t('round.guideline', { number });
}
