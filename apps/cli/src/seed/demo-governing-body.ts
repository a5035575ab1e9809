import type { INestApplicationContext } from '@nestjs/common';
import { GbSessionNumbersReadModel, GbSessionService, SubmissionReadService, SubmissionService } from '@tripartite/governing-body';
import { DEMO_SECRETARIAT, actorsByEmail } from './demo-consultation';

/** The demo's Governing Body session: upcoming, its document deadline (GB_DOCUMENT_DEADLINE_DAYS before it) still ahead. */
export const DEMO_GB_SESSION = {
  number: 356,
  /** Opens this many days after the seed, for ten days. */
  opensInDays: 40,
  days: 10,
};

export const DEMO_GB_PAPER = {
  symbol: `GB.${DEMO_GB_SESSION.number}/INS/4`,
  agendaItemTitle: 'Outcome of the tripartite meeting of experts on protecting workers from heat stress',
  pointForDecision:
    'The Governing Body approves the guidelines on protecting workers from heat stress as adopted by the tripartite meeting of experts and reproduced in Appendix I, and requests the Director-General to publish them and to promote their use by constituents.',
};

/**
 * The session, and on it the instrument's paper, prepared (DRAFT: ready for the secretariat to submit before the
 * deadline). Through the services; the session is found by its number, the paper by its instrument, so a second run
 * writes nothing. The instrument must be in GB_SUBMISSION (seedDemoMeeting with a report adopted).
 */
export async function seedDemoGoverningBody(app: INestApplicationContext, instrumentId: string): Promise<void> {
  const sessions = app.get(GbSessionService, { strict: false });
  const submissions = app.get(SubmissionService, { strict: false });
  const secretariat = (await actorsByEmail(app, [DEMO_SECRETARIAT])).get(DEMO_SECRETARIAT)!;

  let sessionId = await app.get(GbSessionNumbersReadModel, { strict: false }).idByNumber(DEMO_GB_SESSION.number);
  if (!sessionId) {
    const startsAt = new Date(Date.now() + DEMO_GB_SESSION.opensInDays * 86_400_000);
    const endsAt = new Date(startsAt.getTime() + DEMO_GB_SESSION.days * 86_400_000);
    sessionId = (await sessions.create(secretariat, { number: DEMO_GB_SESSION.number, startsAt, endsAt })).id;
  }
  // As the system, which sees drafts too.
  if ((await app.get(SubmissionReadService, { strict: false }).latestByInstrumentIds(null, [instrumentId])).has(instrumentId)) return;
  await submissions.prepare(secretariat, { instrumentId, sessionId, ...DEMO_GB_PAPER });
}
