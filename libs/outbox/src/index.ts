// What other capabilities and the apps use of the outbox: the service (writers, the relay, the metrics) and its rows.
export * from './outbox.service';
export type { OutboxRow, OutboxBacklog } from './repositories/outbox.repository';
export * from './outbox.module';
