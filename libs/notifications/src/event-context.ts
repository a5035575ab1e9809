import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DraftingNotificationContext } from '@tripartite/drafting';
import { ConsultationFactsSource } from './consultation-facts';
import { idIn, instantIn, isUuid } from './kinds';
import type { NotificationEventRow } from './repositories';

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
  /** The round a constituent reads about this event in: the event's, the comment's, else the instrument's latest. */
  roundId: string | null;
  /** meeting.*: the meeting. */
  meetingId: string | null;
  /** comment.disposed: the comment, where it is anchored (a guideline's number, null: general), an excerpt, the note. */
  comment: { guideline: string | null; excerpt: string; note: string | null } | null;
  /** consultation.extended: why. */
  extensionReason: string | null;
}

/** How much of a comment's text an email quotes, and of a disposition's note. */
export const EXCERPT_MAX = 300;
export const NOTE_MAX = 2000;

/** `text` with its whitespace folded, cut at a word before `max` characters with an ellipsis. */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Reads the instrument, and the round or comment the event names (from their owners); deadlines are the current ones. */
@Injectable()
export class EventContexts {
  constructor(
    private readonly drafting: DraftingNotificationContext,
    private readonly consultation: ConsultationFactsSource,
  ) {}

  async load(em: EntityManager, event: NotificationEventRow): Promise<EventContext> {
    const roundId = idIn(event.data, 'roundId');
    const commentId = idIn(event.data, 'commentId');
    const [instrument, round, comment] = [
      event.instrumentId ? await this.drafting.instrumentHeading(em, event.instrumentId) : null,
      roundId ? await this.consultation.facts.round(em, roundId) : null,
      commentId ? await this.consultation.facts.comment(em, commentId) : null,
    ];
    const ctx: EventContext = {
      event,
      instrument,
      deadline: null,
      previousDeadline: null,
      roundNumber: round?.number ?? null,
      disposition: comment?.disposition ?? (typeof event.data.disposition === 'string' ? event.data.disposition : null),
      roundId: roundId ?? comment?.roundId ?? (event.instrumentId ? await this.consultation.facts.latestRoundId(em, event.instrumentId) : null),
      comment: comment
        ? {
            guideline: comment.guidelineId ? await this.drafting.guidelineNumber(em, comment.guidelineId) : null,
            excerpt: excerpt(comment.body, EXCERPT_MAX),
            note: comment.dispositionNote?.trim() ? excerpt(comment.dispositionNote, NOTE_MAX) : null,
          }
        : null,
      extensionReason: null,
      meetingId: event.kind.startsWith('meeting.') ? (idIn(event.data, 'meetingId') ?? (isUuid(event.subjectId) ? event.subjectId : null)) : null,
    };
    if (event.kind.startsWith('consultation.')) {
      ctx.deadline = round?.closesAt ?? instantIn(event.data, 'toAt') ?? instantIn(event.data, 'closesAt');
      if (event.kind === 'consultation.extended') {
        ctx.previousDeadline = instantIn(event.data, 'fromAt');
        const toAt = instantIn(event.data, 'toAt');
        const extension = roundId && toAt ? await this.consultation.facts.extension(em, roundId, toAt) : null;
        ctx.extensionReason = extension?.reason.trim() ? excerpt(extension.reason, NOTE_MAX) : null;
      }
    } else if (event.kind.startsWith('meeting.')) {
      ctx.deadline = instantIn(event.data, 'startsAt');
    } else if (event.kind === 'gb.deadline') {
      ctx.deadline = instantIn(event.data, 'documentDeadline');
    }
    return ctx;
  }
}
