import { CommentQueryService, DispositionRecordRow, ExtensionRow, RoundRow, RoundService } from '@tripartite/consultation';
import type { GuidelineEntity } from '@tripartite/drafting';
import { LoaderOptions, byId, forCaller, listsBy } from '../graphql/loaders';

/** Consultation's per-request loaders (composed in graphql/loaders.ts); parents are checked before they are reached. */
export function consultationLoaders(rounds: RoundService, comments: CommentQueryService, o: LoaderOptions = {}) {
  return {
    round: byId<RoundRow>((ids) => rounds.byIds(ids), o),
    roundsOfInstrument: listsBy<RoundRow>((ids) => rounds.byInstrumentIds(ids), o),
    invitedOrganizationsOfRound: listsBy<string>((ids) => rounds.invitedOrganizationIdsByRoundIds(ids), o),
    extensionsOfRound: listsBy<ExtensionRow>((ids) => rounds.extensionsByRoundIds(ids), o),
    guideline: byId<GuidelineEntity>((ids) => comments.guidelinesByIds(ids), o),
    // The caller is the same for every key of a request (the history is the secretariat's).
    dispositionHistoryOfComment: forCaller<DispositionRecordRow[]>((actor, ids) => comments.dispositionHistoryByCommentIds(actor, ids), [], o),
  };
}
