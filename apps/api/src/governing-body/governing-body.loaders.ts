import DataLoader from 'dataloader';
import type { Actor } from '@tripartite/common';
import { GbSessionRow, GbSessionService, SubmissionReadService, SubmissionRow } from '@tripartite/governing-body';
import { byId } from '../graphql/loaders';

/** The Governing Body's per-request loaders (composed in graphql/loaders.ts). */
export function governingBodyLoaders(sessions: GbSessionService, submissions: SubmissionReadService) {
  return {
    gbSession: byId<GbSessionRow>((ids) => sessions.byIds(ids)),
    // The caller is the same for every key of a request: it decides whether DRAFT papers count.
    submissionOfInstrument: new DataLoader<{ actor: Actor | null; instrumentId: string }, SubmissionRow | null, string>(
      async (keys) => {
        const map = await submissions.latestByInstrumentIds(keys[0].actor, keys.map((k) => k.instrumentId));
        return keys.map((k) => map.get(k.instrumentId) ?? null);
      },
      { cacheKeyFn: (k) => k.instrumentId },
    ),
  };
}
