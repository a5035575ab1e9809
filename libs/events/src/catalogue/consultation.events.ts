import type { CommentType, CommentVisibility, ConstituentGroup, Disposition } from '@tripartite/domain';
import { event } from '../event';

/** Consultation's writes: rounds (scheduled, extended; opened and closed with the stage moves) and comments. */
export const CONSULTATION_EVENTS = {
  'round.scheduled': event<{
    instrumentId: string;
    number: number;
    versionId: string;
    closesAt: string;
    groups: ConstituentGroup[];
    visibility: CommentVisibility;
    acceptLate: boolean;
    invited: number;
  }>('ConsultationRound', ['notify']),
  // An OPEN round's close job and reminders follow the new deadline (the old ones do nothing when they fire).
  'round.extended': event<{ from: string; to: string; reason: string }>('ConsultationRound', ['jobs', 'notify']),
  // Organizations added to a SCHEDULED or OPEN round (reminders before the close go to them too).
  'round.invited': event<{ organizationIds: string[] }>('ConsultationRound'),
  // The close job at closesAt and the reminders before it.
  'round.opened': event<{ instrumentId: string; number: number; opensAt: string | undefined; closesAt: string }>('ConsultationRound', ['jobs', 'notify']),
  'round.closed': event<{ instrumentId: string; number: number; closedAt: string | undefined; closesAt: string; earlyClose: boolean; reason: string | null }>(
    'ConsultationRound',
    ['notify'],
  ),
  'comment.submitted': event<{
    roundId: string;
    guidelineId: string | null;
    organizationId: string;
    group: ConstituentGroup;
    type: CommentType;
    late: boolean;
  }>('Comment', ['live']),
  'comment.updated': event<{ revision: number; changed: string[]; previous: Record<string, unknown> }>('Comment'),
  'comment.withdrawn': event<{ revision: number; roundId: string }>('Comment'),
  'comment.disposed': event<{ disposition: Disposition | null; note: string | null; previous: { disposition: Disposition; note: string | null } | null }>(
    'Comment',
    ['notify'],
  ),
} as const;
