import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process; api and worker each export it at GET /metrics. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'tripartite_' });

// tripartite_round_close_lateness_seconds is consultation's (CONSULTATION_METRICS): the apps register it here.

export const jobDuration = new Histogram({
  name: 'tripartite_job_duration_seconds',
  help: 'Duration of handled jobs',
  labelNames: ['queue', 'name', 'outcome'],
  buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
  registers: [metricsRegistry],
});

export const jobFailures = new Counter({
  name: 'tripartite_job_failures_total',
  help: 'Failed job attempts',
  labelNames: ['queue', 'name'],
  registers: [metricsRegistry],
});

export const graphqlHeavyQueries = new Gauge({
  name: 'tripartite_graphql_heavy_queries',
  help: 'Queries priced at GRAPHQL_HEAVY_COST or more, running (at most GRAPHQL_HEAVY_CONCURRENCY) and waiting for a slot',
  labelNames: ['state'],
  registers: [metricsRegistry],
});

export const graphqlDuration = new Histogram({
  name: 'tripartite_graphql_operation_duration_seconds',
  help: 'Duration of GraphQL operations by operation name',
  labelNames: ['operation', 'type', 'outcome'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [metricsRegistry],
});

export const queueDepth = new Gauge({
  name: 'tripartite_queue_jobs',
  help: 'Jobs per queue and state, read at scrape time',
  labelNames: ['queue', 'state'],
  registers: [metricsRegistry],
});

export const outboxPending = new Gauge({
  name: 'tripartite_outbox_pending',
  help: 'Outbox rows not yet moved to BullMQ',
  registers: [metricsRegistry],
});

export const outboxOldestAge = new Gauge({
  name: 'tripartite_outbox_oldest_pending_age_seconds',
  help: 'Age of the oldest outbox row not yet moved to BullMQ',
  registers: [metricsRegistry],
});
