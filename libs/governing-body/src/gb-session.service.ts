import { Injectable } from '@nestjs/common';
import { Actor, AppError, FieldErrors, hasRole, isUuid } from '@tripartite/common';
import { AppConfig } from '@tripartite/config';
import { PG_UNIQUE_VIOLATION, Transactions, pgCode } from '@tripartite/database';
import { checkAfter, checkBefore, checkInstant, defaultDocumentDeadline, isAcceptedInstant } from '@tripartite/domain';
import { EventBus } from '@tripartite/events';
import { GbSessionRepository, GbSessionRow } from './repositories';

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
    private readonly events: EventBus,
    private readonly config: AppConfig,
    private readonly sessions: GbSessionRepository,
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
      if (isAcceptedInstant(startsAt) && !(await this.sessions.isInFuture(tx, startsAt))) errors.add('startsAt', 'must be in the future');
      errors.throwIfAny();
      const documentDeadline = given ?? defaultDocumentDeadline(startsAt, this.config.GB_DOCUMENT_DEADLINE_DAYS);
      if (await this.sessions.numberTaken(tx, number)) throw AppError.badInput([{ field: 'number', message: NUMBER_TAKEN }]);
      let session: GbSessionRow;
      try {
        session = await this.sessions.insert(tx, { number, startsAt, endsAt, documentDeadline, createdBy: actor.userId });
      } catch (error) {
        // Lost a race with a concurrent creation of the same number.
        if (pgCode(error) === PG_UNIQUE_VIOLATION) throw AppError.badInput([{ field: 'number', message: NUMBER_TAKEN }]);
        throw error;
      }
      // Its subscribers schedule the secretariat's reminder before the document deadline.
      await this.events.raise(tx, {
        name: 'gbSession.created',
        actor,
        entityId: session.id,
        data: { number, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), documentDeadline: documentDeadline.toISOString() },
      });
      return session;
    });
  }

  /** The latest `first` sessions, in the order they meet. */
  list(first: number): Promise<GbSessionRow[]> {
    return this.sessions.latest(first);
  }

  byIds(ids: readonly string[]): Promise<GbSessionRow[]> {
    const valid = [...new Set(ids.filter(isUuid))];
    if (!valid.length) return Promise.resolve([]);
    return this.sessions.byIds(valid);
  }
}
