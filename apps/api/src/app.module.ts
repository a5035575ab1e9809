import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import { PinoLogger } from 'nestjs-pino';
import { AccessGuard, AuthModule } from '@tripartite/auth';
import { AuditModule } from '@tripartite/audit';
import { ConsultationModule } from '@tripartite/consultation';
import { loggingModule } from '@tripartite/common';
import { AppConfig, ConfigModule } from '@tripartite/config';
import { DatabaseModule } from '@tripartite/database';
import { HealthModule } from '@tripartite/health';
import { RedisModule } from '@tripartite/queue';
import { WorkflowModule } from '@tripartite/workflow';
import { AuditResolver } from './audit/audit.resolver';
import { CONSULTATION_API } from './consultation/consultation-api';
import { DraftingApiModule } from './drafting/drafting-api.module';
import { StageTransitionResolver, WorkflowResolver } from './workflow/workflow.resolver';
import { AppErrorFilter } from './graphql/app-error.filter';
import { graphqlOptions } from './graphql/graphql.options';
import { LoadersFactory } from './graphql/loaders';
import { LoadersModule } from './graphql/loaders.module';
import { IdentityResolver } from './identity/identity.resolver';

@Module({
  imports: [
    ConfigModule,
    loggingModule('api'),
    DatabaseModule,
    RedisModule,
    AuditModule,
    AuthModule,
    WorkflowModule,
    DraftingApiModule,
    ConsultationModule,
    HealthModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [AppConfig, PinoLogger, LoadersFactory, GraphQLSchemaHost],
      imports: [LoadersModule],
      useFactory: graphqlOptions,
    }),
  ],
  controllers: [...CONSULTATION_API.controllers],
  providers: [
    ...CONSULTATION_API.providers,
    { provide: APP_GUARD, useExisting: AccessGuard }, { provide: APP_FILTER, useClass: AppErrorFilter }, IdentityResolver, AuditResolver, WorkflowResolver, StageTransitionResolver],
})
export class AppModule {}
