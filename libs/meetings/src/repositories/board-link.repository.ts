import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '@tripartite/database';

/** A board link as it is read: never its digest. */
export interface BoardLinkRow {
  id: string;
  meetingId: string;
  label: string;
  createdAt: Date;
  createdBy: string;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
}

export interface NewBoardLink {
  meetingId: string;
  label: string;
  tokenHash: Buffer;
  createdBy: string;
  expiresAt: Date;
}

/** A link that opens its board now (not revoked, not expired, its meeting's report not adopted), by the database's clock. */
export interface OpenBoardLink {
  id: string;
  meetingId: string;
  expiresAt: Date;
}

const COLUMNS = (a: string) =>
  `${a}.id, ${a}.meeting_id AS "meetingId", ${a}.label, ${a}.created_at AS "createdAt", ${a}.created_by AS "createdBy",
   ${a}.expires_at AS "expiresAt", ${a}.revoked_at AS "revokedAt", ${a}.revoked_by AS "revokedBy"`;

const OPENS = `l.revoked_at IS NULL AND l.expires_at > clock_timestamp() AND m.status <> 'REPORT_ADOPTED'`;

/** The board_link table. */
@Injectable()
export class BoardLinkRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: Tx, link: NewBoardLink): Promise<BoardLinkRow> {
    const [row]: BoardLinkRow[] = await tx.em.query(
      `INSERT INTO board_link AS l (meeting_id, label, token_hash, created_by, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS('l')}`,
      [link.meetingId, link.label, link.tokenHash, link.createdBy, link.expiresAt],
    );
    return row;
  }

  /** The database's clock, in the write's transaction (expiries are decided by it). */
  async now(tx: Tx): Promise<Date> {
    const [{ now }]: { now: Date }[] = await tx.em.query(`SELECT clock_timestamp() AS now`);
    return now;
  }

  /** The meeting's links not revoked and not expired (what the cap counts). */
  async activeCount(tx: Tx, meetingId: string): Promise<number> {
    const [{ n }]: { n: number }[] = await tx.em.query(
      `SELECT count(*)::int AS n FROM board_link WHERE meeting_id = $1 AND revoked_at IS NULL AND expires_at > clock_timestamp()`,
      [meetingId],
    );
    return n;
  }

  /** The link locked for its revocation; null when there is none. */
  async lock(tx: Tx, id: string): Promise<BoardLinkRow | null> {
    const [row]: BoardLinkRow[] = await tx.em.query(`SELECT ${COLUMNS('l')} FROM board_link l WHERE l.id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  }

  async revoke(tx: Tx, id: string, by: string): Promise<BoardLinkRow> {
    const [[row]]: [BoardLinkRow[], number] = await tx.em.query(
      `UPDATE board_link AS l SET revoked_at = clock_timestamp(), revoked_by = $2 WHERE l.id = $1 RETURNING ${COLUMNS('l')}`,
      [id, by],
    );
    return row;
  }

  /** The meeting's links not revoked and not expired, oldest first (at most CAPACITY.boardLinksPerMeeting). */
  active(meetingId: string): Promise<BoardLinkRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS('l')} FROM board_link l
        WHERE l.meeting_id = $1 AND l.revoked_at IS NULL AND l.expires_at > clock_timestamp()
        ORDER BY l.created_at, l.id`,
      [meetingId],
    );
  }

  async openByHash(tokenHash: Buffer): Promise<OpenBoardLink | null> {
    const [row]: OpenBoardLink[] = await this.dataSource.query(
      `SELECT l.id, l.meeting_id AS "meetingId", l.expires_at AS "expiresAt"
         FROM board_link l JOIN experts_meeting m ON m.id = l.meeting_id
        WHERE l.token_hash = $1 AND ${OPENS}`,
      [tokenHash],
    );
    return row ?? null;
  }

  async openById(id: string): Promise<OpenBoardLink | null> {
    const [row]: OpenBoardLink[] = await this.dataSource.query(
      `SELECT l.id, l.meeting_id AS "meetingId", l.expires_at AS "expiresAt"
         FROM board_link l JOIN experts_meeting m ON m.id = l.meeting_id
        WHERE l.id = $1 AND ${OPENS}`,
      [id],
    );
    return row ?? null;
  }
}
