import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A round as its notifications describe it (the deadline is the current one). */
export interface RoundFacts {
  instrumentId: string;
  number: number;
  closesAt: Date;
}

/** A comment as its notifications need it: whose it is, what it says, and its disposition with its note. */
export interface CommentFacts {
  organizationId: string;
  roundId: string;
  /** null: a general comment. */
  guidelineId: string | null;
  body: string;
  disposition: string | null;
  dispositionNote: string | null;
}

/** An extension of a round's deadline, as recorded. */
export interface ExtensionFacts {
  fromAt: Date;
  toAt: Date;
  reason: string;
}

/**
 * What notifications read of consultation: the rounds and comments events name, and the organizations they reach.
 * Consultation provides it (its read model ConsultationNotificationContext, at module init): consultation emits
 * notifications, so notifications cannot import it without a cycle. Each read runs in the caller's transaction (`em`).
 */
export interface ConsultationFacts {
  round(em: EntityManager, roundId: string): Promise<RoundFacts | null>;
  comment(em: EntityManager, commentId: string): Promise<CommentFacts | null>;
  /** The round's extension to this deadline (the latest, if it was extended to it more than once). */
  extension(em: EntityManager, roundId: string, toAt: Date): Promise<ExtensionFacts | null>;
  /** The instrument's latest round (highest number), if any: where a constituent reads about the instrument. */
  latestRoundId(em: EntityManager, instrumentId: string): Promise<string | null>;
  /** The organizations invited to the round; `yetToComment`: only those without a SUBMITTED comment in it. */
  invitedOrganizations(em: EntityManager, roundId: string, which: 'all' | 'yetToComment'): Promise<string[]>;
  /** The organizations invited to any round on the instrument. */
  consultedOrganizations(em: EntityManager, instrumentId: string): Promise<string[]>;
}

/** Where consultation's read model plugs in (see ConsultationFacts). */
@Injectable()
export class ConsultationFactsSource {
  private provided: ConsultationFacts | null = null;

  provide(facts: ConsultationFacts): void {
    this.provided = facts;
  }

  get facts(): ConsultationFacts {
    if (!this.provided) throw new Error('No consultation facts: the process composes NotificationsModule without ConsultationModule');
    return this.provided;
  }
}
