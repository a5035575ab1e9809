import DataLoader from 'dataloader';
import type { Actor } from '@tripartite/common';
import { CommentQueryService, DispositionRecordRow, ExtensionRow, RoundRow, RoundService } from '@tripartite/consultation';
import type { GuidelineEntity } from '@tripartite/drafting';
import { byId, listsBy } from '../graphql/loaders';

/** Consultation's per-request loaders (composed in graphql/loaders.ts); parents are checked before they are reached. */
export function consultationLoaders(rounds: RoundService, comments: CommentQueryService) {
  return {
    round: byId<RoundRow>((ids) => rounds.byIds(ids)),
    roundsOfInstrument: listsBy<RoundRow>((ids) => rounds.byInstrumentIds(ids)),
    invitedOrganizationsOfRound: listsBy<string>((ids) => rounds.invitedOrganizationIdsByRoundIds(ids)),
    extensionsOfRound: listsBy<ExtensionRow>((ids) => rounds.extensionsByRoundIds(ids)),
    guideline: byId<GuidelineEntity>((ids) => comments.guidelinesByIds(ids)),
    // The caller is the same for every key of a request (the history is the secretariat's).
    dispositionHistoryOfComment: new DataLoader<{ actor: Actor | null; commentId: string }, DispositionRecordRow[], string>(
      async (keys) => {
        const map = await comments.dispositionHistoryByCommentIds(keys[0].actor, keys.map((k) => k.commentId));
        return keys.map((k) => map.get(k.commentId) ?? []);
      },
      { cacheKeyFn: (k) => k.commentId },
    ),
  };
}
