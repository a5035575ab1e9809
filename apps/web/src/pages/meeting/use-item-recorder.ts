// The moderator console's writes on one agenda item: recording a group's position, and what every write of
// the item shares (its expectedRevision, the answer kept, a CONFLICT shown with what changed and a retry, a
// change made elsewhere announced). A hook of its own so that the logic is tested without a page
// (use-item-recorder.test.ts).
import { useEffect, useRef, useState } from 'react';
import type { ConstituentGroup, Position } from '../../gql/graphql';
import { hasCode } from '../../ui/errors';
import { i18n } from '../../i18n/i18n';
import { GROUP_NAMES } from '../../ui/labels';
import { describeItemChanges } from './item-changes';
import type { ItemWrites, Retry } from './item-writes';
import { POSITION_LABELS } from './labels';
import type { ModerateItem, ModerateMeetingData } from './moderate-operations';

export interface Attempt {
  group: ConstituentGroup;
  position: Position;
  statement: string | null;
}

export interface Conflict {
  changes: string[];
  retry: Retry;
}

export interface RecordPositionVariables extends Attempt {
  id: string;
  expectedRevision: number;
}

export interface ItemRecorderOptions {
  item: ModerateItem;
  /** The signed-in user: their own changes in another tab are told as theirs. */
  userId: string;
  /** Positions are taken only while the item is under discussion in a meeting in session. */
  discussing: boolean;
  announce(text: string): void;
  /** Keeps the answer to a write (it may be newer than the last fetch). */
  remember(item: ModerateItem): void;
  fetchNow(): Promise<ModerateMeetingData | null>;
  /** The recordPosition mutation: the item as written, or the error. */
  sendPosition(variables: RecordPositionVariables): Promise<{ item: ModerateItem | null; error: unknown }>;
  /** After a position was recorded (the page clears that group's statement). */
  onRecorded?(attempt: Attempt): void;
}

export interface ItemRecorder {
  /** The position being recorded, while it is. */
  busy: Attempt | null;
  /** "Employers: Oppose recorded." after the last write. */
  recorded: string | null;
  error: unknown;
  conflict: Conflict | null;
  /** What someone else changed since this console last showed the item. */
  foreign: string[] | null;
  record(attempt: Attempt): Promise<void>;
  dismissConflict(): void;
  dismissForeign(): void;
  /** For the other sections' writes (closing, amendments, the vote). */
  writes: ItemWrites;
}

const positionWords = (p: Position) => POSITION_LABELS[p].words;

export function useItemRecorder({ item, userId, discussing, announce, remember, fetchNow, sendPosition, onRecorded }: ItemRecorderOptions): ItemRecorder {
  const [busy, setBusy] = useState<Attempt | null>(null);
  const [recorded, setRecorded] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [foreign, setForeign] = useState<string[] | null>(null);

  // What this console last showed or wrote: a newer item that differs came from someone else.
  const seen = useRef(item);
  const resolvingConflict = useRef(false);
  // The item as shown now: what a write (a retry after a CONFLICT too) sends as expectedRevision.
  const shown = useRef(item);
  shown.current = item;
  useEffect(() => {
    if (item.revision <= seen.current.revision || resolvingConflict.current) return;
    const changes = describeItemChanges(seen.current, item, userId);
    seen.current = item;
    setForeign(changes);
    announce(i18n.t('console.changedElsewhereAnnounce', { changes: changes.join('; ') }));
  }, [item, userId, announce]);

  const writes: ItemWrites = {
    revision: () => shown.current.revision,
    shown: () => shown.current,
    wrote: (written) => {
      seen.current = written;
      remember(written);
      setConflict(null);
      setForeign(null);
    },
    conflicted: async (saw, retry, failure) => {
      // Someone else changed the item since this console showed it: show what, record nothing.
      resolvingConflict.current = true;
      try {
        const fresh = (await fetchNow())?.agenda.find((i) => i.id === item.id);
        if (fresh) {
          seen.current = fresh;
          remember(fresh);
          setForeign(null);
          setConflict({ changes: describeItemChanges(saw, fresh, userId), retry });
        } else setError(failure);
      } finally {
        resolvingConflict.current = false;
      }
    },
  };

  const inFlight = useRef(false);
  const record = async (attempt: Attempt): Promise<void> => {
    if (inFlight.current || !discussing) return;
    inFlight.current = true;
    const saw = shown.current;
    setBusy(attempt);
    setError(null);
    setConflict(null);
    setRecorded(null);
    try {
      const result = await sendPosition({ id: item.id, ...attempt, expectedRevision: saw.revision });
      if (result.item) {
        seen.current = result.item;
        remember(result.item);
        onRecorded?.(attempt);
        const said = i18n.t('console.recorded', { group: GROUP_NAMES[attempt.group], position: positionWords(attempt.position) });
        setRecorded(said);
        setForeign(null);
        announce(said);
      } else if (hasCode(result.error, 'CONFLICT')) {
        await writes.conflicted(
          saw,
          {
            question: i18n.t('console.recordAgain', { group: GROUP_NAMES[attempt.group], position: positionWords(attempt.position) }),
            action: i18n.t('console.recordAgainAction'),
            run: () => void record(attempt),
          },
          result.error,
        );
      } else setError(result.error);
    } finally {
      inFlight.current = false;
      setBusy(null);
    }
  };

  return {
    busy,
    recorded,
    error,
    conflict,
    foreign,
    record,
    dismissConflict: () => setConflict(null),
    dismissForeign: () => setForeign(null),
    writes,
  };
}
