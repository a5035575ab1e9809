import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@tripartite/audit';
import { Actor, AppError, FieldErrors, hasRole } from '@tripartite/common';
import { Transactions } from '@tripartite/database';
import { OutboxService } from '@tripartite/outbox';
import { emailJobId } from './job-ids';
import { isUuid } from './kinds';

export type UndeliveredStatus = 'PENDING' | 'DEAD';

/** An email not delivered: still owed (retrying) or DEAD (given up). `id` is its notification's. */
export interface UndeliveredEmailRow {
  id: string;
  status: UndeliveredStatus;
  kind: string;
  eventId: string;
  userId: string;
  attempts: number;
  owedSince: Date;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  lastError: string | null;
}

export interface UndeliveredQuery {
  /** Both when omitted. */
  status?: UndeliveredStatus | null;
  first: number;
  /** The id of the last email of the previous page. */
  after?: string | null;
}

/** At most this many emails per re-send: a request's work stays bounded. */
export const RESEND_MAX = 500;

const COLUMNS = `n.id, n.email_status AS status, n.kind, n.event_id AS "eventId", n.user_id AS "userId", n.email_attempts AS attempts,
  n.email_owed_since AS "owedSince", n.email_last_attempt_at AS "lastAttemptAt",
  CASE WHEN n.email_status = 'PENDING' THEN n.email_next_attempt_at END AS "nextAttemptAt", n.email_last_error AS "lastError"`;

/** Emails as an admin sees them when they were not delivered: the list (newest first) and the re-send of DEAD ones. */
@Injectable()
export class UndeliveredEmails {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async list(actor: Actor, query: UndeliveredQuery): Promise<UndeliveredEmailRow[]> {
    this.requireAdmin(actor);
    const statuses = query.status ? [query.status] : ['PENDING', 'DEAD'];
    if (query.after && !isUuid(query.after)) throw AppError.badInput([{ field: 'after', message: 'must be the id of an email of the previous page' }]);
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM notification n
        WHERE n.email_status IN ('PENDING', 'DEAD') AND n.email_status = ANY($1::text[])
          AND ($2::uuid IS NULL OR (n.created_at, n.id) < (SELECT created_at, id FROM notification WHERE id = $2::uuid))
        ORDER BY n.created_at DESC, n.id DESC LIMIT $3`,
      [statuses, query.after ?? null, query.first],
    );
  }

  /**
   * Sends DEAD emails again: each owed anew, with a fresh EMAIL_RETRY_FOR window and a job of its own (queued through
   * the outbox), audited. All or none: an unknown id is NOT_FOUND, one that is not DEAD (sent, or still retrying)
   * CONFLICT. Returns how many were queued.
   */
  async resend(actor: Actor, ids: string[]): Promise<number> {
    this.requireAdmin(actor);
    const unique = [...new Set(ids)];
    const errors = new FieldErrors();
    errors.check(unique.length > 0, 'ids', 'must name at least one email');
    errors.check(unique.length <= RESEND_MAX, 'ids', `must name at most ${RESEND_MAX} emails per call`);
    errors.throwIfAny();
    const bad = unique.find((id) => !isUuid(id));
    if (bad) throw AppError.notFound('Email', bad);
    return this.tx.run(async ({ em }) => {
      const rows: { id: string; status: string | null; eventId: string; userId: string }[] = await em.query(
        `SELECT id, email_status AS status, event_id AS "eventId", user_id AS "userId" FROM notification WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
        [unique],
      );
      const missing = unique.find((id) => !rows.some((r) => r.id === id));
      if (missing) throw AppError.notFound('Email', missing);
      const notDead = rows.filter((r) => r.status !== 'DEAD');
      if (notDead.length)
        throw AppError.conflict(`${notDead.length} of these emails are not DEAD (sent, skipped or still being retried), e.g. ${notDead[0].id}`);
      const resent: { id: string; eventId: string; userId: string; resends: number }[] = await em
        .query(
          `UPDATE notification SET email_status = 'PENDING', email_owed_since = clock_timestamp(), email_attempts = 0,
                email_next_attempt_at = clock_timestamp(), email_resends = email_resends + 1
          WHERE id = ANY($1::uuid[]) RETURNING id, event_id AS "eventId", user_id AS "userId", email_resends AS resends`,
          [unique],
        )
        .then(([changed]: [typeof resent]) => changed);
      for (const r of resent) {
        await this.outbox.add(em, {
          queue: 'emails',
          name: 'email.send',
          payload: { eventId: r.eventId, userId: r.userId },
          jobId: emailJobId(r.eventId, r.userId, r.resends),
        });
        await this.audit.record(em, actor, 'email.resent', 'Notification', r.id, { resend: r.resends });
      }
      return resent.length;
    });
  }

  private requireAdmin(actor: Actor): void {
    if (!hasRole(actor, 'ADMIN')) throw AppError.forbidden('Only an administrator sees and re-sends undelivered emails');
  }
}
