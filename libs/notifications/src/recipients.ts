import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NotificationRecipients } from '@tripartite/auth';
import { ConsultationFactsSource } from './consultation-facts';
import { NotificationKind, idIn, isUuid } from './kinds';
import type { NotificationEventRow } from './repositories';

/** The users an event goes to, read at fan-out time. */
export type RecipientResolver = (em: EntityManager, event: NotificationEventRow) => Promise<string[]>;

/**
 * Who receives each kind. Capabilities whose data lives elsewhere (meetings, the Governing Body)
 * register their resolvers at module init; a kind without one reaches no user (its webhooks still fire).
 * Consultation's kinds are built in, from what users (auth) and consultation say.
 */
@Injectable()
export class RecipientResolvers {
  private readonly resolvers: Map<NotificationKind, RecipientResolver>;

  constructor(
    private readonly users: NotificationRecipients,
    private readonly consultation: ConsultationFactsSource,
  ) {
    const secretariat: RecipientResolver = (em) => this.users.secretariat(em);
    /** Constituents of the organizations the round invited (`yetToComment`: that have not commented, as they stand when the reminder goes out). */
    const invited =
      (which: 'all' | 'yetToComment'): RecipientResolver =>
      async (em, event) => {
        const roundId = idIn(event.data, 'roundId');
        if (!roundId) return [];
        return this.users.constituentsOf(em, await this.consultation.facts.invitedOrganizations(em, roundId, which));
      };
    const union =
      (...parts: RecipientResolver[]): RecipientResolver =>
      async (em, event) => {
        const ids: string[] = [];
        for (const part of parts) ids.push(...(await part(em, event)));
        return ids;
      };
    const builtIn: [NotificationKind, RecipientResolver][] = [
      ['consultation.scheduled', invited('all')],
      ['consultation.opened', invited('all')],
      ['consultation.extended', invited('all')],
      ['consultation.reminder', invited('yetToComment')],
      ['consultation.closed', union(invited('all'), secretariat)],
      [
        'comment.disposed',
        async (em, event) => {
          const commentId = idIn(event.data, 'commentId') ?? (isUuid(event.subjectId) ? event.subjectId : null);
          const comment = commentId ? await this.consultation.facts.comment(em, commentId) : null;
          return comment ? this.users.constituentsOf(em, [comment.organizationId]) : [];
        },
      ],
      // The secretariat, and the constituents of every organization invited to a round on the instrument.
      [
        'stage.changed',
        union(secretariat, async (em, event) =>
          event.instrumentId ? this.users.constituentsOf(em, await this.consultation.facts.consultedOrganizations(em, event.instrumentId)) : [],
        ),
      ],
      ['gb.deadline', secretariat],
      // For webhooks only: it carries the signed checkpoint out of the database, and tells no user.
      ['audit.checkpoint', async () => []],
    ];
    this.resolvers = new Map(builtIn);
  }

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
