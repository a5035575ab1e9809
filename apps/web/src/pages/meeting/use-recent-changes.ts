// What just changed on the board, for a short highlight: per item, the groups whose position changed and whether
// the outcome did. Each change shows for HIGHLIGHT_MS (the CSS animation is shorter; with reduced motion only the
// outline and the words "Just changed" show, without movement).
import { useCallback, useEffect, useRef, useState } from 'react';
import { CONSTITUENT_GROUPS } from '@tripartite/domain';
import type { ConstituentGroup } from '../../gql/graphql';
import { positionInTally } from './labels';
import type { Tally } from './use-board';

export const HIGHLIGHT_MS = 6000;

export interface RecentChange {
  groups: ConstituentGroup[];
  outcome: boolean;
  /** Bumped by each change of the item: a new highlight restarts the animation. */
  serial: number;
}

export function useRecentChanges(): {
  recent: Record<string, RecentChange>;
  lastChangedId: string | null;
  note(before: Tally | undefined, after: Tally): void;
} {
  const [recent, setRecent] = useState<Record<string, RecentChange>>({});
  const [lastChangedId, setLastChanged] = useState<string | null>(null);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const serial = useRef(0);
  useEffect(() => {
    const all = timers.current;
    return () => all.forEach((t) => clearTimeout(t));
  }, []);
  const note = useCallback((before: Tally | undefined, after: Tally) => {
    const groups = CONSTITUENT_GROUPS.filter((g) => (before ? positionInTally(before, g) : null) !== positionInTally(after, g));
    const outcome = !before || before.outcome !== after.outcome;
    const id = after.agendaItemId;
    setLastChanged(id);
    if (groups.length === 0 && !outcome) return;
    setRecent((r) => ({ ...r, [id]: { groups, outcome, serial: ++serial.current } }));
    clearTimeout(timers.current.get(id));
    timers.current.set(
      id,
      setTimeout(() => {
        timers.current.delete(id);
        setRecent(({ [id]: _gone, ...rest }) => rest);
      }, HIGHLIGHT_MS),
    );
  }, []);
  return { recent, lastChangedId, note };
}
