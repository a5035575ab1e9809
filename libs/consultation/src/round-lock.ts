import type { Tx } from '@tripartite/database';
import type { Stage } from '@tripartite/domain';
import { RoundRow, roundColumns } from './sql-columns';

export interface LockedRound {
  round: RoundRow;
  /** The database clock when the deadline was checked, as exact ISO text (microseconds): the write's own instant. */
  at: string;
  /** at < closesAt, both read inside this transaction. */
  inTime: boolean;
  /** A write after the deadline is kept as late: the round acceptLate, is the instrument's latest, and the instrument is still in consultation or consolidation. */
  acceptsLate: boolean;
}

const LATE_STAGES: Stage[] = ['CONSULTATION', 'CONSOLIDATION'];

/**
 * Locks a round against changes for the rest of the transaction and reads the
 * database clock against its deadline (DESIGN.md section 3). The instrument is
 * share-locked first, in the order stage moves lock (instrument, then round),
 * so a close at the deadline and a write never deadlock: one waits for the
 * other and then sees its result. The clock is read in a statement of its own,
 * after the locks are held: `clock_timestamp()`, not the transaction's `now()`.
 */
export async function lockRoundForWrite(tx: Tx, roundId: string): Promise<LockedRound | null> {
  const [instrument]: { stage: Stage }[] = await tx.em.query(
    `SELECT stage FROM instrument WHERE id = (SELECT instrument_id FROM consultation_round WHERE id = $1) FOR SHARE`,
    [roundId],
  );
  if (!instrument) return null;
  const [round]: (RoundRow & { latest: boolean })[] = await tx.em.query(
    `SELECT ${roundColumns('r')},
            NOT EXISTS (SELECT 1 FROM consultation_round n WHERE n.instrument_id = r.instrument_id AND n.number > r.number) AS latest
       FROM consultation_round r WHERE r.id = $1 FOR SHARE OF r`,
    [roundId],
  );
  const [clock]: { at: string; inTime: boolean }[] = await tx.em.query(
    `SELECT to_char(t.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, t.at < r.closes_at AS "inTime" FROM (SELECT clock_timestamp() AS at) t, consultation_round r WHERE r.id = $1`,
    [roundId],
  );
  const { latest, ...plain } = round;
  return {
    round: plain,
    at: clock.at,
    inTime: clock.inTime,
    acceptsLate: round.acceptLate && latest && LATE_STAGES.includes(instrument.stage),
  };
}
