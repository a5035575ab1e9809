import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import { PinoLogger } from 'nestjs-pino';
import { AccessGuard, AuthModule, BoardLinkAuthenticator, TokensService } from '@tripartite/auth';
import { MeetingsModule } from '@tripartite/meetings';
import { AuditModule } from '@tripartite/audit';
import { loggingModule } from '@tripartite/common';
import { AppConfig, ConfigModule } from '@tripartite/config';
import { DatabaseModule } from '@tripartite/database';
import { EventsCheckModule } from '@tripartite/events';
import { HealthModule } from '@tripartite/health';
import { OutboxModule } from '@tripartite/outbox';
import { QueueModule } from '@tripartite/queue';
import { RedisModule } from '@tripartite/redis';
import { WorkflowModule } from '@tripartite/workflow';
import { AuditApiModule } from './audit/audit-api.module';
import { ConsultationApiModule } from './consultation/consultation-api.module';
import { DraftingApiModule } from './drafting/drafting-api.module';
import { GoverningBodyApiModule } from './governing-body/governing-body-api.module';
import { WorkflowApiModule } from './workflow/workflow-api.module';
import { AppErrorFilter } from './graphql/app-error.filter';
import { graphqlOptions } from './graphql/graphql.options';
import { LoadersFactory } from './graphql/loaders';
import { LoadersModule } from './graphql/loaders.module';
import { IdentityApiModule } from './identity/identity-api.module';
import { LiveApiModule } from './live/live-api.module';
import { MeetingsApiModule } from './meetings/meetings-api.module';
import { NotificationsApiModule } from './notifications/notifications-api.module';

@Module({
  imports: [
    ConfigModule,
    EventsCheckModule,
    loggingModule('api'),
    DatabaseModule.forRoot({ requestBound: true }),
    RedisModule,
    QueueModule,
    AuditModule,
    AuthModule,
    OutboxModule,
    WorkflowModule,
    IdentityApiModule,
    AuditApiModule,
    WorkflowApiModule,
    DraftingApiModule,
    ConsultationApiModule,
    HealthModule,
    LiveApiModule,
    MeetingsApiModule,
    GoverningBodyApiModule,
    NotificationsApiModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [AppConfig, PinoLogger, LoadersFactory, GraphQLSchemaHost, TokensService, BoardLinkAuthenticator],
      imports: [LoadersModule, AuthModule, MeetingsModule],
      useFactory: graphqlOptions,
    }),
  ],
  providers: [
    { provide: APP_GUARD, useExisting: AccessGuard },
    { provide: APP_FILTER, useClass: AppErrorFilter },
  ],
})
export class AppModule {}
