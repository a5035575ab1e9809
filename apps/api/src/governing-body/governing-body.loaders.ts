import { GbSessionRow, GbSessionService, SubmissionReadService, SubmissionRow } from '@tripartite/governing-body';
import { LoaderOptions, byId, forCaller } from '../graphql/loaders';

/** The Governing Body's per-request loaders (composed in graphql/loaders.ts). */
export function governingBodyLoaders(sessions: GbSessionService, submissions: SubmissionReadService, o: LoaderOptions = {}) {
  return {
    gbSession: byId<GbSessionRow>((ids) => sessions.byIds(ids), o),
    // The caller is the same for every key of a request: it decides whether DRAFT papers count.
    submissionOfInstrument: forCaller<SubmissionRow | null>((actor, ids) => submissions.latestByInstrumentIds(actor, ids), null, o),
  };
}
