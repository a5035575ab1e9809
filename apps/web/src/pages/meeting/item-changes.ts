// What changed on an agenda item between what the moderator saw and what the server has now, in
// sentences ("Employers' position was changed to OPPOSE by moderator2"): for a CONFLICT, and for changes
// that arrive while the console is open.
import { CONSTITUENT_GROUPS } from '@tripartite/domain';
import type { AmendmentStatus, ConstituentGroup, ItemStatus, Position } from '../../gql/graphql';
import { i18n } from '../../i18n/i18n';
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

/** "Employers’", "du groupe gouvernemental", "de los trabajadores": whose position. */
const whose = (group: ConstituentGroup): string => i18n.t(`meeting.whose.${group}`);

function by(p: RecordedPosition, me: string): string {
  return p.recordedBy.id === me ? i18n.t('meeting.changes.byYou') : i18n.t('meeting.changes.by', { name: p.recordedBy.displayName });
}

const positionWord = (p: Position) => i18n.t(`position.${p}`).toLowerCase();

function positionChanges(before: RecordedPosition[], after: RecordedPosition[], me: string, on: string): string[] {
  return CONSTITUENT_GROUPS.flatMap((group) => {
    const was = before.find((p) => p.group === group);
    const now = after.find((p) => p.group === group);
    const base = { whose: whose(group), on };
    if (!now) return was ? [i18n.t('meeting.changes.removed', base)] : [];
    if (was && was.position === now.position && (was.statement ?? null) === (now.statement ?? null)) return [];
    // English names the position by its code (SUPPORT), as the records do; French and Spanish in words.
    const change = { ...base, code: now.position, position: positionWord(now.position), by: by(now, me) };
    if (!was) return [i18n.t('meeting.changes.recorded', change)];
    if (was.position === now.position) return [i18n.t('meeting.changes.statement', change)];
    return [i18n.t('meeting.changes.changed', change)];
  });
}

/** Sentences for each difference; `me` is the signed-in user's id (their own records in another tab are said so). */
export function describeItemChanges(before: ItemSnapshot, after: ItemSnapshot, me: string): string[] {
  const changes: string[] = [];
  if (before.status !== after.status) changes.push(i18n.t('meeting.changes.status', { status: ITEM_STATUS_WORDS[after.status].toLowerCase() }));
  changes.push(...positionChanges(before.positions, after.positions, me, ''));
  after.amendments.forEach((a) => {
    const was = before.amendments.find((b) => b.id === a.id);
    if (!was) {
      changes.push(i18n.t('meeting.changes.proposed', { group: GROUP_NAMES[a.proposedBy] }));
      return;
    }
    const amendment = i18n.t(`meeting.amendmentOf.${a.proposedBy}`);
    if (was.status !== a.status)
      changes.push(
        i18n.t('meeting.changes.amendmentStatus', {
          amendment: i18n.t(`meeting.theAmendmentOf.${a.proposedBy}`),
          status: AMENDMENT_STATUS_WORDS[a.status].toLowerCase(),
        }),
      );
    changes.push(...positionChanges(was.positions, a.positions, me, i18n.t('meeting.changes.on', { amendment })));
  });
  const voteChanged =
    (before.vote === null) !== (after.vote === null) ||
    (before.vote !== null &&
      after.vote !== null &&
      (before.vote.weightedInFavour !== after.vote.weightedInFavour || before.vote.weightedAgainst !== after.vote.weightedAgainst));
  if (voteChanged && after.vote) changes.push(after.vote.carried ? i18n.t('meeting.changes.voteCarried') : i18n.t('meeting.changes.voteFailed'));
  if (changes.length === 0 && after.revision !== before.revision) changes.push(i18n.t('meeting.changes.someone'));
  return changes;
}
