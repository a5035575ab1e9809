import { Module } from '@nestjs/common';
import { AuditModule } from '@tripartite/audit';
import { AuthModule } from '@tripartite/auth';
import { ConfigModule } from '@tripartite/config';
import { DatabaseModule } from '@tripartite/database';
import { EventsCheckModule } from '@tripartite/events';
import { ConsultationModule } from '@tripartite/consultation';
import { DraftingModule } from '@tripartite/drafting';
import { GoverningBodyModule } from '@tripartite/governing-body';
import { MeetingsModule } from '@tripartite/meetings';
import { NotificationsModule } from '@tripartite/notifications';
import { OutboxModule } from '@tripartite/outbox';
import { WorkflowModule } from '@tripartite/workflow';
import { QueueModule } from '@tripartite/queue';
import { RedisModule } from '@tripartite/redis';
import { DemoSeeder } from './demo-seeder';

/** The services the seed writes through: the same rules as the API. */
@Module({
  imports: [
    ConfigModule,
    EventsCheckModule,
    DatabaseModule.forRoot(),
    RedisModule,
    QueueModule,
    AuditModule,
    AuthModule,
    OutboxModule,
    WorkflowModule,
    DraftingModule,
    ConsultationModule,
    MeetingsModule,
    GoverningBodyModule,
    NotificationsModule,
  ],
  providers: [DemoSeeder],
})
export class SeedModule {}
