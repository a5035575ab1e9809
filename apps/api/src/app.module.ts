import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import { PinoLogger } from 'nestjs-pino';
import { AccessGuard, AuthModule } from '@tripartite/auth';
import { AuditModule } from '@tripartite/audit';
import { loggingModule } from '@tripartite/common';
import { AppConfig, ConfigModule } from '@tripartite/config';
import { DatabaseModule } from '@tripartite/database';
import { HealthModule } from '@tripartite/health';
import { RedisModule } from '@tripartite/queue';
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
    HealthModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [AppConfig, PinoLogger, LoadersFactory, GraphQLSchemaHost],
      imports: [LoadersModule],
      useFactory: graphqlOptions,
    }),
  ],
  providers: [{ provide: APP_GUARD, useExisting: AccessGuard }, { provide: APP_FILTER, useClass: AppErrorFilter }, IdentityResolver],
})
export class AppModule {}
