import type { EventContext } from './event-context';
import { escapeHtml } from './escape-html';
import type { NotificationKind } from './kinds';

/** A rendered message: the in-app title and body, and the parts of its email. */
export interface Message {
  title: string;
  body: string;
}

export interface Email {
  subject: string;
  text: string;
  html: string;
}

const STAGE_WORDS: Record<string, string> = {
  DRAFTING: 'drafting',
  CONSULTATION: 'consultation',
  CONSOLIDATION: 'consolidation',
  EXPERTS_MEETING: "the experts' meeting",
  GB_SUBMISSION: 'submission to the Governing Body',
  DECIDED: 'decided',
  WITHDRAWN: 'withdrawn',
};

const DISPOSITION_WORDS: Record<string, string> = {
  ACCEPTED: 'accepted',
  PARTIALLY_ACCEPTED: 'partially accepted',
  NOT_ACCEPTED: 'not accepted',
  NOTED: 'noted',
};

const DECISION_WORDS: Record<string, string> = {
  APPROVED: 'approved',
  APPROVED_WITH_AMENDMENTS: 'approved with amendments',
  NOT_APPROVED: 'not approved',
  DEFERRED: 'deferred',
  REFERRED_BACK: 'referred back',
};

/** What the deadline of each kind is, in the subject line. */
const DEADLINE_LABEL: Partial<Record<NotificationKind, string>> = {
  'consultation.scheduled': 'comments due',
  'consultation.opened': 'comments due',
  'consultation.extended': 'comments now due',
  'consultation.reminder': 'comments due',
  'consultation.closed': 'closed',
  'meeting.scheduled': 'starts',
  'meeting.reminder': 'starts',
  'gb.deadline': 'papers due',
};

function dateTime(at: Date, timeZone: string, zoneName = true): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: zoneName ? 'short' : undefined,
  }).format(at);
}

/** An instant in UTC and in the secretariat's zone, e.g. "Mon, 30 June 2025 at 17:00 UTC" and "... 19:00 CEST (Europe/Zurich)". */
export function formatInstant(at: Date, timeZone: string): { utc: string; local: string } {
  return { utc: dateTime(at, 'UTC'), local: `${dateTime(at, timeZone)} (${timeZone})` };
}

const both = (at: Date, timeZone: string) => {
  const f = formatInstant(at, timeZone);
  return `${f.utc} (${f.local})`;
};

function words(map: Record<string, string>, value: unknown): string {
  return typeof value === 'string' ? (map[value] ?? value.toLowerCase().replace(/_/g, ' ')) : 'updated';
}

/** Title and body of each kind, in plain words. */
export function renderMessage(ctx: EventContext, timeZone: string): Message {
  const { event, deadline } = ctx;
  const ref = ctx.instrument?.reference ?? 'an instrument';
  const named = ctx.instrument ? `${ctx.instrument.reference} "${ctx.instrument.title}"` : 'the instrument';
  const due = deadline ? ` Comments are due by ${both(deadline, timeZone)}.` : '';
  const round = ctx.roundNumber ? `round ${ctx.roundNumber} of the consultation` : 'the consultation';
  const data = event.data;
  switch (event.kind) {
    case 'consultation.scheduled':
      return { title: `Consultation scheduled: ${ref}`, body: `The secretariat has scheduled ${round} on ${named}.${due}` };
    case 'consultation.opened':
      return { title: `Consultation open: ${ref}`, body: `${capital(round)} on ${named} is open for comments.${due}` };
    case 'consultation.extended': {
      const from = ctx.previousDeadline ? ` from ${both(ctx.previousDeadline, timeZone)}` : '';
      const to = deadline ? ` to ${both(deadline, timeZone)}` : '';
      return { title: `Deadline extended: ${ref}`, body: `The deadline of ${round} on ${named} has been extended${from}${to}.` };
    }
    case 'consultation.reminder':
      return {
        title: `Reminder: comments on ${ref}`,
        body: `Your organization has not submitted a comment in ${round} on ${named} yet.${due}`,
      };
    case 'consultation.closed':
      return {
        title: `Consultation closed: ${ref}`,
        body: `${capital(round)} on ${named} has closed${deadline ? ` (deadline ${both(deadline, timeZone)})` : ''}. The secretariat now considers the comments.`,
      };
    case 'comment.disposed':
      return {
        title: `Your comment on ${ref} was answered`,
        body: `The secretariat has recorded its disposition of your organization's comment on ${named}: ${words(DISPOSITION_WORDS, ctx.disposition)}.`,
      };
    case 'stage.changed':
      return {
        title: `${capital(ref)} moved to ${words(STAGE_WORDS, data.to)}`,
        body: `${capital(named)} moved from ${words(STAGE_WORDS, data.from)} to ${words(STAGE_WORDS, data.to)}.`,
      };
    case 'meeting.scheduled':
      return {
        title: `Experts' meeting scheduled: ${ref}`,
        body: `A tripartite meeting of experts on ${named} has been scheduled${deadline ? `; it starts ${both(deadline, timeZone)}` : ''}.`,
      };
    case 'meeting.reminder':
      return {
        title: `Reminder: experts' meeting on ${ref}`,
        body: `The tripartite meeting of experts on ${named} starts ${deadline ? both(deadline, timeZone) : 'soon'}.`,
      };
    case 'gb.deadline':
      return {
        title: `Governing Body papers due${ctx.instrument ? `: ${ref}` : ''}`,
        body: `Papers for the coming Governing Body session are due by ${deadline ? both(deadline, timeZone) : 'the document deadline'}.`,
      };
    case 'gb.decided':
      return {
        title: `Governing Body decision on ${ref}`,
        body: `The Governing Body's decision on ${named}: ${words(DECISION_WORDS, data.decision)}.`,
      };
    case 'audit.checkpoint':
      // Reaches no user (webhooks only); rendered all the same, as every event is.
      return {
        title: `Audit checkpoint${ctx.instrument ? `: ${ref}` : ''}`,
        body: `A signed checkpoint of the audit log was written${typeof data.sequence === 'number' ? ` at event ${data.sequence}` : ''}.`,
      };
  }
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The email of a message: subject with the instrument reference and deadline, a text and an HTML part. */
export function renderEmail(ctx: EventContext, message: Message, recipientName: string, timeZone: string): Email {
  const label = DEADLINE_LABEL[ctx.event.kind];
  const deadline = ctx.deadline && label ? formatInstant(ctx.deadline, timeZone) : null;
  const prefix = ctx.instrument ? `[${ctx.instrument.reference}] ` : '';
  const subject = `${prefix}${message.title}${deadline ? ` (${label} ${deadline.utc})` : ''}`;
  const footer = `You receive this email because of your role in the consultation. You can turn off emails about "${ctx.event.kind}" in your notification settings; they stay in the application.`;
  const text = [`Hello ${recipientName},`, message.body, ...(deadline ? [`${capital(label!)}:\n  ${deadline.utc}\n  ${deadline.local}`] : []), footer].join(
    '\n\n',
  );
  const html = [
    '<!doctype html><html><body>',
    `<p>Hello ${escapeHtml(recipientName)},</p>`,
    `<p>${escapeHtml(message.body)}</p>`,
    deadline ? `<p>${escapeHtml(capital(label!))}:</p><ul><li>${escapeHtml(deadline.utc)}</li><li>${escapeHtml(deadline.local)}</li></ul>` : '',
    `<p style="color:#555;font-size:smaller">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: subject.replace(/[\r\n]+/g, ' '), text, html };
}
