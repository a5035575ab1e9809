import type { INestApplication } from '@nestjs/common';
import { resetAppConfig } from '@tripartite/config';
import { createApi } from '../../apps/api/src/bootstrap';
import { REDIS_URL } from './env';
import { Document, GqlResponse, gqlRequest, ok } from './graphql-client';
import { deleteRedisKeys } from './redis-keys';
import { TestDatabase, createTestDatabase } from './test-database';

export interface TestApi {
  app: INestApplication;
  url: string;
  db: TestDatabase;
  prefix: string;
  /** A typed document checks its variables and types its answer; a string is untyped. */
  gql<T = any, V = Record<string, unknown>>(document: Document<T, V>, variables?: V, token?: string | null): Promise<GqlResponse<T>>;
  login(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

let counter = 0;

/** Sets the environment a test app reads (config is read once per process, so reset it). */
export function testEnv(db: TestDatabase, prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...extra,
  };
}

/** The real API on a free port, on a fresh database, with its own Redis key prefix. */
export async function startApi(extraEnv: Record<string, string> = {}): Promise<TestApi> {
  const db = await createTestDatabase();
  const prefix = `tt${process.pid}x${++counter}`;
  Object.assign(process.env, testEnv(db, prefix, extraEnv));
  resetAppConfig();
  const app = await createApi();
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const api: TestApi = {
    app,
    url,
    db,
    prefix,
    gql: (document, variables, token) => gqlRequest(url, document as Document<never, never>, variables as Record<string, unknown>, token),
    async login(email, password = TEST_PASSWORD) {
      const res = await gqlRequest(url, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, { e: email, p: password });
      return ok<{ login: { accessToken: string } }>(res).login.accessToken;
    },
    async close() {
      await app.close();
      await db.drop();
      await deleteRedisKeys(prefix);
    },
  };
  return api;
}

export const TEST_PASSWORD = 'correct horse battery staple';
