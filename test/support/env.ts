/** Where the test services are; CI and developers use the machine's defaults. */
export const PG_SERVER = process.env.TEST_PG_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function runId(): string {
  const id = process.env.TRIPARTITE_TEST_RUN;
  if (!id) throw new Error('TRIPARTITE_TEST_RUN is not set: run the tests through jest (npm test)');
  return id;
}

export const templateDatabase = (run: string) => `tt_${run}_template`;
export const databaseUrl = (name: string) => `${PG_SERVER}/${name}`;
