import { Injectable } from '@nestjs/common';
import { RoundDeadlines } from '@tripartite/consultation';
import { HandlesJob, JobHandler, JobPayload } from '@tripartite/queue';

/** Reminds the invited organizations that have not commented (the fan-out picks them at send time); once, however often the job runs. */
@Injectable()
@JobHandler('deadlines', 'round.reminder')
export class RoundReminderProcessor implements HandlesJob<'deadlines', 'round.reminder'> {
  constructor(private readonly deadlines: RoundDeadlines) {}

  handle({ roundId, closesAt, offsetMs }: JobPayload<'deadlines', 'round.reminder'>): Promise<string> {
    return this.deadlines.remind(roundId, closesAt, offsetMs);
  }
}
