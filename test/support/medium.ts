import type { DynamicModule, Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfig, ConfigModule, resetAppConfig } from '@tripartite/config';
import { DatabaseModule } from '@tripartite/database';
import { QueueModule } from '@tripartite/queue';
import { RedisModule } from '@tripartite/redis';
import { deleteRedisKeys } from './redis-keys';
import { testEnv } from './test-api';
import { TestDatabase, createTestDatabase } from './test-database';

/** A capability's services on the real PostgreSQL (and Redis), without HTTP or GraphQL: the middle tier of tests. */
export interface Medium {
  module: TestingModule;
  db: TestDatabase;
  config: AppConfig;
  get<T>(type: Type<T>): T;
  close(): Promise<void>;
}

let counter = 0;

/**
 * Composes the given capability modules over configuration, the database and Redis, as the apps do, on a fresh
 * migrated database with a Redis prefix of its own. Only the subscribers of the modules given hear events (the
 * apps' boot check that every effect has one is not run here: a medium test composes part of an app).
 */
export async function startMedium(imports: (Type<unknown> | DynamicModule)[], extraEnv: Record<string, string> = {}): Promise<Medium> {
  const db = await createTestDatabase();
  const prefix = `tm${process.pid}x${++counter}`;
  Object.assign(process.env, testEnv(db, prefix, extraEnv));
  resetAppConfig();
  let module: TestingModule | undefined;
  try {
    module = await Test.createTestingModule({ imports: [ConfigModule, DatabaseModule.forRoot(), RedisModule, QueueModule, ...imports] }).compile();
    await module.init();
  } catch (error) {
    await module?.close();
    await db.drop();
    throw error;
  }
  const ready = module;
  return {
    module: ready,
    db,
    config: ready.get(AppConfig),
    get: <T>(type: Type<T>) => ready.get(type, { strict: false }),
    async close() {
      await ready.close();
      await db.drop();
      await deleteRedisKeys(prefix);
    },
  };
}
