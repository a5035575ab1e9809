import { Injectable } from '@nestjs/common';
import { RoundDeadlines } from '@tripartite/consultation';
import { HandlesJob, JobHandler, JobPayload } from '@tripartite/queue';

@Injectable()
@JobHandler('deadlines', 'round.close')
export class RoundCloseProcessor implements HandlesJob<'deadlines', 'round.close'> {
  constructor(private readonly deadlines: RoundDeadlines) {}

  handle({ roundId, closesAt }: JobPayload<'deadlines', 'round.close'>): Promise<string> {
    return this.deadlines.closeIfDue(roundId, closesAt);
  }
}
