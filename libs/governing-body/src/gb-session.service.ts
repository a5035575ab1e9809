import { Injectable } from '@nestjs/common';
import { Actor, AppError, FieldErrors, hasRole } from '@tripartite/common';
import { AuditService } from '@tripartite/audit';
import { AppConfig, durationMs } from '@tripartite/config';
import { PG_UNIQUE_VIOLATION, Transactions, pgCode } from '@tripartite/database';
import { checkAfter, checkBefore, checkInstant, defaultDocumentDeadline, gbDeadlineReminderJobId, isAcceptedInstant } from '@tripartite/domain';
import { OutboxService } from '@tripartite/outbox';
import { GbSessionRow, sessionColumns, validUuids } from './sql-columns';

export interface CreateSessionInput {
  number: number;
  startsAt: Date;
  endsAt: Date;
  documentDeadline?: Date | null;
}

const NUMBER_TAKEN = 'is already the number of another session';

/** Governing Body sessions: the dates papers are submitted against. */
@Injectable()
export class GbSessionService {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
  ) {}

  /** SECRETARIAT. A session opens in the future (by the database clock); the document deadline defaults to GB_DOCUMENT_DEADLINE_DAYS before it. */
  async create(actor: Actor, input: CreateSessionInput): Promise<GbSessionRow> {
    if (!hasRole(actor, 'SECRETARIAT')) throw AppError.forbidden('Only the secretariat creates Governing Body sessions');
    const { number, startsAt, endsAt } = input;
    const given = input.documentDeadline ?? null;
    const errors = new FieldErrors()
      .check(Number.isInteger(number) && number >= 1, 'number', 'must be a whole number of at least 1')
      .addAll(checkInstant('startsAt', startsAt))
      .addAll(checkInstant('endsAt', endsAt))
      .addAll(checkInstant('documentDeadline', given, { required: false }))
      .addAll(checkAfter('endsAt', endsAt, 'startsAt', startsAt))
      .addAll(checkBefore('documentDeadline', given, 'startsAt', startsAt));

    return this.tx.run(async (tx) => {
      if (isAcceptedInstant(startsAt)) {
        const [{ inFuture }] = await tx.em.query(`SELECT $1::timestamptz > clock_timestamp() AS "inFuture"`, [startsAt]);
        if (!inFuture) errors.add('startsAt', 'must be in the future');
      }
      errors.throwIfAny();
      const documentDeadline = given ?? defaultDocumentDeadline(startsAt, this.config.GB_DOCUMENT_DEADLINE_DAYS);
      const [taken] = await tx.em.query(`SELECT 1 FROM gb_session WHERE number = $1`, [number]);
      if (taken) throw AppError.badInput([{ field: 'number', message: NUMBER_TAKEN }]);
      let session: GbSessionRow;
      try {
        [session] = await tx.em.query(
          `INSERT INTO gb_session (number, starts_at, ends_at, document_deadline, created_by) VALUES ($1, $2, $3, $4, $5)
           RETURNING ${sessionColumns('gb_session')}`,
          [number, startsAt, endsAt, documentDeadline, actor.userId],
        );
      } catch (error) {
        // Lost a race with a concurrent creation of the same number.
        if (pgCode(error) === PG_UNIQUE_VIOLATION) throw AppError.badInput([{ field: 'number', message: NUMBER_TAKEN }]);
        throw error;
      }
      await this.audit.record(tx.em, actor, 'gbSession.created', 'GoverningBodySession', session.id, {
        number,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        documentDeadline: documentDeadline.toISOString(),
      });
      const remindAt = new Date(session.documentDeadline.getTime() - durationMs(this.config.GB_REMINDER_OFFSET));
      // Skipped when its time has already passed at creation (as for rounds and meetings).
      if (remindAt > session.createdAt) {
        await this.outbox.add(tx.em, {
          queue: 'deadlines',
          name: 'gb.deadline-reminder',
          payload: { sessionId: session.id, documentDeadline: session.documentDeadline.toISOString() },
          jobId: gbDeadlineReminderJobId(session.id, session.documentDeadline),
          runAt: remindAt,
        });
      }
      return session;
    });
  }

  /** Every session, in the order they meet. */
  /** The latest `first` sessions, in the order they meet. */
  list(first: number): Promise<GbSessionRow[]> {
    return this.tx.dataSource.query(
      `SELECT * FROM (SELECT ${sessionColumns('s')} FROM gb_session s ORDER BY s.starts_at DESC, s.number DESC LIMIT $1) latest
        ORDER BY "startsAt", number`,
      [first],
    );
  }

  byIds(ids: readonly string[]): Promise<GbSessionRow[]> {
    const valid = validUuids(ids);
    if (!valid.length) return Promise.resolve([]);
    return this.tx.dataSource.query(`SELECT ${sessionColumns('s')} FROM gb_session s WHERE s.id = ANY($1::uuid[])`, [valid]);
  }
}
