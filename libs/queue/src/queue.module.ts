import { Global, Module } from '@nestjs/common';
import { Queues } from './queues.service';

/**
 * The BullMQ queues of the job catalogue (Queues), for whoever adds or inspects jobs. Needs ConfigModule. Import it
 * where Queues is injected; still global while capabilities that inject Queues without importing it remain
 * (consultation, meetings, governing body, the api's queue dashboard).
 */
@Global()
@Module({ providers: [Queues], exports: [Queues] })
export class QueueModule {}
