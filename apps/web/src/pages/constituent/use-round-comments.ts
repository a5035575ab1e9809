// Every comment of a round the user may see (the server applies the visibility rule), all pages of
// the connection, kept in one list that writes and live events update in place.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient, type CombinedError } from 'urql';
import type { RoundPageCommentFragment } from '../../gql/graphql';
import { RoundPageComments } from './operations';

export type RoundComment = RoundPageCommentFragment;

/** The server's page size limit (GRAPHQL_MAX_FIRST). */
const PAGE = 200;

export interface RoundComments {
  comments: RoundComment[];
  loaded: boolean;
  error: CombinedError | null;
  /** Reads every comment again; resolves with them (null on error). */
  refresh(): Promise<RoundComment[] | null>;
  /** A comment the server just returned (a write, a live event): added, or replacing an older revision. */
  upsert(comment: RoundComment): void;
}

function merge(list: RoundComment[], comment: RoundComment): RoundComment[] {
  const i = list.findIndex((c) => c.id === comment.id);
  if (i < 0) return [...list, comment];
  // A live event or a slow answer may carry an older revision than one already shown.
  if (list[i].revision > comment.revision) return list;
  const next = list.slice();
  next[i] = comment;
  return next;
}

export function useRoundComments(roundId: string): RoundComments {
  const client = useClient();
  const [state, setState] = useState<{ comments: RoundComment[]; loaded: boolean; error: CombinedError | null }>({
    comments: [],
    loaded: false,
    error: null,
  });
  // Writes that arrive while a refresh is reading are merged into its result, not lost.
  const upserted = useRef<{ at: number; comment: RoundComment }[]>([]);
  const generation = useRef(0);

  const refresh = useCallback(async (): Promise<RoundComment[] | null> => {
    const mine = ++generation.current;
    const startedAt = performance.now();
    const all: RoundComment[] = [];
    let after: string | null = null;
    for (;;) {
      const result = await client.query(RoundPageComments, { roundId, first: PAGE, after }, { requestPolicy: 'network-only' }).toPromise();
      if (mine !== generation.current) return null;
      if (result.error || !result.data) {
        setState((s) => ({ ...s, error: result.error ?? null }));
        return null;
      }
      all.push(...result.data.comments.edges.map((e) => e.node));
      if (!result.data.comments.pageInfo.hasNextPage) break;
      after = result.data.comments.pageInfo.endCursor;
    }
    let merged = all;
    for (const u of upserted.current) if (u.at >= startedAt) merged = merge(merged, u.comment);
    upserted.current = upserted.current.filter((u) => u.at >= startedAt);
    setState({ comments: merged, loaded: true, error: null });
    return merged;
  }, [client, roundId]);

  const upsert = useCallback((comment: RoundComment) => {
    upserted.current.push({ at: performance.now(), comment });
    setState((s) => ({ ...s, comments: merge(s.comments, comment) }));
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return { ...state, refresh, upsert };
}
