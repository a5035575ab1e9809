import { Injectable, Logger } from '@nestjs/common';
import { RoundDeadlines } from '@tripartite/consultation';
import { GbDeadlineReminders } from '@tripartite/governing-body';
import { MeetingReminders } from '@tripartite/meetings';
import { NotificationReconciler } from '@tripartite/notifications';
import { HandlesJob, JobHandler } from '@tripartite/queue';

/**
 * The periodic self-healing run (every RECONCILE_INTERVAL_MS, and soon after Redis returns empty, since its
 * scheduler is re-created then). From what PostgreSQL records, under the job ids first used: round deadlines
 * (a round past its deadline is closed here), meeting reminders, GB document-deadline reminders, and the
 * notification pipeline's unfinished work (fan-outs, emails, webhook deliveries). A missing job is added; a
 * job that exhausted its attempts (failed) while its work is still undone is retried once per run, when due.
 * Handlers re-read the database, so neither does anything twice. Each part runs even if another fails.
 */
@Injectable()
@JobHandler('maintenance', 'deadlines.reconcile')
export class DeadlinesReconcileProcessor implements HandlesJob<'maintenance', 'deadlines.reconcile'> {
  private readonly logger = new Logger(DeadlinesReconcileProcessor.name);

  constructor(
    private readonly rounds: RoundDeadlines,
    private readonly notifications: NotificationReconciler,
    private readonly meetings: MeetingReminders,
    private readonly gbSessions: GbDeadlineReminders,
  ) {}

  async handle(): Promise<Record<string, unknown>> {
    const parts = {
      deadlines: () => this.rounds.reconcile(),
      meetings: () => this.meetings.reconcile(),
      gbSessions: () => this.gbSessions.reconcile(),
      notifications: () => this.notifications.reconcile(),
    };
    const names = Object.keys(parts) as (keyof typeof parts)[];
    const settled = await Promise.allSettled(names.map((name) => parts[name]()));
    const result: Record<string, unknown> = {};
    const errors: unknown[] = [];
    settled.forEach((s, i) => {
      if (s.status === 'fulfilled') {
        result[names[i]] = s.value;
        return;
      }
      errors.push(s.reason);
      this.logger.warn({ part: names[i], err: (s.reason as Error)?.message }, 'reconcile part failed; the others ran');
    });
    // The job fails (and is counted) when any part did; the next run tries every part again.
    if (errors.length) throw errors[0];
    return result;
  }
}
