import { Histogram } from 'prom-client';

/**
 * Consultation's own measures, defined in prom-client's default registry. An app that serves them at GET /metrics
 * from another registry adds them there (`registry.registerMetric(metric)` for each of CONSULTATION_METRICS).
 */
export const roundCloseLateness = new Histogram({
  name: 'tripartite_round_close_lateness_seconds',
  help: 'Time from a round’s closesAt to the moment its close was handled',
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60, 300],
});

export const CONSULTATION_METRICS = [roundCloseLateness] as const;
