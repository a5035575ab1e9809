import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@tripartite/config';
import { Transactions } from '@tripartite/database';
import { loadEventContext } from './event-context';
import { NotificationEventRow, eventColumns } from './kinds';
import { Mailer } from './mailer';
import { renderEmail, renderMessage } from './templates';

export type EmailOutcome = 'sent' | 'already-sent' | 'opted-out' | 'no-notification' | 'not-owed' | 'smtp-off';

export interface EmailTry {
  /** The job's last try: a failure now is final, recorded as FAILED, so nothing queues it again. */
  lastTry?: boolean;
}

/**
 * Sends one user's email about one event. The address is read now (job payloads hold ids only).
 * The notification row is locked while sending and stamped SENT after, so a retried or re-queued job
 * does not send again once a send has succeeded and committed. Every other end is recorded too
 * (SKIPPED, FAILED): an email still PENDING is one the reconcile queues again after Redis lost its job.
 */
@Injectable()
export class EmailSender {
  private readonly logger = new Logger(EmailSender.name);

  constructor(
    private readonly tx: Transactions,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
  ) {}

  async send(eventId: string, userId: string, attempt: EmailTry = {}): Promise<EmailOutcome> {
    if (!this.mailer.enabled) {
      this.logger.warn({ eventId, userId }, 'SMTP_URL is not set; email skipped');
      await this.settle(eventId, userId, 'SKIPPED');
      return 'smtp-off';
    }
    try {
      return await this.sendNow(eventId, userId);
    } catch (error) {
      if (attempt.lastTry) {
        this.logger.warn({ eventId, userId, err: (error as Error).message }, 'email failed on its last try; given up');
        await this.settle(eventId, userId, 'FAILED').catch(() => undefined);
      }
      throw error;
    }
  }

  private sendNow(eventId: string, userId: string): Promise<EmailOutcome> {
    return this.tx.run(async ({ em }) => {
      const [row]: (NotificationEventRow & { notificationId: string; emailStatus: string | null; email: string; displayName: string; optOut: string[] })[] =
        await em.query(
          `SELECT n.id AS "notificationId", n.email_status AS "emailStatus", u.email, u.display_name AS "displayName",
                  u.email_opt_out AS "optOut", ${eventColumns('e')}
             FROM notification n JOIN app_user u ON u.id = n.user_id JOIN notification_event e ON e.id = n.event_id
            WHERE n.event_id = $1 AND n.user_id = $2
            FOR UPDATE OF n`,
          [eventId, userId],
        );
      if (!row) return 'no-notification';
      if (row.emailStatus === 'SENT') return 'already-sent';
      if (row.emailStatus !== 'PENDING') return 'not-owed';
      // The user may have turned this kind off since the fan-out.
      if (row.optOut.includes(row.kind)) {
        await em.query(`UPDATE notification SET email_status = 'SKIPPED' WHERE id = $1`, [row.notificationId]);
        return 'opted-out';
      }

      const zone = this.config.SECRETARIAT_TIME_ZONE;
      const ctx = await loadEventContext(em, row);
      const email = renderEmail(ctx, renderMessage(ctx, zone), row.displayName, zone);
      await this.mailer.send({
        to: { name: row.displayName, address: row.email },
        subject: email.subject,
        text: email.text,
        html: email.html,
        // Stable, so a receiving system can drop a duplicate should a send be repeated after a crash.
        messageId: `<notification-${eventId}-${userId}@tripartite.local>`,
        headers: { 'X-Tripartite-Kind': row.kind, 'X-Tripartite-Event': eventId },
      });
      await em.query(`UPDATE notification SET emailed_at = clock_timestamp(), email_status = 'SENT' WHERE id = $1`, [row.notificationId]);
      return 'sent';
    });
  }

  /** Records that a still-owed email will not be sent. */
  private async settle(eventId: string, userId: string, status: 'SKIPPED' | 'FAILED'): Promise<void> {
    await this.tx.dataSource.query(
      `UPDATE notification SET email_status = $3 WHERE event_id = $1 AND user_id = $2 AND email_status = 'PENDING'`,
      [eventId, userId, status],
    );
  }
}
