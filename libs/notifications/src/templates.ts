import { DEFAULT_LANGUAGE, LANGUAGE_LOCALES, type Language } from '@tripartite/domain';
import type { EventContext } from './event-context';
import { escapeHtml } from './escape-html';
import type { NotificationKind } from './kinds';
import { translator } from './messages';

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

type DeadlineLabel = 'commentsDue' | 'commentsNowDue' | 'closed' | 'starts' | 'papersDue';

/** What the deadline of each kind is, in the subject line and above the times. */
const DEADLINE_LABEL: Partial<Record<NotificationKind, DeadlineLabel>> = {
  'consultation.scheduled': 'commentsDue',
  'consultation.opened': 'commentsDue',
  'consultation.extended': 'commentsNowDue',
  'consultation.reminder': 'commentsDue',
  'consultation.closed': 'closed',
  'meeting.scheduled': 'starts',
  'meeting.reminder': 'starts',
  'gb.deadline': 'papersDue',
};

const DAY_MS = 86_400_000;

function dateTime(at: Date, timeZone: string, language: Language, zoneName = true): string {
  return new Intl.DateTimeFormat(LANGUAGE_LOCALES[language], {
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

/**
 * An instant in UTC and in the secretariat's zone, in the reader's locale, e.g. "Mon, 30 June 2025 at 17:00 UTC" and
 * "... 19:00 CEST (Europe/Zurich)"; "lun. 30 juin 2025 à 17:00 UTC"; "lun, 30 de junio de 2025, 17:00 UTC".
 */
export function formatInstant(at: Date, timeZone: string, language: Language = DEFAULT_LANGUAGE): { utc: string; local: string } {
  const t = translator(language);
  return { utc: dateTime(at, 'UTC', language), local: t('at.zoned', { at: dateTime(at, timeZone, language), zone: timeZone }) };
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Title and body of each kind, in plain words of the reader's language. */
export function renderMessage(ctx: EventContext, timeZone: string, language: Language = DEFAULT_LANGUAGE): Message {
  const t = translator(language);
  const { event, deadline } = ctx;
  const both = (at: Date) => {
    const f = formatInstant(at, timeZone, language);
    return t('at.both', { utc: f.utc, local: f.local });
  };
  const words = (group: 'stage' | 'disposition' | 'decision', value: unknown): string =>
    typeof value === 'string' ? t(`${group}.${value}`, { defaultValue: value.toLowerCase().replace(/_/g, ' ') }) : t('updated');
  const ref = ctx.instrument?.reference ?? t('instrument.someRef');
  const named = ctx.instrument ? t('instrument.named', { reference: ctx.instrument.reference, title: ctx.instrument.title }) : t('instrument.someNamed');
  const suffix = ctx.instrument ? t('instrument.refSuffix', { reference: ctx.instrument.reference }) : '';
  const round = ctx.roundNumber ? t('round.numbered', { number: ctx.roundNumber }) : t('round.unnumbered');
  const due = deadline ? t('due', { at: both(deadline) }) : '';
  const v = { ref, Ref: capital(ref), named, Named: capital(named), round, Round: capital(round), due, suffix };
  const data = event.data;
  const message = (key: string, values: Record<string, unknown> = {}, body = 'body'): Message => ({
    title: t(`${key}.title`, { ...v, ...values }),
    body: t(`${key}.${body}`, { ...v, ...values }),
  });
  switch (event.kind) {
    case 'consultation.scheduled':
      return message('consultationScheduled');
    case 'consultation.opened':
      return message('consultationOpened');
    case 'consultation.extended':
      return message('consultationExtended', {
        from: ctx.previousDeadline ? t('consultationExtended.from', { at: both(ctx.previousDeadline) }) : '',
        to: deadline ? t('consultationExtended.to', { at: both(deadline) }) : '',
        reason: ctx.extensionReason ? t('consultationExtended.reason', { reason: ctx.extensionReason }) : '',
      });
    case 'consultation.reminder': {
      // Whole days left when the reminder was raised (7 and 1 by default); none said under a day.
      const days = deadline ? Math.floor((deadline.getTime() - event.occurredAt.getTime()) / DAY_MS) : 0;
      return message('consultationReminder', { daysLeft: days >= 1 ? t('daysLeft', { count: days }) : '' });
    }
    case 'consultation.closed':
      return message('consultationClosed', { deadline: deadline ? t('consultationClosed.deadline', { at: both(deadline) }) : '' });
    case 'comment.disposed':
      return message('commentDisposed', {
        disposition: words('disposition', ctx.disposition),
        where: ctx.comment ? (ctx.comment.guideline ? t('commentDisposed.guideline', { number: ctx.comment.guideline }) : t('commentDisposed.general')) : '',
        note: ctx.comment?.note ? t('commentDisposed.note', { note: ctx.comment.note }) : '',
        excerpt: ctx.comment?.excerpt ? t('commentDisposed.excerpt', { text: ctx.comment.excerpt }) : '',
      });
    case 'stage.changed':
      return message('stageChanged', { from: words('stage', data.from), to: words('stage', data.to) });
    case 'meeting.scheduled':
      return message('meetingScheduled', { starts: deadline ? t('meetingScheduled.starts', { at: both(deadline) }) : '' });
    case 'meeting.reminder':
      return deadline ? message('meetingReminder', { at: both(deadline) }) : message('meetingReminder', {}, 'bodySoon');
    case 'gb.deadline':
      return deadline ? message('gbDeadline', { at: both(deadline) }) : message('gbDeadline', {}, 'bodyUndated');
    case 'gb.decided':
      return message('gbDecided', { decision: words('decision', data.decision) });
    case 'audit.checkpoint':
      // Reaches no user (webhooks only); rendered all the same, as every event is.
      return message('auditCheckpoint', { at: typeof data.sequence === 'number' ? t('auditCheckpoint.at', { sequence: data.sequence }) : '' });
  }
}

/**
 * The email of a message: subject with the instrument reference and deadline, a text and an HTML part, in the reader's
 * language. The footer points to the reader's settings page: its address when `appUrl` (APP_URL) is known, else in words;
 * `pageUrl` (built from APP_URL, see links.ts) is the page the email is about, linked below the body.
 */
export function renderEmail(
  ctx: EventContext,
  message: Message,
  recipientName: string,
  timeZone: string,
  language: Language = DEFAULT_LANGUAGE,
  appUrl: string | null = null,
  pageUrl: string | null = null,
): Email {
  const t = translator(language);
  const label = DEADLINE_LABEL[ctx.event.kind];
  const deadline = ctx.deadline && label ? formatInstant(ctx.deadline, timeZone, language) : null;
  const prefix = ctx.instrument ? `[${ctx.instrument.reference}] ` : '';
  const subject = `${prefix}${message.title}${deadline ? t(`email.subjectDeadline.${label}`, { at: deadline.utc }) : ''}`;
  const greeting = t('email.greeting', { name: recipientName });
  const heading = deadline ? t(`email.deadlineHeading.${label}`) : '';
  const settingsUrl = appUrl ? `${appUrl.replace(/\/+$/, '')}/settings` : null;
  const footer = settingsUrl ? t('email.footerLink', { kind: ctx.event.kind, url: settingsUrl }) : t('email.footer', { kind: ctx.event.kind });
  const open = pageUrl ? t('email.open', { url: pageUrl }) : null;
  const text = [greeting, message.body, ...(open ? [open] : []), ...(deadline ? [`${heading}\n  ${deadline.utc}\n  ${deadline.local}`] : []), footer].join(
    '\n\n',
  );
  const html = [
    `<!doctype html><html lang="${language.toLowerCase()}"><body>`,
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(message.body)}</p>`,
    open && pageUrl ? `<p>${linked(escapeHtml(open), escapeHtml(pageUrl))}</p>` : '',
    deadline ? `<p>${escapeHtml(heading)}</p><ul><li>${escapeHtml(deadline.utc)}</li><li>${escapeHtml(deadline.local)}</li></ul>` : '',
    `<p style="color:#555;font-size:smaller">${settingsUrl ? linked(escapeHtml(footer), escapeHtml(settingsUrl)) : escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: subject.replace(/[\r\n]+/g, ' '), text, html };
}

/** The escaped footer with its (escaped) address made a link. */
function linked(footer: string, url: string): string {
  return footer.replace(url, `<a href="${url}">${url}</a>`);
}
