import { Injectable } from '@nestjs/common';
import { RoundDeadlines } from '@tripartite/consultation';
import { Transactions } from '@tripartite/database';
import { reminderJobId } from '@tripartite/domain';
import { NotificationsService } from '@tripartite/notifications';
import { HandlesJob, JobHandler, JobPayload } from '@tripartite/queue';

/** Reminds the invited organizations that have not commented (the fan-out picks them at send time); once, however often the job runs. */
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
    const event = { kind: 'consultation.reminder' as const, instrumentId: round.instrumentId, subjectId: roundId, data: { roundId, closesAt, offsetMs } };
    const once = reminderJobId(roundId, new Date(closesAt), offsetMs);
    return (await this.tx.run(({ em }) => this.notifications.emitOnce(em, once, event))) ? 'reminded' : 'already-reminded';
  }
}
