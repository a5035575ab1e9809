import { join } from 'node:path';
import { Client, type ClientConfig } from 'pg';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';

/**
 * pg emits 'error' on a client whose connection dies. The pool hands a new client out with no listener, and
 * TypeORM attaches its own a microtask later, so a connection terminated as it opened (its ReadyForQuery and
 * the FATAL in one read) crashed the process. This listener only keeps the event from being unhandled:
 * TypeORM and the pool still see it and discard the client.
 */
class ListenedClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}

/** Options shared by the apps (through Nest) and the CLI (migrate, generate). */
export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    namingStrategy: new SnakeNamingStrategy(),
    migrations: [join(__dirname, 'migrations', '*.{js,ts}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: 20, application_name: 'tripartite', Client: ListenedClient },
    ...extra,
  } as DataSourceOptions;
}

/** Types of the schema that TypeORM 0.3 does not list for PostgreSQL: audit_event.txid is an xid8. */
const EXTRA_COLUMN_TYPES = ['xid8'];

/**
 * Lets a data source's entities declare the columns of the types above, as the migrations made them (TypeORM
 * otherwise refuses the entity, and a column left out of it would be drift). Call it before initialize().
 */
export function acceptColumnTypes<D extends DataSource>(dataSource: D): D {
  const supported = dataSource.driver.supportedDataTypes as string[];
  for (const type of EXTRA_COLUMN_TYPES) if (!supported.includes(type)) supported.push(type);
  return dataSource;
}
