import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@tripartite/database';
import type { Stage } from '@tripartite/domain';

export interface StageTransitionRow {
  from: Stage;
  to: Stage;
  at: Date;
  actorId: string | null;
  reason: string | null;
}

export interface NewTransition {
  instrumentId: string;
  from: Stage;
  to: Stage;
  at: Date;
  actorId: string | null;
  reason: string | null;
  earlyClose: boolean;
}

const COLUMNS = `t.from_stage AS "from", t.to_stage AS "to", t.at, t.actor_id AS "actorId", t.reason`;

/** The stage_transition table. */
@Injectable()
export class StageTransitionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: Tx, row: NewTransition): Promise<string> {
    const [{ id }] = await tx.em.query(
      `INSERT INTO stage_transition (instrument_id, from_stage, to_stage, at, actor_id, reason, early_close) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [row.instrumentId, row.from, row.to, row.at, row.actorId, row.reason, row.earlyClose],
    );
    return id;
  }

  /** Each instrument's moves, oldest first. */
  byInstrumentIds(ids: readonly string[]): Promise<(StageTransitionRow & { instrumentId: string })[]> {
    return this.dataSource.query(
      `SELECT t.instrument_id AS "instrumentId", ${COLUMNS} FROM stage_transition t WHERE t.instrument_id = ANY($1::uuid[]) ORDER BY t.at, t.id`,
      [ids],
    );
  }

  async get(id: string): Promise<StageTransitionRow | null> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM stage_transition t WHERE t.id = $1`, [id]);
    return row ?? null;
  }

  /** The database's clock, which decides deadlines (read once per move). */
  async now(tx: Tx): Promise<Date> {
    const [{ now }] = await tx.em.query(`SELECT clock_timestamp() AS now`);
    return now;
  }
}
