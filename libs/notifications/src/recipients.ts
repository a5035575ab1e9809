import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotificationEventRow, NotificationKind, idIn, isUuid } from './kinds';

/** The users an event goes to, read at fan-out time. */
export type RecipientResolver = (em: EntityManager, event: NotificationEventRow) => Promise<string[]>;

const ids = async (em: EntityManager, sql: string, params: unknown[]): Promise<string[]> =>
  ((await em.query(sql, params)) as { id: string }[]).map((r) => r.id);

const SECRETARIAT = `SELECT u.id FROM app_user u WHERE 'SECRETARIAT' = ANY(u.roles)`;

/** Constituents of the organizations a round invited. */
const INVITED = `SELECT u.id FROM app_user u JOIN round_invitation ri ON ri.organization_id = u.organization_id
                  WHERE ri.round_id = $1 AND 'CONSTITUENT' = ANY(u.roles)`;

function byRound(sql: string): RecipientResolver {
  return (em, event) => {
    const roundId = idIn(event.data, 'roundId');
    return roundId ? ids(em, sql, [roundId]) : Promise.resolve([]);
  };
}

const BUILT_IN: Partial<Record<NotificationKind, RecipientResolver>> = {
  'consultation.scheduled': byRound(INVITED),
  'consultation.opened': byRound(INVITED),
  'consultation.extended': byRound(INVITED),
  // Only organizations that have not commented, as they stand when the reminder goes out.
  'consultation.reminder': byRound(
    `${INVITED} AND NOT EXISTS (SELECT 1 FROM comment c WHERE c.round_id = ri.round_id
                                   AND c.organization_id = ri.organization_id AND c.status = 'SUBMITTED')`,
  ),
  'consultation.closed': byRound(`${INVITED} UNION ${SECRETARIAT}`),
  'comment.disposed': (em, event) => {
    const commentId = idIn(event.data, 'commentId') ?? (isUuid(event.subjectId) ? event.subjectId : null);
    return commentId
      ? ids(em, `SELECT u.id FROM app_user u JOIN comment c ON c.organization_id = u.organization_id WHERE c.id = $1 AND 'CONSTITUENT' = ANY(u.roles)`, [
          commentId,
        ])
      : Promise.resolve([]);
  },
  'stage.changed': (em, event) =>
    ids(
      em,
      `${SECRETARIAT} UNION
       SELECT u.id FROM app_user u
        WHERE 'CONSTITUENT' = ANY(u.roles)
          AND u.organization_id IN (SELECT ri.organization_id FROM round_invitation ri
                                      JOIN consultation_round r ON r.id = ri.round_id WHERE r.instrument_id = $1)`,
      [event.instrumentId],
    ),
  'gb.deadline': (em) => ids(em, SECRETARIAT, []),
  // For webhooks only: it carries the signed checkpoint out of the database, and tells no user.
  'audit.checkpoint': async () => [],
};

/**
 * Who receives each kind. Capabilities whose data lives elsewhere (meetings, the Governing Body)
 * register their resolvers at module init; a kind without one reaches no user (its webhooks still fire).
 */
@Injectable()
export class RecipientResolvers {
  private readonly resolvers = new Map<NotificationKind, RecipientResolver>(Object.entries(BUILT_IN) as [NotificationKind, RecipientResolver][]);

  register(kind: NotificationKind, resolver: RecipientResolver): void {
    this.resolvers.set(kind, resolver);
  }

  has(kind: NotificationKind): boolean {
    return this.resolvers.has(kind);
  }

  /** Distinct user ids, or null when no resolver is registered for the kind. */
  async resolve(em: EntityManager, event: NotificationEventRow): Promise<string[] | null> {
    const resolver = this.resolvers.get(event.kind);
    if (!resolver) return null;
    return [...new Set(await resolver(em, event))];
  }
}
