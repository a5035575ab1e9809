// Browser tests of the web client: the built api (and worker, when asked) as child processes on a test
// database, Debian's chromium driven by playwright-core, axe-core for accessibility, screenshots at
// 360 and 1920 px. One world (one api, one browser) per test file; pages are cheap, reuse them.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { sessionChangesChannel } from '@tripartite/auth';
import { People, REDIS_URL, TEST_PASSWORD, TestApi, deleteRedisKeys, gqlRequest, ok, seedPeople, startApi, type GqlResponse } from '@tripartite/testing';
import { startWorker, type WorkerHandle } from '../notifications/e2e-support';
import { AppProcess, freePort, health, startProcess, waitFor } from '../ops/processes';

export { TEST_PASSWORD };

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, 'screenshots');
const JWT_SECRET = 'browser tests: a secret of more than thirty-two characters';
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface WorldOptions {
  /** Also run the worker (deadlines, notifications, outbox relay). */
  worker?: boolean;
  /** Extra api environment (e.g. JWT_TTL). The api runs with NODE_ENV=production: the real CSP applies. */
  env?: Record<string, string>;
  /** Extra worker environment (e.g. SMTP_URL, for emails caught by a test server). */
  workerEnv?: Record<string, string>;
}

export interface WebWorld {
  /** http://127.0.0.1:<port>: the api, serving the client at / */
  url: string;
  api: AppProcess;
  worker: WorkerHandle | null;
  /** The seeded cast (test/support seedPeople); every password is TEST_PASSWORD. */
  people: People;
  /** The test database and the Redis key prefix, shared by the api and worker. */
  db: TestApi['db'];
  prefix: string;
  browser: Browser;
  /** GraphQL over HTTP against the api, for setting up what a page shows. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GqlResponse<T>>;
  /** A token for `email` (to set data up through the API). */
  login(email: string, password?: string): Promise<string>;
  /** Stops the api and starts it again on the same port (with `env` added), e.g. to test reconnection. */
  restartApi(env?: Record<string, string>): Promise<void>;
  /**
   * Ends every session, as their expiry would: every token held by a page is refused from now on
   * (UNAUTHENTICATED over HTTP, 4401 "Session ended" on the socket), and so is every refresh. Sign in again to go on.
   */
  invalidateTokens(): Promise<void>;
  /** Restarts the api with a new signing secret: the pages' access tokens are refused, their sessions live on. */
  rotateSecret(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the api (+ worker) from dist on a fresh database with the seeded cast, and chromium. */
export async function startWebWorld(options: WorldOptions = {}): Promise<WebWorld> {
  // The in-process api creates and migrates the database and seeds people; the real one runs from dist.
  const seeder = await startApi();
  let people: People;
  try {
    people = await seedPeople(seeder.app);
  } finally {
    await seeder.app.close();
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const apiEnv = (extra: Record<string, string> = {}) => ({
    NODE_ENV: 'production',
    JWT_SECRET,
    DATABASE_URL: seeder.db.url,
    REDIS_URL,
    QUEUE_PREFIX: seeder.prefix,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    LOGIN_MAX_ATTEMPTS_PER_CLIENT: '1000',
    ...options.env,
    ...extra,
  });
  let secret = JWT_SECRET;
  let secrets = 0;
  const cleanup: (() => Promise<unknown>)[] = [() => seeder.db.drop(), () => deleteRedisKeys(seeder.prefix)];
  try {
    let api = await startReadyApi(url, apiEnv());
    cleanup.unshift(() => api.kill());
    const worker = options.worker ? await startWorker(seeder, { JWT_SECRET, ...options.workerEnv }) : null;
    if (worker) cleanup.unshift(() => worker.proc.kill());
    const browser = await launchBrowser();
    cleanup.unshift(() => browser.close());
    const world: WebWorld = {
      url,
      get api() {
        return api;
      },
      worker,
      people,
      db: seeder.db,
      prefix: seeder.prefix,
      browser,
      gql: (query, variables, token) => gqlRequest(url, query, variables, token),
      async login(email, password = TEST_PASSWORD) {
        const res = await gqlRequest(url, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, { e: email, p: password });
        return ok<{ login: { accessToken: string } }>(res).login.accessToken;
      },
      async restartApi(env = {}) {
        await api.kill();
        api = await startReadyApi(url, apiEnv({ JWT_SECRET: secret, ...env }));
      },
      async invalidateTokens() {
        await seeder.db.query(`UPDATE auth_session SET revoked_at = now(), revoked_reason = 'signed-out' WHERE revoked_at IS NULL`);
        // What an instance announces when it ends sessions: every instance forgets them and closes their sockets.
        const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
        try {
          await redis.publish(sessionChangesChannel(seeder.prefix), JSON.stringify({ all: true }));
        } finally {
          redis.disconnect();
        }
      },
      async rotateSecret() {
        secret = `${JWT_SECRET} ${++secrets}`;
        await world.restartApi();
      },
      async close() {
        for (const step of cleanup) await step().catch(() => undefined);
      },
    };
    return world;
  } catch (error) {
    for (const step of cleanup) await step().catch(() => undefined);
    throw error;
  }
}

async function startReadyApi(url: string, env: Record<string, string>): Promise<AppProcess> {
  const api = startProcess('api', env);
  try {
    await waitFor(
      'the api to be ready',
      async () => {
        if (api.child.exitCode !== null) throw new Error(`the api exited with ${api.child.exitCode}`);
        return (await health(url, 'ready')).status === 200 ? true : undefined;
      },
      30_000,
    );
  } catch (error) {
    await api.kill();
    throw new Error(`${(error as Error).message}\nstdout:\n${api.stdout().slice(-3000)}\nstderr:\n${api.stderr().slice(-3000)}`);
  }
  return api;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

export interface PageOptions {
  width?: number;
  height?: number;
  /** The browser's time zone (what the user's side of <Time> shows). */
  timezoneId?: string;
}

/** What went wrong in a page that the page itself did not show: script errors, CSP refusals, failed requests. */
const problems = new WeakMap<Page, string[]>();

/** A new page in a fresh context (its own sessionStorage: a different person, or tab). */
export async function openPage(world: WebWorld, path = '/', o: PageOptions = {}): Promise<Page> {
  const context: BrowserContext = await world.browser.newContext({
    viewport: { width: o.width ?? 1280, height: o.height ?? 800 },
    timezoneId: o.timezoneId ?? 'Europe/Zurich',
    locale: 'en-GB',
    baseURL: world.url,
  });
  const page = await context.newPage();
  const list: string[] = [];
  problems.set(page, list);
  page.on('pageerror', (error) => list.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') list.push(`console error: ${message.text()}`);
  });
  page.on('requestfailed', (request) => {
    // A navigation away aborts what the old page was loading: not a fault.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') list.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  await page.goto(path);
  return page;
}

/** The script errors, console errors (CSP refusals among them) and failed requests seen in `page` so far. */
export function pageProblems(page: Page): string[] {
  return [...(problems.get(page) ?? [])];
}

/** Closes the page and its context. */
export async function closePage(page: Page): Promise<void> {
  await page.context().close();
}

/** Signs in through the sign-in page (going there first if needed) and waits until it has left it. */
export async function signIn(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
  if (!new URL(page.url()).pathname.startsWith('/signin')) await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

/** Signs out with the header's button and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/signin');
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core on the page (or the part `selector` names) and returns its serious and critical
 * violations. axe is evaluated through the DevTools protocol, which the page's CSP does not govern.
 */
export async function axeViolations(page: Page, selector?: string): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  const results = (await page.evaluate(`window.axe.run(${selector ? JSON.stringify(selector) : 'document'}, { resultTypes: ['violations'] })`)) as {
    violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  };
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Fails with a readable list when axe finds a serious or critical violation. */
export async function expectAccessible(page: Page, selector?: string): Promise<void> {
  const violations = await axeViolations(page, selector);
  if (violations.length) {
    const lines = violations.map((v) => `- ${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 5).join('\n    ')}`);
    throw new Error(`axe found ${violations.length} serious or critical violation(s) on ${page.url()}:\n${lines.join('\n')}`);
  }
}

export const SCREEN_SIZES = [
  { name: '360', width: 360, height: 740 },
  { name: '1920', width: 1920, height: 1080 },
] as const;

/**
 * Full-page screenshots at 360 and 1920 px into test/web/screenshots/<name>-<width>.png (git-ignored),
 * for a person to look at. The viewport is restored afterwards. Returns the files written.
 */
export async function screenshots(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const before = page.viewportSize();
  const files: string[] = [];
  try {
    for (const size of SCREEN_SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      const file = join(SCREENSHOTS, `${name}-${size.name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      files.push(file);
    }
  } finally {
    if (before) await page.setViewportSize(before);
  }
  return files;
}

/** Whether the page is wider than its viewport (content that does not fit a 360 px phone). */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return (await page.evaluate('document.documentElement.scrollWidth > document.documentElement.clientWidth')) as boolean;
}

/** sessionStorage and localStorage of the page's origin, as the browser holds them. */
export async function storage(page: Page): Promise<{ session: Record<string, string>; local: Record<string, string> }> {
  return (await page.evaluate('({ session: { ...sessionStorage }, local: { ...localStorage } })')) as {
    session: Record<string, string>;
    local: Record<string, string>;
  };
}

export type Language = 'EN' | 'FR' | 'ES';

/**
 * Picks a language with the header's switch and waits for the page to be in it (<html lang>) and, signed in, for
 * the server to have kept it (a sign-in elsewhere then starts in it).
 */
export async function chooseLanguage(page: Page, language: Language): Promise<void> {
  const [signedIn, already] = (await page.evaluate(
    `[sessionStorage.getItem('tripartite.session') !== null, document.documentElement.lang === ${JSON.stringify(language.toLowerCase())}]`,
  )) as [boolean, boolean];
  const saved =
    signedIn && !already
      ? page.waitForResponse((r) => {
          const body = r.request().postData() ?? '';
          return r.url().endsWith('/graphql') && body.includes('SetMyLanguage') && body.includes(`"language":"${language}"`);
        })
      : null;
  await page.getByTestId('language-switch').selectOption(language);
  // (A locator, not waitForFunction: the page's CSP refuses eval.)
  await page.locator(`html[lang="${language.toLowerCase()}"]`).waitFor({ state: 'attached' });
  await saved;
}

/**
 * The page in French and in Spanish: a heading in each language's words appears, axe finds nothing, French (the
 * longest) fits 360 px without scrolling sideways, and the choice survives a reload. Ends back in English.
 */
export async function expectInFrenchAndSpanish(page: Page, headings: Record<'FR' | 'ES', string | RegExp>, name: string): Promise<void> {
  for (const language of ['FR', 'ES'] as const) {
    await chooseLanguage(page, language);
    await page.getByRole('heading', { name: headings[language] }).first().waitFor();
    await expectAccessible(page);
    if (language === 'FR') {
      const before = page.viewportSize();
      await page.setViewportSize({ width: 360, height: 740 });
      try {
        if (await overflowsHorizontally(page)) throw new Error(`${page.url()} is wider than 360 px in French`);
        await expectAccessible(page);
        await screenshots(page, `${name}-fr`);
      } finally {
        if (before) await page.setViewportSize(before);
      }
    }
  }
  await page.reload();
  await page.getByRole('heading', { name: headings.ES }).first().waitFor();
  if ((await page.evaluate('document.documentElement.lang')) !== 'es') throw new Error('the language chosen did not survive a reload');
  await chooseLanguage(page, 'EN');
}
