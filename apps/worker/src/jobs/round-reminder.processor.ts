import { Injectable } from '@nestjs/common';
import { RoundDeadlines } from '@tripartite/consultation';
import { Transactions } from '@tripartite/database';
import { NotificationsService } from '@tripartite/notifications';
import { HandlesJob, JobHandler, JobPayload } from '@tripartite/queue';

/** Reminds the invited organizations that have not commented (the fan-out picks them at send time). */
@Injectable()
@JobHandler('deadlines', 'round.reminder')
export class RoundReminderProcessor implements HandlesJob<'deadlines', 'round.reminder'> {
  constructor(
    private readonly deadlines: RoundDeadlines,
    private readonly tx: Transactions,
    private readonly notifications: NotificationsService,
  ) {}

  async handle({ roundId, closesAt, offsetMs }: JobPayload<'deadlines', 'round.reminder'>): Promise<string> {
    const round = await this.deadlines.reminderApplies(roundId, closesAt);
    if (!round) return 'moved-on';
    await this.tx.run(({ em }) =>
      this.notifications.emit(em, { kind: 'consultation.reminder', instrumentId: round.instrumentId, subjectId: roundId, data: { roundId, closesAt, offsetMs } }),
    );
    return 'reminded';
  }
}
