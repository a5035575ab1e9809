// Signing in and out of the web client, the home page with its live notifications, and a session that
// expires: in chromium against the built api and worker.
import type { Page } from 'playwright-core';
import {
  TEST_PASSWORD,
  WebWorld,
  chooseLanguage,
  closePage,
  expectAccessible,
  expectInFrenchAndSpanish,
  openPage,
  overflowsHorizontally,
  pageProblems,
  screenshots,
  signIn,
  signOut,
  startWebWorld,
  storage,
} from './browser-support';
import { errorOf, ok } from '@tripartite/testing';
import { waitFor } from '../ops/processes';

jest.setTimeout(60_000);

describe('web client: signing in', () => {
  let world: WebWorld;
  let page: Page;

  beforeAll(async () => {
    world = await startWebWorld({ worker: true });
    page = await openPage(world, '/signin');
  }, 120_000);
  afterAll(() => world?.close());

  it('serves a sign-in page that passes axe, at 360 and 1920 px', async () => {
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.title()).toBe('Sign in · Tripartite');
    await expectAccessible(page);
    const files = await screenshots(page, 'signin');
    expect(files.map((f) => f.split('/').pop())).toEqual(['signin-360.png', 'signin-1920.png']);
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('speaks French and Spanish: the switch works by keyboard, sets <html lang>, and is remembered until signing in takes the user’s own', async () => {
    const p = await openPage(world, '/signin', { width: 1280, height: 800 });
    try {
      await p.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      // English, French, Spanish: one arrow down from English is French.
      await p.getByLabel('Language').focus();
      await p.keyboard.press('ArrowDown');
      await p.locator('html[lang="fr"]').waitFor({ state: 'attached' });
      await p.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor();
      expect(await p.title()).toBe('Se connecter · Tripartite');
      await expectInFrenchAndSpanish(p, { FR: 'Se connecter', ES: 'Iniciar sesión' }, 'signin');

      // Signed in, the pages are in the language the user keeps on the server (workers1 never chose: English).
      await chooseLanguage(p, 'FR');
      await p.getByLabel('Adresse électronique').fill(world.people.constituents.WORKERS[0].email);
      await p.getByLabel('Mot de passe').fill(TEST_PASSWORD);
      await p.getByRole('button', { name: 'Se connecter' }).click();
      await p.getByRole('heading', { level: 1, name: 'Welcome, workers1' }).waitFor();
      await p.getByRole('button', { name: 'Sign out' }).waitFor();
      expect((await storage(p)).local).toEqual({ 'tripartite.language': 'EN' });
      await expectAccessible(p);
      expect(pageProblems(p)).toEqual([]);
    } finally {
      await closePage(p);
    }
  });

  it('starts in the browser’s language before any choice, else in English', async () => {
    for (const [locale, heading, lang] of [
      ['es-ES', 'Iniciar sesión', 'es'],
      ['fr-CH', 'Se connecter', 'fr'],
      ['de-DE', 'Sign in', 'en'],
    ] as const) {
      const context = await world.browser.newContext({ locale, baseURL: world.url });
      try {
        const p = await context.newPage();
        await p.goto('/signin');
        await p.getByRole('heading', { level: 1, name: heading }).waitFor();
        expect(await p.evaluate('document.documentElement.lang')).toBe(lang);
      } finally {
        await context.close();
      }
    }
  });

  it('says so in words when the password is wrong, and stays on the page', async () => {
    await page.getByLabel('Email').fill(world.people.constituents.WORKERS[0].email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('The email or the password is not right.');
    expect(new URL(page.url()).pathname).toBe('/signin');
    await expectAccessible(page);
    await screenshots(page, 'signin-error');
  });

  it('lands on the home page with the right password; the token is in sessionStorage, never in localStorage', async () => {
    const worker = world.people.constituents.WORKERS[0];
    await signIn(page, worker.email);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('heading', { level: 1, name: 'Welcome, workers1' }).waitFor();
    await page.getByRole('link', { name: 'Comment on draft guidelines' }).waitFor();
    // The header says who is signed in, with the organization.
    expect(await page.getByRole('banner').innerText()).toContain('workers org 1');
    const { session, local } = await storage(page);
    expect(local).toEqual({});
    const stored = JSON.parse(session['tripartite.session']);
    expect(stored.user.email).toBe(worker.email);
    expect(stored.accessToken.split('.')).toHaveLength(3);
    // The stored token is one the api accepts.
    expect((await world.gql(`{ me { email } }`, {}, stored.accessToken)).data).toEqual({ me: { email: worker.email } });
    expect(JSON.stringify(local)).not.toContain(stored.accessToken);
    await expectAccessible(page);
    await screenshots(page, 'home-constituent');
    expect(pageProblems(page)).toEqual([]);
  });

  it('shows a notification as it arrives over the WebSocket, and announces it', async () => {
    const home = await openPage(world, '/signin');
    await signIn(home, world.people.constituents.WORKERS[1].email);
    // Scheduling, opening and the stage change notify the invited constituents (through the worker).
    // Subscribed with the token in connectionParams, from the page's own origin, under the production CSP.
    await home.locator('.live[data-status="live"]').waitFor();
    expect(await home.getByTestId('unread-count').innerText()).toBe('Nothing unread.');
    const staff = await world.login(world.people.secretariat.email);
    const gql = async (query: string, variables: Record<string, unknown>) => ok(await world.gql(query, variables, staff));
    const { id: instrumentId, versions } = (
      await gql(`mutation { createInstrument(input: { reference: "WEB/1", title: "Seen in a browser" }) { id versions { id } } }`, {})
    ).createInstrument;
    await gql(`mutation($v: ID!) { importDraftMarkdown(versionId: $v, markdown: "## I. Voice\\n\\n1.1 Everyone concerned should be heard.\\n") { id } }`, {
      v: versions[0].id,
    });
    await gql(`mutation($v: ID!) { publishVersion(versionId: $v) { id } }`, { v: versions[0].id });
    const closesAt = new Date(Date.now() + 86_400_000).toISOString();
    await gql(`mutation($in: ScheduleConsultationInput!) { scheduleConsultation(input: $in) { id } }`, {
      in: { instrumentId, versionId: versions[0].id, closesAt },
    });
    await gql(`mutation($i: ID!) { advanceStage(instrumentId: $i, to: CONSULTATION) { stage } }`, { i: instrumentId });
    const item = home.getByRole('list', { name: 'Latest notifications' }).getByText('Consultation open: WEB/1');
    await item.waitFor({ timeout: 20_000 });
    await home
      .getByTestId('announcer')
      .filter({ hasText: /^New notification: .*WEB\/1/ })
      .waitFor({ state: 'attached' });
    expect(await home.getByTestId('unread-count').innerText()).toMatch(/^[1-3] unread\.$/);
    await expectAccessible(home);
    await screenshots(home, 'home-notifications');
    expect(pageProblems(home)).toEqual([]);
    await closePage(home);
  });

  it('keeps the session across a reload of the tab, and ends it on sign-out, at the api too', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Welcome, workers1' }).waitFor();
    const { accessToken } = JSON.parse((await storage(page)).session['tripartite.session']);
    await signOut(page);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await storage(page)).toEqual({ session: {}, local: {} });
    // The token the tab held is refused from now on, and the refresh cookie is gone.
    expect(errorOf(await world.gql(`{ me { id } }`, {}, accessToken)).code).toBe('UNAUTHENTICATED');
    expect((await page.context().cookies()).filter((c) => c.name === 'tripartite_refresh')).toEqual([]);
    // Signed out, a page of the app sends to sign-in.
    await page.goto('/desk');
    await page.waitForURL((url) => url.pathname === '/signin');
  });

  it('shows each person what their role can do, and refuses the pages of other roles', async () => {
    const staff = await openPage(world, '/desk');
    await staff.waitForURL((url) => url.pathname === '/signin' && url.searchParams.get('next') === '/desk');
    await signIn(staff, world.people.secretariat.email);
    // Back where they were going.
    expect(new URL(staff.url()).pathname).toBe('/desk');
    await staff.getByRole('heading', { level: 1, name: 'Secretariat desk' }).waitFor();
    await staff.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Desk' }).waitFor();
    await staff.goto('/rounds');
    await staff.getByRole('heading', { level: 1, name: 'Not for your role' }).waitFor();
    await expectAccessible(staff);
    // Unknown paths under the client's prefixes are the client's; others stay the api's 404.
    await staff.goto('/desk/no/such/page');
    await staff.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    expect(pageProblems(staff)).toEqual([]);
    await closePage(staff);
  });

  it('outlives its access token: refreshed silently over HTTP and on the live socket, across a reload and in a new tab', async () => {
    // Access tokens that live 3 s: the session goes on through the refresh cookie.
    await world.restartApi({ JWT_TTL: '3s' });
    const tab = await openPage(world, '/signin');
    await signIn(tab, world.people.constituents.WORKERS[0].email);
    await tab.locator('.live[data-status="live"]').waitFor();
    const token = async () => JSON.parse((await storage(tab)).session['tripartite.session']).accessToken as string;
    const first = await token();
    const seen = new Set([first]);
    // Three refreshes: several access tokens' lifetimes without signing in again.
    await waitFor('three silent refreshes', async () => (seen.add(await token()).size >= 4 ? true : undefined), 45_000, 200);
    expect(new URL(tab.url()).pathname).toBe('/');
    expect(errorOf(await world.gql(`{ me { id } }`, {}, first)).code).toBe('UNAUTHENTICATED');
    expect(ok(await world.gql(`{ me { id } }`, {}, await token())).me.id).toBe(world.people.constituents.WORKERS[0].id);
    // The socket opened with the first token is still the one delivering (it lives as long as the session).
    expect(await tab.locator('.live').getAttribute('data-status')).toBe('live');
    await tab.getByTestId('unread-count').waitFor();

    // A reload keeps the session (sessionStorage), and the refreshing goes on from the cookie.
    await tab.reload();
    await tab.getByRole('heading', { level: 1, name: 'Welcome, workers1' }).waitFor();
    await tab.getByTestId('unread-count').waitFor();
    expect(new URL(tab.url()).pathname).toBe('/');
    const afterReload = await token();
    await waitFor('a refresh after the reload', async () => ((await token()) !== afterReload ? true : undefined), 15_000, 200);

    // Another tab of the same browser joins the session without signing in.
    const other = await tab.context().newPage();
    await other.goto('/');
    await other.getByRole('heading', { level: 1, name: 'Welcome, workers1' }).waitFor();
    await other.locator('.live[data-status="live"]').waitFor();

    // Signing out in one tab ends the session in the other one: its socket is closed, it goes to sign-in.
    const last = JSON.parse((await storage(other)).session['tripartite.session']).accessToken as string;
    await signOut(tab);
    await other.waitForURL((url) => url.pathname === '/signin', { timeout: 20_000 });
    expect(new URL(other.url()).searchParams.get('expired')).toBe('1');
    expect(errorOf(await world.gql(`{ me { id } }`, {}, last)).code).toBe('UNAUTHENTICATED');
    expect(pageProblems(tab)).toEqual([]);
    await closePage(tab);
  });

  it('sends an expired session back to sign-in, then to where the user was, with the email kept', async () => {
    // Sessions that end 8 s after sign-in: no refresh goes further; the client ends it then, with no request needed.
    await world.restartApi({ SESSION_MAX_TTL: '8s' });
    const user = world.people.constituents.GOVERNMENT[0];
    const tab = await openPage(world, '/signin');
    await signIn(tab, user.email);
    const roundPath = '/rounds/4b0d7b5e-9a43-4a57-9a0e-3c1f4f1f6a10?tab=general';
    await tab.goto(roundPath);
    await tab.getByRole('heading', { level: 1 }).waitFor();
    expect(new URL(tab.url()).pathname).toBe('/rounds/4b0d7b5e-9a43-4a57-9a0e-3c1f4f1f6a10');
    await tab.waitForURL((url) => url.pathname === '/signin', { timeout: 20_000 });
    const url = new URL(tab.url());
    expect(url.searchParams.get('next')).toBe(roundPath);
    expect(url.searchParams.get('expired')).toBe('1');
    expect(await tab.getByTestId('session-ended').innerText()).toContain('Your session has ended');
    expect(await tab.getByLabel('Email').inputValue()).toBe(user.email);
    const { session } = await storage(tab);
    expect(session['tripartite.session']).toBeUndefined();
    await expectAccessible(tab);
    await screenshots(tab, 'signin-expired');
    await tab.getByLabel('Password').fill(TEST_PASSWORD);
    await tab.getByRole('button', { name: 'Sign in' }).click();
    await tab.waitForURL((u) => `${u.pathname}${u.search}` === roundPath);
    expect(pageProblems(tab)).toEqual([]);
    await closePage(tab);
  });

  it('sends the user to sign-in when the session is ended elsewhere (4401 "Session ended" on the socket)', async () => {
    await world.restartApi();
    const tab = await openPage(world, '/signin');
    await signIn(tab, world.people.observer.email);
    await tab.locator('.live[data-status="live"]').waitFor();
    const { accessToken } = JSON.parse((await storage(tab)).session['tripartite.session']);
    // Another client of the same session signs out (a script holding the token, say).
    expect(ok(await world.gql(`mutation { logout }`, {}, accessToken)).logout).toBe(true);
    await tab.waitForURL((url) => url.pathname === '/signin', { timeout: 20_000 });
    expect(new URL(tab.url()).searchParams.get('expired')).toBe('1');
    expect(await tab.getByLabel('Email').inputValue()).toBe(world.people.observer.email);
    await signIn(tab, world.people.observer.email);
    await tab.getByRole('heading', { level: 1, name: 'Welcome, observer' }).waitFor();
    expect(pageProblems(tab)).toEqual([]);
    await closePage(tab);
  });

  it('stays signed in when the api stops accepting its token but the session lives (the signing secret changed)', async () => {
    const tab = await openPage(world, '/signin');
    await signIn(tab, world.people.moderator.email);
    await tab.locator('.live[data-status="live"]').waitFor();
    const token = async () => JSON.parse((await storage(tab)).session['tripartite.session']).accessToken as string;
    const before = await token();
    // Restarted with another secret: the tab's token is refused (over HTTP, and 4401 at the socket's reconnection).
    await world.rotateSecret();
    await waitFor('a new token', async () => ((await token()) !== before ? true : undefined), 30_000, 200);
    await tab.locator('.live[data-status="live"]').waitFor({ timeout: 30_000 });
    expect(new URL(tab.url()).pathname).toBe('/');
    expect(ok(await world.gql(`{ me { id } }`, {}, await token())).me.id).toBe(world.people.moderator.id);
    await closePage(tab);
  });
});
