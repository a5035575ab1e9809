import type { EntityManager } from 'typeorm';
import { NotificationEventRow, idIn, instantIn } from './kinds';

/** What the templates say about an event, read when the message is rendered. */
export interface EventContext {
  event: NotificationEventRow;
  instrument: { reference: string; title: string } | null;
  /** The instant that matters: comments due, meeting start, papers due. */
  deadline: Date | null;
  /** consultation.extended: the deadline before the extension. */
  previousDeadline: Date | null;
  roundNumber: number | null;
  disposition: string | null;
}

/** Reads the instrument, and the round or comment the event names; deadlines are the current ones. */
export async function loadEventContext(em: EntityManager, event: NotificationEventRow): Promise<EventContext> {
  const roundId = idIn(event.data, 'roundId');
  const commentId = idIn(event.data, 'commentId');
  const [row] = await em.query(
    `SELECT i.reference, i.title, r.closes_at AS "closesAt", r.number AS "roundNumber", c.disposition
       FROM (SELECT 1) one
       LEFT JOIN instrument i ON i.id = $1::uuid
       LEFT JOIN consultation_round r ON r.id = $2::uuid
       LEFT JOIN comment c ON c.id = $3::uuid`,
    [event.instrumentId, roundId, commentId],
  );
  const ctx: EventContext = {
    event,
    instrument: row.reference ? { reference: row.reference, title: row.title } : null,
    deadline: null,
    previousDeadline: null,
    roundNumber: row.roundNumber ?? null,
    disposition: row.disposition ?? (typeof event.data.disposition === 'string' ? event.data.disposition : null),
  };
  if (event.kind.startsWith('consultation.')) {
    ctx.deadline = row.closesAt ?? instantIn(event.data, 'toAt') ?? instantIn(event.data, 'closesAt');
    if (event.kind === 'consultation.extended') ctx.previousDeadline = instantIn(event.data, 'fromAt');
  } else if (event.kind.startsWith('meeting.')) {
    ctx.deadline = instantIn(event.data, 'startsAt');
  } else if (event.kind === 'gb.deadline') {
    ctx.deadline = instantIn(event.data, 'documentDeadline');
  }
  return ctx;
}
