import type { GbDecision } from '@tripartite/domain';
import { event } from '../event';

/** The Governing Body's writes: sessions, and the papers submitted to them. */
export const GOVERNING_BODY_EVENTS = {
  /** jobs: the secretariat's reminder before the document deadline. */
  'gbSession.created': event<{ number: number; startsAt: string; endsAt: string; documentDeadline: string }>('GoverningBodySession', ['jobs']),
  'gbSubmission.prepared': event<{
    instrumentId: string;
    sessionId: string;
    meetingId: string;
    symbol: string;
    agendaItem: number | null;
    agendaItemTitle: string;
    pointForDecision: string;
  }>('GoverningBodySubmission'),
  'gbSubmission.submitted': event<{ instrumentId: string; sessionId: string; symbol: string; submittedAt: string; documentDeadline: string; late: boolean }>(
    'GoverningBodySubmission',
  ),
  /** notify: gb.decided; jobs: a signed audit checkpoint right after the decision (what someone might want undone). */
  'gbSubmission.decided': event<{ instrumentId: string; sessionId: string; symbol: string; decision: GbDecision; text: string | null }>(
    'GoverningBodySubmission',
    ['notify', 'jobs'],
  ),
} as const;
