import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { selectList, type Tx } from '@tripartite/database';
import { GbSessionEntity } from '../gb-session.entity';

export type GbSessionRow = GbSessionEntity;

export interface NewSession {
  number: number;
  startsAt: Date;
  endsAt: Date;
  documentDeadline: Date;
  createdBy: string | null;
}

/** A session whose document deadline is ahead, with the database clock. */
export interface SessionDeadline extends Pick<GbSessionRow, 'id' | 'documentDeadline' | 'createdAt'> {
  now: Date;
}

/** The gb_session table. */
@Injectable()
export class GbSessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  private columns(alias: string): string {
    return selectList(this.dataSource, GbSessionEntity, alias);
  }

  /** Whether the instant is after the database clock. */
  async isInFuture(tx: Tx, instant: Date): Promise<boolean> {
    const [{ inFuture }]: { inFuture: boolean }[] = await tx.em.query(`SELECT $1::timestamptz > clock_timestamp() AS "inFuture"`, [instant]);
    return inFuture;
  }

  async numberTaken(tx: Tx, number: number): Promise<boolean> {
    const [taken] = (await tx.em.query(`SELECT 1 FROM gb_session WHERE number = $1`, [number])) as unknown[];
    return taken !== undefined;
  }

  async insert(tx: Tx, row: NewSession): Promise<GbSessionRow> {
    const [session]: GbSessionRow[] = await tx.em.query(
      `INSERT INTO gb_session (number, starts_at, ends_at, document_deadline, created_by) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${this.columns('gb_session')}`,
      [row.number, row.startsAt, row.endsAt, row.documentDeadline, row.createdBy],
    );
    return session;
  }

  /** The row in the write's transaction. */
  async read(tx: Tx, id: string): Promise<GbSessionRow | null> {
    const [row]: GbSessionRow[] = await tx.em.query(`SELECT ${this.columns('s')} FROM gb_session s WHERE s.id = $1`, [id]);
    return row ?? null;
  }

  /** With `ended`: whether it has ended by the database clock. */
  async readWithEnded(tx: Tx, id: string): Promise<(GbSessionRow & { ended: boolean }) | null> {
    const [row]: (GbSessionRow & { ended: boolean })[] = await tx.em.query(
      `SELECT ${this.columns('s')}, s.ends_at <= clock_timestamp() AS ended FROM gb_session s WHERE s.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** The latest `first` sessions, in the order they meet. */
  latest(first: number): Promise<GbSessionRow[]> {
    return this.dataSource.query(
      `SELECT * FROM (SELECT ${this.columns('s')} FROM gb_session s ORDER BY s.starts_at DESC, s.number DESC LIMIT $1) latest
        ORDER BY "startsAt", number`,
      [first],
    );
  }

  byIds(ids: readonly string[]): Promise<GbSessionRow[]> {
    return this.dataSource.query(`SELECT ${this.columns('s')} FROM gb_session s WHERE s.id = ANY($1::uuid[])`, [ids]);
  }

  /** gb_session_document_deadline_idx: only the sessions whose deadline is ahead. */
  withDeadlineAhead(): Promise<SessionDeadline[]> {
    return this.dataSource.query(
      `SELECT s.id, s.document_deadline AS "documentDeadline", s.created_at AS "createdAt", clock_timestamp() AS now
         FROM gb_session s WHERE s.document_deadline > clock_timestamp()`,
    );
  }

  /** The session's number while this document deadline still stands and is ahead; null once it moved or passed. */
  async numberWhileDeadlineAhead(tx: Tx, id: string, documentDeadline: string): Promise<number | null> {
    const [row]: { number: number }[] = await tx.em.query(
      `SELECT number FROM gb_session WHERE id = $1 AND document_deadline = $2::timestamptz AND document_deadline > clock_timestamp()`,
      [id, documentDeadline],
    );
    return row?.number ?? null;
  }
}
