import { Injectable } from '@nestjs/common';
import { RoundDeadlines } from '@tripartite/consultation';
import { NotificationReconciler } from '@tripartite/notifications';
import { HandlesJob, JobHandler } from '@tripartite/queue';

/**
 * The periodic self-healing run (every RECONCILE_INTERVAL_MS, and soon after Redis returns empty, since its
 * scheduler is re-created then): round deadlines, and the notification pipeline's unfinished work
 * (fan-outs, emails, webhook deliveries) re-queued from what PostgreSQL records. Each half runs even if the other fails.
 */
@Injectable()
@JobHandler('maintenance', 'deadlines.reconcile')
export class DeadlinesReconcileProcessor implements HandlesJob<'maintenance', 'deadlines.reconcile'> {
  constructor(
    private readonly rounds: RoundDeadlines,
    private readonly notifications: NotificationReconciler,
  ) {}

  async handle(): Promise<unknown> {
    const [deadlines, notifications] = await Promise.allSettled([this.rounds.reconcile(), this.notifications.reconcile()]);
    if (deadlines.status === 'rejected') throw deadlines.reason;
    if (notifications.status === 'rejected') throw notifications.reason;
    return { deadlines: deadlines.value, notifications: notifications.value };
  }
}
