import { Injectable } from '@nestjs/common';
import type { Tx } from '@tripartite/database';
import { acceptsLateComments, type Stage } from '@tripartite/domain';
import { ConsultationDraftingReadModel } from '@tripartite/drafting';
import { RoundRepository, type RoundRow } from './round.repository';

export interface HeldRound<X extends object = object> {
  /** The round's columns, and the `extra` ones asked for. */
  round: RoundRow & X;
  /** A write after the deadline is kept as late: the round acceptLate, is the instrument's latest, and the instrument is still in consultation or consolidation. */
  acceptsLate: boolean;
}

export interface LockedRound extends HeldRound {
  /** The database clock when the deadline was checked, as exact ISO text (microseconds): the write's own instant. */
  at: string;
  /** at < closesAt, both read inside this transaction. */
  inTime: boolean;
}

/** Exact ISO text (microseconds) of a timestamptz expression. */
export const isoMicros = (expr: string): string => `to_char((${expr}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The round lock every comment write takes (DESIGN.md section 3). */
@Injectable()
export class RoundLockRepository {
  constructor(
    private readonly rounds: RoundRepository,
    private readonly drafting: ConsultationDraftingReadModel,
  ) {}

  /**
   * Locks a round and its instrument for share until the transaction ends (DESIGN.md section 3), in one
   * statement that also answers `extra` (more columns, reading $2... of `params`; `r` is the round).
   * PostgreSQL locks the rows of `FOR SHARE OF i, r` in that order: the instrument first, as stage moves lock
   * it, so a close at the deadline and a write never deadlock: one waits for the other and then sees its
   * result (a row changed while we waited is read again at its newest version). Drafting writes the instrument's
   * part of the statement (ConsultationDraftingReadModel.selectHeldWithInstrument). Tested in
   * consultation-deadline.test.ts.
   */
  async hold<X extends object = object>(tx: Tx, roundId: string | null, extra = '', params: unknown[] = []): Promise<HeldRound<X> | null> {
    const [row]: (RoundRow & X & { stage: Stage; latest: boolean })[] = await tx.em.query(
      this.drafting.selectHeldWithInstrument({
        select: `${this.rounds.columns('r')},
            NOT EXISTS (SELECT 1 FROM consultation_round n WHERE n.instrument_id = r.instrument_id AND n.number > r.number) AS latest
            ${extra ? `, ${extra}` : ''}`,
        from: 'consultation_round r',
        alias: 'r',
        instrumentId: 'r.instrument_id',
        where: 'r.id = $1',
      }),
      [roundId, ...params],
    );
    if (!row) return null;
    const { stage, latest, ...round } = row;
    const held = round as RoundRow & X;
    return { round: held, acceptsLate: acceptsLateComments({ acceptLate: held.acceptLate, status: held.status, isLatest: latest, stage }) };
  }

  /**
   * Holds the round (above) and then reads the database clock against its deadline in a statement of its own,
   * after the locks are held: `clock_timestamp()`, not the transaction's `now()`.
   */
  async lockForWrite(tx: Tx, roundId: string): Promise<LockedRound | null> {
    const held = await this.hold(tx, roundId);
    if (!held) return null;
    const [clock]: { at: string; inTime: boolean }[] = await tx.em.query(
      `SELECT ${isoMicros('t.at')} AS at, t.at < r.closes_at AS "inTime" FROM (SELECT clock_timestamp() AS at) t, consultation_round r WHERE r.id = $1`,
      [roundId],
    );
    return { round: held.round, acceptsLate: held.acceptsLate, at: clock.at, inTime: clock.inTime };
  }
}
