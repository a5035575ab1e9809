import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GbSessionService, SubmissionService } from '@tripartite/governing-body';
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
  const dataSource = app.get(DataSource, { strict: false });
  const sessions = app.get(GbSessionService, { strict: false });
  const submissions = app.get(SubmissionService, { strict: false });
  const secretariat = (await actorsByEmail(dataSource, [DEMO_SECRETARIAT])).get(DEMO_SECRETARIAT)!;

  let [session]: { id: string }[] = await dataSource.query(`SELECT id FROM gb_session WHERE number = $1`, [DEMO_GB_SESSION.number]);
  if (!session) {
    const [{ now }] = await dataSource.query(`SELECT clock_timestamp() AS now`);
    const startsAt = new Date(now.getTime() + DEMO_GB_SESSION.opensInDays * 86_400_000);
    const endsAt = new Date(startsAt.getTime() + DEMO_GB_SESSION.days * 86_400_000);
    session = await sessions.create(secretariat, { number: DEMO_GB_SESSION.number, startsAt, endsAt });
  }
  const [paper] = await dataSource.query(`SELECT 1 FROM gb_submission WHERE instrument_id = $1`, [instrumentId]);
  if (paper) return;
  await submissions.prepare(secretariat, { instrumentId, sessionId: session.id, ...DEMO_GB_PAPER });
}
