import { Injectable, OnModuleInit } from '@nestjs/common';
import { CONSULTATION_METRICS, RoundDeadlines } from '@tripartite/consultation';
import { metricsRegistry } from '@tripartite/health';
import { HandlesJob, JobHandler, JobPayload } from '@tripartite/queue';

@Injectable()
@JobHandler('deadlines', 'round.close')
export class RoundCloseProcessor implements HandlesJob<'deadlines', 'round.close'>, OnModuleInit {
  constructor(private readonly deadlines: RoundDeadlines) {}

  /** The worker's GET /metrics (health's registry) serves how late the closes are, whoever handles them (this job or the reconcile). */
  onModuleInit(): void {
    for (const metric of CONSULTATION_METRICS) metricsRegistry.registerMetric(metric);
  }

  handle({ roundId, closesAt }: JobPayload<'deadlines', 'round.close'>): Promise<string> {
    return this.deadlines.closeIfDue(roundId, closesAt);
  }
}
