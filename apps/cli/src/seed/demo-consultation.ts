import type { INestApplicationContext } from '@nestjs/common';
import { IdentityReadModel } from '@tripartite/auth';
import type { Actor } from '@tripartite/common';
import { CommentService, RoundService } from '@tripartite/consultation';
import { DraftingReadService } from '@tripartite/drafting';
import { WorkflowService } from '@tripartite/workflow';
import { DEMO_COMMENTS, DemoComment } from './demo-comments';

export const DEMO_SECRETARIAT = 'secretariat@tripartite.demo';
export const DEMO_CLOSE_REASON = 'Demo: comment period closed';

/**
 * A CLOSED first round on the instrument's version 1, with the demo constituents' comments,
 * most of them disposed, leaving the instrument in CONSOLIDATION. Everything goes through
 * the services (the same rules, transactions and audit as the API); a deadline in the future
 * is required to open a round, so the round is closed early, with a reason, as the
 * secretariat would. Does nothing when the instrument already has a round.
 * Needs ConsultationModule and WorkflowModule in the context, and the demo people.
 */
export function seedDemoConsultation(app: INestApplicationContext, instrumentId: string): Promise<void> {
  return consultDemoConstituents(app, instrumentId, DEMO_COMMENTS);
}

/** The same closed first round with the given comments (each disposed as it says), for any demo instrument. */
export async function consultDemoConstituents(app: INestApplicationContext, instrumentId: string, demoComments: DemoComment[]): Promise<void> {
  const rounds = app.get(RoundService, { strict: false });
  const comments = app.get(CommentService, { strict: false });
  const workflow = app.get(WorkflowService, { strict: false });
  const drafting = app.get(DraftingReadService, { strict: false });

  if ((await rounds.byInstrumentIds([instrumentId])).get(instrumentId)?.length) return;
  const version = (await drafting.versionsByInstrumentIds([instrumentId])).find((v) => v.number === 1 && v.status === 'PUBLISHED');
  if (!version) throw new Error(`Demo consultation: instrument ${instrumentId} has no published version 1`);
  const guidelines = new Map((await drafting.guidelinesByVersionIds([version.id])).map((g) => [g.key, g.id]));
  const missing = demoComments.filter((c) => c.guideline !== null && !guidelines.has(c.guideline)).map((c) => c.guideline);
  if (missing.length) throw new Error(`Demo consultation: no guideline ${missing.join(', ')} in the demo instrument`);

  const actors = await actorsByEmail(app, [DEMO_SECRETARIAT, ...demoComments.map((c) => c.author)]);
  const secretariat = actors.get(DEMO_SECRETARIAT)!;
  const closesAt = new Date(Date.now() + 10 * 60_000);

  const round = await rounds.schedule(secretariat, { instrumentId, versionId: version.id, closesAt, visibility: 'AFTER_CLOSE' });
  await workflow.advance(secretariat, instrumentId, 'CONSULTATION');
  const submitted = [];
  for (const c of demoComments) {
    const comment = await comments.submit(actors.get(c.author)!, {
      roundId: round.id,
      guidelineId: c.guideline === null ? null : guidelines.get(c.guideline)!,
      type: c.type,
      body: c.body,
      proposedText: c.proposedText ?? null,
    });
    submitted.push({ id: comment.id, demo: c });
  }
  await workflow.advance(secretariat, instrumentId, 'CONSOLIDATION', DEMO_CLOSE_REASON);
  for (const { id, demo } of submitted) {
    if (demo.disposition) await comments.setDisposition(secretariat, id, demo.disposition, demo.note ?? null);
  }
}

/** The demo people as actors, by email; fails when one is missing. */
export async function actorsByEmail(app: INestApplicationContext, emails: string[]): Promise<Map<string, Actor>> {
  const actors = await app.get(IdentityReadModel, { strict: false }).actorsByEmail(emails);
  const unknown = [...new Set(emails)].filter((e) => !actors.has(e));
  if (unknown.length) throw new Error(`Demo consultation: seed the demo people first (missing ${unknown.join(', ')})`);
  return actors;
}
