import { Injectable } from '@nestjs/common';
import { Actor, AppError, FieldErrors, hasRole } from '@tripartite/common';
import { Transactions } from '@tripartite/database';
import { EventBus } from '@tripartite/events';
import { OutboxService } from '@tripartite/outbox';
import { emailJobId } from './job-ids';
import { isUuid } from './kinds';
import { NotificationRepository, UndeliveredEmailRow, UndeliveredStatus } from './repositories';

export interface UndeliveredQuery {
  /** Both when omitted. */
  status?: UndeliveredStatus | null;
  first: number;
  /** The id of the last email of the previous page. */
  after?: string | null;
}

/** At most this many emails per re-send: a request's work stays bounded. */
export const RESEND_MAX = 500;

/** Emails as an admin sees them when they were not delivered: the list (newest first) and the re-send of DEAD ones. */
@Injectable()
export class UndeliveredEmails {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly tx: Transactions,
    private readonly events: EventBus,
    private readonly outbox: OutboxService,
  ) {}

  async list(actor: Actor, query: UndeliveredQuery): Promise<UndeliveredEmailRow[]> {
    this.requireAdmin(actor);
    const statuses: UndeliveredStatus[] = query.status ? [query.status] : ['PENDING', 'DEAD'];
    if (query.after && !isUuid(query.after)) throw AppError.badInput([{ field: 'after', message: 'must be the id of an email of the previous page' }]);
    return this.notifications.undelivered(statuses, query.after ?? null, query.first);
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
    return this.tx.run(async (tx) => {
      const rows = await this.notifications.lockEmails(tx.em, unique);
      const missing = unique.find((id) => !rows.some((r) => r.id === id));
      if (missing) throw AppError.notFound('Email', missing);
      const notDead = rows.filter((r) => r.status !== 'DEAD');
      if (notDead.length)
        throw AppError.conflict(`${notDead.length} of these emails are not DEAD (sent, skipped or still being retried), e.g. ${notDead[0].id}`);
      const resent = await this.notifications.resendEmails(tx.em, unique);
      for (const r of resent) {
        await this.outbox.add(tx.em, {
          queue: 'emails',
          name: 'email.send',
          payload: { eventId: r.eventId, userId: r.userId },
          jobId: emailJobId(r.eventId, r.userId, r.resends),
        });
        await this.events.raise(tx, { name: 'email.resent', actor, entityId: r.id, data: { resend: r.resends } });
      }
      return resent.length;
    });
  }

  private requireAdmin(actor: Actor): void {
    if (!hasRole(actor, 'ADMIN')) throw AppError.forbidden('Only an administrator sees and re-sends undelivered emails');
  }
}
