import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AppConfig } from '@tripartite/config';
import { acceptColumnTypes, dataSourceOptions } from './data-source-options';
import { Transactions } from './transactions';

export interface DatabaseModuleOptions {
  /**
   * Cancel any statement of this app's pool that runs past REQUEST_TIMEOUT_MS (lock waits included):
   * the api's statements all serve requests, which may not run longer. The worker's jobs keep no such bound.
   */
  requestBound?: boolean;
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions = {}): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => {
            const base = dataSourceOptions(config.DATABASE_URL);
            return {
              ...base,
              ...(options.requestBound ? { extra: { ...base.extra, statement_timeout: config.REQUEST_TIMEOUT_MS } } : {}),
              migrations: [],
              autoLoadEntities: true,
              retryAttempts: 3,
              retryDelay: 500,
            };
          },
          dataSourceFactory: async (options?: DataSourceOptions) => acceptColumnTypes(new DataSource(options!)),
        }),
      ],
      providers: [Transactions],
      exports: [Transactions],
    };
  }
}
