// One short sentence for a live change on the board (read by screen readers instead of the whole board).
import { CONSTITUENT_GROUPS } from '@tripartite/domain';
import type { TallyOutcome } from '../../gql/graphql';
import { i18n } from '../../i18n/i18n';
import { GROUP_NAMES } from '../../ui/labels';
import { NO_POSITION, OUTCOME_LABELS, POSITION_LABELS, positionInTally, type TallyLists } from './labels';

interface TallyLike extends TallyLists {
  outcome: TallyOutcome;
}

/** "Guideline 1.2: Employers oppose. Outcome: no consensus." or null when nothing shown changed. */
export function describeTallyChange(itemName: string, before: TallyLike | undefined, after: TallyLike): string | null {
  const changes = CONSTITUENT_GROUPS.flatMap((group) => {
    const was = before ? positionInTally(before, group) : null;
    const now = positionInTally(after, group);
    if (was === now) return [];
    const words = now ? POSITION_LABELS[now].words : NO_POSITION.words;
    return [`${GROUP_NAMES[group]}: ${words.toLowerCase()}`];
  });
  const outcomeChanged = !before || before.outcome !== after.outcome;
  if (changes.length === 0 && !outcomeChanged) return null;
  const outcome = i18n.t('board.outcomeIs', { outcome: OUTCOME_LABELS[after.outcome].words.toLowerCase() });
  return changes.length
    ? i18n.t('board.changed', { item: itemName, changes: changes.join(', '), outcome })
    : i18n.t('board.changedOutcome', { item: itemName, outcome });
}
