import { Injectable, Logger } from '@nestjs/common';
import { RoundDeadlines } from '@tripartite/consultation';
import { roundCloseLateness } from '@tripartite/health';
import { HandlesJob, JobHandler, JobPayload } from '@tripartite/queue';

@Injectable()
@JobHandler('deadlines', 'round.close')
export class RoundCloseProcessor implements HandlesJob<'deadlines', 'round.close'> {
  private readonly logger = new Logger(RoundCloseProcessor.name);

  constructor(private readonly deadlines: RoundDeadlines) {}

  async handle({ roundId, closesAt }: JobPayload<'deadlines', 'round.close'>): Promise<string> {
    const outcome = await this.deadlines.closeIfDue(roundId, closesAt);
    if (outcome === 'closed') {
      const lateness = (Date.now() - Date.parse(closesAt)) / 1000;
      roundCloseLateness.observe(Math.max(0, lateness));
      this.logger.log({ roundId, closesAt, lateness }, 'closed the round at its deadline');
    }
    return outcome;
  }
}
