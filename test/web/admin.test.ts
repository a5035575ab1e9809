// The administration and the settings page in chromium against the built api and worker, as the admin (and a
// constituent) would use them: an organization created and edited, a user created in it with roles, edited,
// deactivated (refused at sign-in, through the API) and reactivated; a webhook registered to a local receiver, a
// delivery seen, paused, a dead letter replayed, the webhook deleted after a confirmation; a given-up e-mail re-sent;
// the settings page: the language changed (the page in French, kept on the server) and an e-mail kind turned off.
import type { Page } from 'playwright-core';
import { NOTIFICATION_KINDS as SERVER_KINDS } from '@tripartite/notifications';
import { errorOf, ok } from '@tripartite/testing';
import { NOTIFICATION_KINDS as CLIENT_KINDS } from '../../apps/web/src/pages/settings/kinds';
import { WebhookReceiver } from '../notifications/e2e-support';
import { waitFor } from '../ops/processes';
import {
  WebWorld,
  closePage,
  expectAccessible,
  expectInFrenchAndSpanish,
  openPage,
  overflowsHorizontally,
  pageProblems,
  screenshots,
  signIn,
  startWebWorld,
} from './browser-support';

jest.setTimeout(60_000);

const NEW_PASSWORD = 'a password for the new delegate';

describe('web client: the administration and the settings page', () => {
  let world: WebWorld;
  let admin: string;
  let page: Page;
  const receiver = new WebhookReceiver();

  const asAdmin = async <T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> => ok<T>(await world.gql<T>(query, variables, admin));
  const announced = (p: Page, text: string) => p.getByTestId('announcer').filter({ hasText: text }).waitFor({ state: 'attached' });
  const focusedId = (p: Page) => p.evaluate('document.activeElement && document.activeElement.id') as Promise<string>;
  const fits320 = async (p: Page) => {
    await p.setViewportSize({ width: 320, height: 700 });
    try {
      if (await overflowsHorizontally(p))
        throw new Error(
          `${p.url()} is wider than 320 px: ${await p.evaluate(`[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right) + ' ' + (e.textContent || '').slice(0, 60)).slice(-6).join(' | ')`)}`,
        );
      await expectAccessible(p);
    } finally {
      await p.setViewportSize({ width: 1280, height: 800 });
    }
  };

  beforeAll(async () => {
    await receiver.start();
    world = await startWebWorld({ worker: true, env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
    admin = await world.login(world.people.admin.email);
    page = await openPage(world, '/signin');
    await signIn(page, world.people.admin.email);
  }, 90_000);
  afterAll(async () => {
    await world?.close();
    await receiver.stop();
  });

  it('offers the notification kinds the server knows, no more, no fewer', () => {
    expect([...CLIENT_KINDS]).toEqual([...SERVER_KINDS]);
  });

  it('organizations: created from the form, edited in place (name, default language), by keyboard', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('link', { name: 'Organizations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organizations' }).waitFor();

    await page.getByLabel('Name', { exact: true }).fill('Confederation of Web Workers');
    await page.getByLabel('Group').selectOption('WORKERS');
    await page.getByLabel('Country code').fill('ch');
    await page.getByRole('button', { name: 'Create organization' }).press('Enter');
    await announced(page, 'Organization Confederation of Web Workers created.');
    const item = page.getByTestId('organization').filter({ hasText: 'Confederation of Web Workers' });
    await item.waitFor();

    // Edit: focus moves into the form, and back to the Edit button once saved.
    await item.getByRole('button', { name: /Edit/ }).focus();
    await page.keyboard.press('Enter');
    const [org] = (await asAdmin(`{ organizations(group: WORKERS) { id name } }`)).organizations.filter((o: any) => o.name === 'Confederation of Web Workers');
    expect(await focusedId(page)).toBe(`organization-${org.id}-name`);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Confederation of Web Workers (CWW)');
    await item.getByLabel('Default language').selectOption('FR');
    await screenshots(page, 'admin-organizations-edit');
    await item.getByRole('button', { name: 'Save changes' }).click();
    await announced(page, 'Organization Confederation of Web Workers (CWW) saved.');
    await page.getByTestId('organization').filter({ hasText: 'default language: Français' }).waitFor();
    expect(await page.evaluate('document.activeElement.textContent')).toMatch(/^Edit/);
    const stored = (await asAdmin(`{ organizations(group: WORKERS) { id name countryCode defaultLanguage } }`)).organizations.find((o: any) => o.id === org.id);
    expect(stored).toEqual({ id: org.id, name: 'Confederation of Web Workers (CWW)', countryCode: 'CH', defaultLanguage: 'FR' });

    // A government without a country code: the server's complaint next to the field.
    await page.getByLabel('Name', { exact: true }).fill('Government of Nowhere');
    await page.getByLabel('Group').selectOption('GOVERNMENT');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByText('Country code a government needs an ISO 3166-1 alpha-2 code').waitFor();
    expect(await page.getByLabel('Country code').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await fits320(page);
    await screenshots(page, 'admin-organizations');
  });

  it('users: a user created in the organization with roles, found, roles changed, deactivated and reactivated', async () => {
    const [org] = (await asAdmin(`{ organizations(group: WORKERS) { id name } }`)).organizations.filter((o: any) => o.name.startsWith('Confederation of Web'));
    await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await page.getByRole('button', { name: 'Add a user' }).click();
    expect(await focusedId(page)).toBe('new-user-email');
    const form = page.locator('#new-user-form');
    await form.getByLabel('E-mail').fill('delegate@cww.test');
    await form.getByLabel('Name', { exact: true }).fill('Dana Delegate');
    await form.getByLabel('Password').fill(NEW_PASSWORD);
    await form.getByLabel('constituent').check();
    await form.getByLabel('observer').check();
    await form.getByLabel('Organization').selectOption(org.id);
    await form.getByRole('button', { name: 'Create user' }).click();
    await announced(page, 'User Dana Delegate created.');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Add a user');

    await page.getByLabel('Name or e-mail').fill('dana');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: 'Users 1 to 1 of 1' }).waitFor();
    const item = page.getByTestId('user').filter({ hasText: 'Dana Delegate' });
    await item.getByText('delegate@cww.test').waitFor();
    await screenshots(page, 'admin-users');

    await item.getByRole('button', { name: 'Edit Dana Delegate' }).click();
    await item.getByLabel('observer').uncheck();
    await item.getByLabel('moderator').check();
    await item.getByRole('button', { name: 'Save changes' }).click();
    await announced(page, 'User Dana Delegate saved.');
    const found = (await asAdmin(`{ users(search: "delegate@cww") { edges { node { id roles active organization { id } } } } }`)).users.edges[0].node;
    expect(found).toMatchObject({ roles: ['CONSTITUENT', 'MODERATOR'], active: true, organization: { id: org.id } });

    await item.getByRole('button', { name: 'Deactivate Dana Delegate' }).click();
    expect(await focusedId(page)).toBe(`deactivate-${found.id}-reason`);
    await page.keyboard.type('Left the delegation');
    await page.keyboard.press('Enter');
    await announced(page, 'Dana Delegate is deactivated: their sessions have ended and they can no longer sign in.');
    await item.getByText('Deactivated').waitFor();
    const refused = await world.gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, {
      e: 'delegate@cww.test',
      p: NEW_PASSWORD,
    });
    expect(errorOf(refused).code).toBe('UNAUTHENTICATED');

    await item.getByRole('button', { name: 'Reactivate Dana Delegate' }).click();
    await announced(page, 'Dana Delegate can sign in again.');
    await item.getByRole('button', { name: 'Deactivate Dana Delegate' }).waitFor();
    expect(await world.login('delegate@cww.test', NEW_PASSWORD)).toEqual(expect.any(String));

    await expectAccessible(page);
    await fits320(page);
    await expectInFrenchAndSpanish(page, { FR: 'Utilisateurs', ES: 'Usuarios' }, 'admin-users');
  });

  it('webhooks: registered, a delivery seen, paused, a dead letter replayed, deleted after a confirmation', async () => {
    receiver.on('/admin', () => 200);
    await page.goto('/administration');
    await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    const url = `${receiver.url}/admin`;
    await page.getByLabel('Address (URL)').fill(url);
    await page.getByLabel('Secret', { exact: true }).fill('a webhook secret for the admin test');
    await page.getByLabel('An instrument moves to another stage').check();
    await page.getByRole('button', { name: 'Register webhook' }).click();
    await announced(page, `Webhook ${url} registered.`);
    const item = page.getByTestId('webhook').filter({ hasText: url });
    await item.getByText('Events: An instrument moves to another stage').waitFor();
    const [hook] = (await asAdmin(`{ webhooks { id url active } }`)).webhooks.filter((w: any) => w.url === url);

    // An instrument withdrawn: stage.changed, delivered by the worker to the receiver.
    const secretariat = await world.login(world.people.secretariat.email);
    const created = ok<any>(
      await world.gql(`mutation { createInstrument(input: { reference: "ADMIN/1", title: "Withdrawn at once" }) { id } }`, {}, secretariat),
    ).createInstrument;
    ok(await world.gql(`mutation($i: ID!) { advanceStage(instrumentId: $i, to: WITHDRAWN, reason: "Not needed") { id } }`, { i: created.id }, secretariat));
    await waitFor('the delivery to be recorded', async () => {
      const [row] = await world.db.query<{ status: string }>(`SELECT status FROM webhook_delivery WHERE webhook_id = $1`, [hook.id]);
      return row?.status === 'DELIVERED' ? row : undefined;
    });
    expect(receiver.hitsOn('/admin')).toHaveLength(1);
    await item.getByRole('button', { name: `Show deliveries ${url}` }).click();
    const delivery = item.getByTestId('delivery');
    await delivery.filter({ hasText: 'Delivered' }).filter({ hasText: 'An instrument moves to another stage' }).waitFor();
    await delivery.getByText('1 try · last answer: HTTP 200').waitFor();
    await expectAccessible(page);
    await screenshots(page, 'admin-webhooks');

    await item.getByRole('button', { name: `Pause ${url}` }).click();
    await announced(page, `Webhook ${url} paused: what it is owed waits.`);
    await item.getByText('Paused').waitFor();
    expect((await asAdmin(`{ webhooks { id active } }`)).webhooks.find((w: any) => w.id === hook.id).active).toBe(false);
    await item.getByRole('button', { name: `Resume ${url}` }).click();
    await item.getByText('Active', { exact: true }).waitFor();

    // A delivery the worker gave up on (as it would have), replayed from the page.
    const [event] = await world.db.query<{ id: string }>(`SELECT event_id AS id FROM webhook_delivery WHERE webhook_id = $1`, [hook.id]);
    const deadHook = (
      await asAdmin(`mutation($u: String!) { registerWebhook(url: $u, events: ["gb.decided"], secret: "another secret, long enough") { id } }`, {
        u: `${receiver.url}/dead`,
      })
    ).registerWebhook;
    const deliveryId = '22222222-2222-4222-8222-222222222222';
    await world.db.query(`INSERT INTO webhook_delivery (id, webhook_id, event_id, payload, status, attempts) VALUES ($1, $2, $3, '{}', 'DEAD', 8)`, [
      deliveryId,
      deadHook.id,
      event.id,
    ]);
    const [letter] = await world.db.query<{ id: string }>(
      `INSERT INTO webhook_dead_letter (delivery_id, webhook_id, kind, attempts, last_status, last_error) VALUES ($1, $2, 'gb.decided', 8, 503, 'HTTP 503') RETURNING id`,
      [deliveryId, deadHook.id],
    );
    await page.getByRole('region', { name: 'Dead letters' }).getByRole('button', { name: 'Refresh' }).click();
    const dead = page.getByTestId('dead-letter').filter({ hasText: 'The Governing Body decides' });
    await dead.getByText('8 tries · last answer: HTTP 503').waitFor();
    await dead.getByRole('button', { name: /^Replay/ }).click();
    await announced(page, 'Delivery queued again.');
    await dead.getByText('Replayed:').waitFor();
    const [replayed] = await world.db.query<{ replayed_at: Date | null }>(`SELECT replayed_at FROM webhook_dead_letter WHERE id = $1`, [letter.id]);
    expect(replayed.replayed_at).toBeInstanceOf(Date);

    // Delete asks first; Cancel keeps it (focus back on Delete), Yes deletes it (focus on the list's heading).
    await item.getByRole('button', { name: `Delete ${url}` }).click();
    await item.getByText(`Delete ${url}? Deliveries it is still owed are cancelled; its history stays readable.`).waitFor();
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Cancel');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.textContent')).toBe(`Delete ${url}`);
    await page.keyboard.press('Enter');
    await item.getByRole('button', { name: 'Yes, delete it' }).click();
    await announced(page, `Webhook ${url} deleted.`);
    await item.waitFor({ state: 'detached' });
    expect(await focusedId(page)).toBe('webhooks-list');
    expect((await asAdmin(`{ webhooks { id } }`)).webhooks.map((w: any) => w.id)).not.toContain(hook.id);
    await fits320(page);
  });

  it('e-mails: one given up is listed with its recipient and re-sent', async () => {
    const [event] = await world.db.query<{ id: string }>(`INSERT INTO notification_event (kind, data) VALUES ('gb.decided', '{}') RETURNING id`);
    const observer = world.people.observer;
    const [email] = await world.db.query<{ id: string }>(
      `INSERT INTO notification (event_id, user_id, kind, title, body, email_status, email_owed_since, email_attempts, email_last_error)
       VALUES ($1, $2, 'gb.decided', 'Decided', 'The Governing Body decided.', 'DEAD', clock_timestamp() - interval '25 hours', 30, 'ECONNREFUSED') RETURNING id`,
      [event.id, observer.id],
    );
    await page.goto('/administration');
    await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('link', { name: 'E-mails' }).click();
    await page.getByRole('heading', { level: 1, name: 'E-mails not delivered' }).waitFor();
    const row = page.getByTestId('email').filter({ hasText: observer.email });
    await row.getByText('Last error: ECONNREFUSED').waitFor();
    await row.getByText('Given up').waitFor();
    await expectAccessible(page);
    await fits320(page);
    await screenshots(page, 'admin-emails');
    await row.getByLabel(/^Select/).check();
    await page.getByRole('button', { name: 'Re-send the selected e-mail' }).click();
    await announced(page, '1 e-mail queued again.');
    const [after] = await world.db.query<{ email_status: string; email_resends: number }>(
      `SELECT email_status, email_resends FROM notification WHERE id = $1`,
      [email.id],
    );
    expect(after.email_resends).toBe(1);
    expect(after.email_status).not.toBe('DEAD');
  });

  it('settings: a constituent changes the language (kept on the server) and turns an e-mail kind off (kept as a draft until saved)', async () => {
    const constituent = world.people.constituents.GOVERNMENT[0];
    const token = await world.login(constituent.email);
    const p = await openPage(world, '/signin');
    try {
      await signIn(p, constituent.email);
      await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await p.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      await expectAccessible(p);

      await p.getByTestId('settings-language-FR').check();
      await p.getByRole('heading', { level: 1, name: 'Paramètres' }).waitFor();
      await p.locator('html[lang="fr"]').waitFor({ state: 'attached' });
      await waitFor('the language to be kept on the server', async () =>
        ok<any>(await world.gql(`{ me { language } }`, {}, token)).me.language === 'FR' ? true : undefined,
      );
      await screenshots(p, 'settings-fr');
      await p.getByTestId('settings-language-EN').check();
      await p.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();

      await p.getByLabel('A consultation opens').uncheck();
      await p.getByText('You have changes that are not saved yet.').waitFor();
      // Unsaved: a reload keeps what was unticked.
      await p.reload();
      await p.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      expect(await p.getByLabel('A consultation opens').isChecked()).toBe(false);
      await p.getByRole('button', { name: 'Save e-mail preferences' }).click();
      await announced(p, 'E-mail preferences saved.');
      expect(ok<any>(await world.gql(`{ me { emailOptOut } }`, {}, token)).me.emailOptOut).toEqual(['consultation.opened']);

      await expectAccessible(p);
      await fits320(p);
      await screenshots(p, 'settings');
      await expectInFrenchAndSpanish(p, { FR: 'Paramètres', ES: 'Configuración' }, 'settings');
      expect(pageProblems(p)).toEqual([]);
    } finally {
      await closePage(p);
    }
  });

  it('keeps the administration to admins, and the page free of script errors', async () => {
    const p = await openPage(world, '/signin');
    try {
      await signIn(p, world.people.secretariat.email);
      expect(await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).count()).toBe(0);
      await p.goto('/administration/users');
      await p.getByRole('heading', { level: 1, name: 'Not for your role' }).waitFor();
    } finally {
      await closePage(p);
    }
    expect(pageProblems(page)).toEqual([]);
  });
});
