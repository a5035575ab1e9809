import { Injectable } from '@nestjs/common';
import { RoundDeadlines } from '@tripartite/consultation';
import { HandlesJob, JobHandler } from '@tripartite/queue';

@Injectable()
@JobHandler('maintenance', 'deadlines.reconcile')
export class DeadlinesReconcileProcessor implements HandlesJob<'maintenance', 'deadlines.reconcile'> {
  constructor(private readonly rounds: RoundDeadlines) {}

  handle(): Promise<unknown> {
    return this.rounds.reconcile();
  }
}
