import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxEntity } from './outbox.entity';
import { OutboxService } from './outbox.service';
import { OutboxRepository } from './repositories/outbox.repository';

/**
 * The outbox table: jobs written in the writer's transaction, moved to BullMQ by the worker's relay. Needs
 * DatabaseModule (the application's). Still global while capabilities that add jobs without importing it remain
 * (audit, consultation, meetings, governing body).
 */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxEntity])],
  providers: [OutboxService, OutboxRepository],
  exports: [OutboxService],
})
export class OutboxModule {}
