import { Injectable, Logger } from '@nestjs/common';
import { NotificationRecipients } from '@tripartite/auth';
import { AppConfig } from '@tripartite/config';
import { Transactions } from '@tripartite/database';
import { EmailRetryPolicy, emailRetryInMs } from './email-backoff';
import { EventContexts } from './event-context';
import { appLink, pagePath, readerOf } from './links';
import { Mailer, SmtpAnswer } from './mailer';
import { NotificationRepository } from './repositories';
import { renderEmail, renderMessage } from './templates';
import { unsubscribeToken, unsubscribeUrl } from './unsubscribe-token';

export type EmailOutcome =
  | { result: 'sent'; response: string }
  | { result: 'already-sent' | 'opted-out' | 'deactivated' | 'no-notification' | 'not-owed' | 'smtp-off' }
  | { result: 'retry'; error: string; retryInMs: number }
  | { result: 'dead'; error: string };

const TEXT_MAX = 1000;

export const SMTP_OFF_WARNING =
  'SMTP_URL is not set: emails are not sent, notifications stay in-app only (this is not repeated for each email). To send them, set SMTP_URL, e.g. smtp://127.0.0.1:1025 with Mailpit (docker run -p 1025:1025 -p 8025:8025 axllent/mailpit; inbox at http://localhost:8025)';

/** SMTP errors that are the server refusing this message for good (RFC 5321 5yz to the envelope or the data). */
const PERMANENT_CODES = ['EENVELOPE', 'EMESSAGE'];

type SmtpError = Error & { code?: string; responseCode?: number; response?: string };

/** The last error as recorded: the SMTP server's answer when there was one, else the error. */
export function smtpErrorText(error: unknown): string {
  const e = error as SmtpError;
  const text = e?.response ? `${e.message} (${e.response})` : e?.message || String(error);
  return text.slice(0, TEXT_MAX);
}

const isPermanent = (error: unknown): boolean => {
  const e = error as SmtpError;
  return PERMANENT_CODES.includes(e?.code ?? '') && (e?.responseCode ?? 0) >= 500 && (e?.responseCode ?? 0) < 600;
};

/**
 * Sends one user's email about one event. The address is read now (job payloads hold ids only).
 * The notification row is locked while sending, so two jobs of one email never send it side by side.
 * Every try is recorded on the row: a failed one with its error and when the next is due (EMAIL_BACKOFF_MS doubling
 * to EMAIL_BACKOFF_MAX_MS, for EMAIL_RETRY_FOR since the email was owed), so the reconcile can queue it again after a
 * Redis loss; after the window, or when the server refuses the message for good (5xx), it is DEAD, for an admin to
 * see and re-send. An accepted message is SENT with the server's answer, never anything else: if recording that
 * fails (the database went away), the answer is kept in memory and the job's next run records it without sending
 * again (only a worker that dies in between sends twice, with the same Message-ID). Opted out since: SKIPPED.
 */
@Injectable()
export class EmailSender {
  private readonly logger = new Logger(EmailSender.name);
  /** Accepted by the SMTP server, SENT not yet recorded: by notification key. */
  private readonly unrecorded = new Map<string, SmtpAnswer>();
  private smtpOffWarned = false;

  constructor(
    private readonly tx: Transactions,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
    private readonly notifications: NotificationRepository,
    private readonly users: NotificationRecipients,
    private readonly contexts: EventContexts,
  ) {}

  private get policy(): EmailRetryPolicy {
    return { retryForMs: this.config.emailRetryForMs, backoffMs: this.config.EMAIL_BACKOFF_MS, backoffMaxMs: this.config.EMAIL_BACKOFF_MAX_MS };
  }

  async send(eventId: string, userId: string): Promise<EmailOutcome> {
    const key = `${eventId}/${userId}`;
    const accepted = this.unrecorded.get(key);
    if (accepted) {
      const recorded = await this.recordSent(eventId, userId, accepted);
      this.unrecorded.delete(key);
      return recorded ? { result: 'sent', response: accepted.response } : { result: 'already-sent' };
    }
    if (!this.mailer.enabled) {
      // Said once per process, with what to do; each skipped email after that only at debug.
      if (!this.smtpOffWarned) this.logger.warn(SMTP_OFF_WARNING);
      else this.logger.debug({ eventId, userId }, 'SMTP_URL is not set; email skipped');
      this.smtpOffWarned = true;
      await this.notifications.skipPendingEmail(eventId, userId);
      return { result: 'smtp-off' };
    }
    return this.tx
      .run(async ({ em }): Promise<EmailOutcome> => {
        const row = await this.notifications.lockEmail(em, eventId, userId);
        if (!row) return { result: 'no-notification' };
        if (row.emailStatus === 'SENT') return { result: 'already-sent' };
        if (row.emailStatus !== 'PENDING') return { result: 'not-owed' };
        const mailbox = await this.users.mailbox(em, userId);
        if (!mailbox) return { result: 'no-notification' };
        // A deactivated user is told nothing more, whatever was owed before.
        if (mailbox.deactivated) {
          await this.notifications.skipEmail(em, row.notificationId);
          return { result: 'deactivated' };
        }
        // The user may have turned this kind off since the fan-out.
        if (mailbox.emailOptOut.includes(row.kind)) {
          await this.notifications.skipEmail(em, row.notificationId);
          return { result: 'opted-out' };
        }

        const zone = this.config.SECRETARIAT_TIME_ZONE;
        const ctx = await this.contexts.load(em, row);
        // In the recipient's language as it stands now (they may have changed it since the fan-out).
        const appUrl = this.config.APP_URL ?? null;
        // The page the email is about, as this reader's role sees it.
        const pageUrl = appLink(appUrl, pagePath(ctx, readerOf(mailbox.roles)));
        const email = renderEmail(ctx, renderMessage(ctx, zone, mailbox.language), mailbox.displayName, zone, mailbox.language, appUrl, pageUrl);
        let answer: SmtpAnswer;
        try {
          answer = await this.mailer.send({
            to: { name: mailbox.displayName, address: mailbox.email },
            subject: email.subject,
            text: email.text,
            html: email.html,
            // Stable, so a receiving system can drop a duplicate should a send be repeated after a crash.
            messageId: `<notification-${eventId}-${userId}@tripartite.local>`,
            headers: {
              'X-Tripartite-Kind': row.kind,
              'X-Tripartite-Event': eventId,
              // RFC 3834: sent by a program, so auto-responders stay quiet.
              'Auto-Submitted': 'auto-generated',
              // RFC 2369 and RFC 8058: one click in the mail client turns this kind off for this user (needs APP_URL).
              ...(appUrl
                ? {
                    'List-Unsubscribe': `<${unsubscribeUrl(appUrl, unsubscribeToken(this.config.jwtSecret, userId, row.kind))}>`,
                    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
                  }
                : {}),
            },
          });
        } catch (error) {
          const text = smtpErrorText(error);
          const retryInMs = isPermanent(error) ? null : emailRetryInMs(row.tries, row.owedSince.getTime(), row.now.getTime(), this.policy);
          await this.notifications.recordFailedTry(em, row.notificationId, row.tries, text, retryInMs);
          if (retryInMs === null) {
            this.logger.warn({ eventId, userId, tries: row.tries, err: text }, 'email given up: DEAD, for an admin to re-send');
            return { result: 'dead', error: text };
          }
          return { result: 'retry', error: text, retryInMs };
        }
        // Sent, whatever happens to this transaction from here.
        this.unrecorded.set(key, answer);
        await this.notifications.recordSent(em, row.notificationId, row.tries, answer.response.slice(0, TEXT_MAX));
        return { result: 'sent', response: answer.response };
      })
      .then((outcome) => {
        this.unrecorded.delete(key);
        return outcome;
      });
  }

  /** Records an accepted message as SENT; false if it already was. */
  private async recordSent(eventId: string, userId: string, answer: SmtpAnswer): Promise<boolean> {
    const changed = await this.notifications.recordSentLate(eventId, userId, answer.response.slice(0, TEXT_MAX));
    if (changed) this.logger.warn({ eventId, userId }, 'recorded an email the SMTP server had accepted before its SENT mark was lost');
    return changed;
  }
}
