// What the projector shows first, and what an item adopted as amended was decided on. Pure: unit-tested.
import { tallyItem, type PositionsByGroup, type TallyResult } from '@tripartite/domain';
import type { AmendmentStatus, ConstituentGroup, ItemStatus, Position } from '../../gql/graphql';

export interface FocusItem {
  id: string;
  order: number;
  status: ItemStatus;
}

/**
 * The item pinned on the projector: the one under discussion; else the one that changed last in this tab (still
 * on the agenda); else the last one decided (by agenda order); else the first.
 */
export function pinnedItem<T extends FocusItem>(agenda: readonly T[], lastChangedId: string | null): T | undefined {
  const sorted = [...agenda].sort((a, b) => a.order - b.order);
  return (
    sorted.find((i) => i.status === 'UNDER_DISCUSSION') ??
    sorted.find((i) => i.id === lastChangedId) ??
    [...sorted].reverse().find((i) => i.status !== 'PENDING') ??
    sorted[0]
  );
}

export interface AmendmentLike {
  id: string;
  proposedBy: ConstituentGroup;
  text: string;
  status: AmendmentStatus;
  positions: readonly { group: ConstituentGroup; position: Position }[];
}

export interface AdoptedAmendment<A extends AmendmentLike> {
  amendment: A;
  /** The amendment's own tally (its acceptance needed consensus on it). */
  tally: TallyResult;
}

/**
 * For an item ADOPTED_AS_AMENDED: the accepted amendment whose text was adopted (the item's final text), else the
 * last accepted one, with its tally. The item's own tally is that of the original text, which the meeting set aside.
 */
export function adoptedAmendment<A extends AmendmentLike>(item: {
  status: ItemStatus;
  finalText: string | null;
  amendments: readonly A[];
}): AdoptedAmendment<A> | null {
  if (item.status !== 'ADOPTED_AS_AMENDED') return null;
  const accepted = item.amendments.filter((a) => a.status === 'ACCEPTED');
  const amendment = accepted.find((a) => a.text === item.finalText) ?? accepted[accepted.length - 1];
  if (!amendment) return null;
  const positions: PositionsByGroup = Object.fromEntries(amendment.positions.map((p) => [p.group, p.position]));
  return { amendment, tally: tallyItem('CONSENSUS', positions) };
}

/** The text the room reads for an item: the adopted text once it has one, else the guideline's. */
export function shownText(item: { finalText: string | null; guideline: { text: string } }): string {
  return item.finalText ?? item.guideline.text;
}
