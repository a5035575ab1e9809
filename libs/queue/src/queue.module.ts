import { Module } from '@nestjs/common';
import { Queues } from './queues.service';

/**
 * The BullMQ queues of the job catalogue (Queues), for whoever adds or inspects jobs. Needs ConfigModule and
 * RedisModule (the application's); imported where Queues is injected.
 */
@Module({ providers: [Queues], exports: [Queues] })
export class QueueModule {}
