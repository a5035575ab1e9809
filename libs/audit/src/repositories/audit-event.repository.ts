import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Tx } from '@tripartite/database';
import type { ChainedEvent } from '../audit-chain';

const SEALER_LOCK = 7_246_311; // advisory lock key shared by all sealers

/** Selects an event's hashed fields in a stable text form (what chainHash covers, as the sealer and verifier read it). */
const CHAINED_COLUMNS = `
  sequence::int AS sequence,
  to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
  actor_id AS "actorId", action, entity_type AS "entityType", entity_id AS "entityId", data`;

/** An event as a writer appends it; the database gives its id, instant and transaction, the sealer its sequence and hash. */
export interface NewAuditEvent {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
}

/** An unsealed event of a finished transaction, its hashed fields in the chain's text form. */
export type UnsealedEventRow = Omit<ChainedEvent, 'sequence'> & { id: string };

/** A sealed event as the verifier checks it. */
export type SealedEventRow = ChainedEvent & { hash: string };

/** A sealed event as the log lists it (data as JSON text). */
export interface AuditEventRow {
  id: string;
  sequence: number;
  at: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data: string;
  hash: string;
}

/** The end of the sealed chain. */
export interface ChainEnd {
  sequence: number;
  hash: string;
}

/** The audit_event table: appended to by every write, sealed by one sealer at a time, read by the verifier and the log. */
@Injectable()
export class AuditEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends an unsealed event inside the caller's transaction; never waits for other writers. */
  async insert(em: EntityManager, event: NewAuditEvent): Promise<void> {
    await em.query(`INSERT INTO audit_event (actor_id, action, entity_type, entity_id, data) VALUES ($1, $2, $3, $4, $5)`, [
      event.actorId,
      event.action,
      event.entityType,
      event.entityId,
      JSON.stringify(event.data),
    ]);
  }

  /** The id of the caller's transaction, as audit_event.txid holds it (text). */
  async currentTxid(em: EntityManager): Promise<string> {
    const [{ txid }]: { txid: string }[] = await em.query(`SELECT pg_current_xact_id()::text AS txid`);
    return txid;
  }

  /** Waits for a running sealer rather than skipping, so a reader that seals first sees a complete chain. */
  async lockSealer(tx: Tx): Promise<void> {
    await tx.em.query('SELECT pg_advisory_xact_lock($1)', [SEALER_LOCK]);
  }

  /** The last sealed event; in the caller's transaction. */
  async chainEnd(tx: Tx): Promise<ChainEnd | null> {
    const [end]: ChainEnd[] = await tx.em.query(
      `SELECT sequence::int AS sequence, hash FROM audit_event WHERE sequence IS NOT NULL ORDER BY sequence DESC LIMIT 1`,
    );
    return end ?? null;
  }

  /**
   * The next unsealed events in sealing order, only of transactions that are all finished (txid below the
   * snapshot's xmin), so no event still in flight can later land before a sealed one.
   */
  unsealed(tx: Tx, limit: number): Promise<UnsealedEventRow[]> {
    return tx.em.query(
      `SELECT id, ${CHAINED_COLUMNS.replace('sequence::int AS sequence,', '')}
             FROM audit_event
            WHERE sequence IS NULL AND txid < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY txid, at, id
            LIMIT ${limit}`,
    );
  }

  /** Gives events their sequence and hash (the only update the table's trigger allows, once). */
  async seal(tx: Tx, ids: string[], sequences: number[], hashes: string[]): Promise<void> {
    await tx.em.query(
      `UPDATE audit_event e SET sequence = s.sequence, hash = s.hash
           FROM unnest($1::uuid[], $2::bigint[], $3::text[]) AS s(id, sequence, hash)
          WHERE e.id = s.id`,
      [ids, sequences, hashes],
    );
  }

  /** Sealed events from `fromSequence` on, in order. */
  chain(fromSequence: number, limit: number): Promise<SealedEventRow[]> {
    return this.dataSource.query(
      `SELECT ${CHAINED_COLUMNS}, hash FROM audit_event
          WHERE sequence IS NOT NULL AND sequence >= $1 ORDER BY sequence LIMIT ${limit}`,
      [fromSequence],
    );
  }

  /** How many of a transaction's events are not sealed yet. */
  async unsealedOfTransaction(txid: string): Promise<number> {
    const [{ unsealed }]: { unsealed: number }[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE sequence IS NULL)::int AS unsealed FROM audit_event WHERE txid = $1::text::xid8`,
      [txid],
    );
    return unsealed;
  }

  /** Whether an event sealed after `sequence` was written at least `intervalMs` ago. */
  async sealedAfterAndOlderThan(tx: Tx, sequence: number, intervalMs: number): Promise<boolean> {
    const [{ due }]: { due: boolean }[] = await tx.em.query(
      `SELECT EXISTS (SELECT 1 FROM audit_event WHERE sequence > $1 AND at <= clock_timestamp() - make_interval(secs => $2 / 1000.0)) AS due`,
      [sequence, intervalMs],
    );
    return due;
  }

  /** Sealed events after `afterSequence`, of one entity or all, in order. */
  page(afterSequence: number, entityId: string | null, limit: number): Promise<AuditEventRow[]> {
    return this.dataSource.query(
      `SELECT id, sequence::int AS sequence, at, actor_id AS "actorId", action, entity_type AS "entityType",
              entity_id AS "entityId", data::text AS data, hash
         FROM audit_event
        WHERE sequence > $1 AND ($2::text IS NULL OR entity_id = $2)
        ORDER BY sequence
        LIMIT $3`,
      [afterSequence, entityId, limit],
    );
  }
}
