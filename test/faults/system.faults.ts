// The fault suite (npm run test:faults): the built api and worker as child processes, on a private Redis and a
// database of their own, through concurrency, a Redis crash, PostgreSQL connection kills and worker kills, in turn.
import { afterAllScenario } from './after-all';
import { concurrencyScenario } from './concurrency';
import { pgTerminateScenario } from './pg-terminate';
import { redisRestartScenario } from './redis-restart';
import { World } from './support/world';
import { workerKillScenario } from './worker-kill';

const world = new World();

beforeAll(() => world.start(), 120_000);
afterAll(() => world.stop(), 30_000);

concurrencyScenario(() => world);
redisRestartScenario(() => world);
pgTerminateScenario(() => world);
workerKillScenario(() => world);
afterAllScenario(() => world);
