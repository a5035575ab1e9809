export * from './job-catalogue';
export * from './job-handler';
export * from './bullmq-connection';
export * from './queues.service';
export * from './queue.module';
export * from './job-options';
export * from './requeue';
