// What changed on an agenda item between what the moderator saw and what the server has now, in
// sentences ("Employers' position was changed to OPPOSE by moderator2"): for a CONFLICT, and for changes
// that arrive while the console is open.
import { CONSTITUENT_GROUPS } from '@tripartite/domain';
import type { AmendmentStatus, ConstituentGroup, ItemStatus, Position } from '../../gql/graphql';
import { GROUP_NAMES } from '../../ui/labels';
import { AMENDMENT_STATUS_WORDS, ITEM_STATUS_WORDS } from './labels';

interface RecordedPosition {
  group: ConstituentGroup;
  position: Position;
  statement?: string | null;
  recordedBy: { id: string; displayName: string };
}

export interface ItemSnapshot {
  revision: number;
  status: ItemStatus;
  positions: RecordedPosition[];
  amendments: { id: string; proposedBy: ConstituentGroup; status: AmendmentStatus; positions: RecordedPosition[] }[];
  vote: { carried: boolean; weightedInFavour: number; weightedAgainst: number } | null;
}

/** "Employers’", "Government’s". */
function possessive(group: ConstituentGroup): string {
  const name = GROUP_NAMES[group];
  return name.endsWith('s') ? `${name}’` : `${name}’s`;
}

function by(p: RecordedPosition, me: string): string {
  return p.recordedBy.id === me ? 'by you in another tab or window' : `by ${p.recordedBy.displayName}`;
}

function positionChanges(before: RecordedPosition[], after: RecordedPosition[], me: string, on: string): string[] {
  return CONSTITUENT_GROUPS.flatMap((group) => {
    const was = before.find((p) => p.group === group);
    const now = after.find((p) => p.group === group);
    if (!now) return was ? [`${possessive(group)} position${on} was removed`] : [];
    if (was && was.position === now.position && (was.statement ?? null) === (now.statement ?? null)) return [];
    if (!was) return [`${possessive(group)} position${on} was recorded as ${now.position} ${by(now, me)}`];
    if (was.position === now.position) return [`${possessive(group)} statement${on} was changed ${by(now, me)}`];
    return [`${possessive(group)} position${on} was changed to ${now.position} ${by(now, me)}`];
  });
}

/** Sentences for each difference; `me` is the signed-in user's id (their own records in another tab are said so). */
export function describeItemChanges(before: ItemSnapshot, after: ItemSnapshot, me: string): string[] {
  const changes: string[] = [];
  if (before.status !== after.status) changes.push(`The item is now ${ITEM_STATUS_WORDS[after.status].toLowerCase()}`);
  changes.push(...positionChanges(before.positions, after.positions, me, ''));
  after.amendments.forEach((a) => {
    const was = before.amendments.find((b) => b.id === a.id);
    const name = `the ${GROUP_NAMES[a.proposedBy]} amendment`;
    if (!was) {
      changes.push(`${GROUP_NAMES[a.proposedBy]} proposed an amendment`);
      return;
    }
    if (was.status !== a.status) changes.push(`${name[0].toUpperCase()}${name.slice(1)} is now ${AMENDMENT_STATUS_WORDS[a.status].toLowerCase()}`);
    changes.push(...positionChanges(was.positions, a.positions, me, ` on ${name}`));
  });
  const voteChanged =
    (before.vote === null) !== (after.vote === null) ||
    (before.vote !== null &&
      after.vote !== null &&
      (before.vote.weightedInFavour !== after.vote.weightedInFavour || before.vote.weightedAgainst !== after.vote.weightedAgainst));
  if (voteChanged && after.vote) changes.push(`A vote was recorded: ${after.vote.carried ? 'carried' : 'not carried'}`);
  if (changes.length === 0 && after.revision !== before.revision) changes.push('The item was changed by someone else');
  return changes;
}
