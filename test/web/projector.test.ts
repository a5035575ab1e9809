// The board in the meeting room, in chromium against the built api: 28 agenda items; the projector view keeps the
// current item in view without scrolling at 1280×720 and 1920×1080 (item 27 too), highlights what just changed, shows
// an item adopted as amended with its adopted text and the amendment's outcome; the room opens a board link without
// signing in, follows it live, and is refused once it is revoked; the console's single-key shortcuts can be turned off
// and a skip link reaches its first position button; a personal board outlives its access tokens, and warns before
// the session ends. Set up through the API as test/meetings/meeting-fixtures.ts does.
import type { Page } from 'playwright-core';
import { ok } from '@tripartite/testing';
import { GROUPS, Q } from '../meetings/meeting-fixtures';
import { join } from 'node:path';
import {
  SCREENSHOTS,
  WebWorld,
  closePage,
  expectAccessible,
  expectInFrenchAndSpanish,
  openPage,
  pageProblems,
  screenshots,
  signIn,
  startWebWorld,
} from './browser-support';

jest.setTimeout(60_000);

const SECTIONS = ['Rights', 'Recruitment', 'Mobility', 'Cooperation'];
/** Item 27 has a guideline's usual length: its text gives way on the screen, not its positions or outcome. */
const LONG =
  ' This includes access to information on their rights in a language they understand, to effective remedies and to labour inspection, whatever their migration status, and protection against retaliation when they complain; employers and recruiters should be held accountable for abuses in their supply chains, and workers should be free to join trade unions and to bargain collectively.';
const DRAFT = `# Labour migration\n\n${SECTIONS.map(
  (title, s) =>
    `## ${'I II III IV'.split(' ')[s]}. ${title}\n\n${Array.from(
      { length: 7 },
      (_, g) =>
        `${s + 1}.${g + 1} Governments, in consultation with the social partners, should ensure that migrant workers enjoy guideline ${s + 1}.${g + 1} in law and in practice.${s === 3 && g === 5 ? LONG : ''}`,
    ).join('\n\n')}`,
).join('\n\n')}\n`;
const AMENDED = 'Recruitment fees and related costs must never be charged to workers or jobseekers.';

let world: WebWorld;
let meetingId: string;
let items: string[];
let staff: string;
let moderator: string;
const as = async (token: string, query: string, variables: Record<string, unknown>) => ok<any>(await world.gql(query, variables, token));

async function setUpMeeting(): Promise<void> {
  staff = await world.login(world.people.secretariat.email);
  moderator = await world.login(world.people.moderator.email);
  const created = (await as(staff, Q.create, { r: 'ROOM/2030' })).createInstrument;
  const versionId = created.versions[0].id;
  await as(staff, Q.import, { v: versionId, md: DRAFT });
  await as(staff, Q.publish, { v: versionId });
  await as(staff, Q.consult, { in: { instrumentId: created.id, versionId, closesAt: new Date(Date.now() + 3_600_000).toISOString() } });
  await as(staff, Q.advance, { i: created.id, to: 'CONSULTATION' });
  await as(staff, Q.advance, { i: created.id, to: 'CONSOLIDATION', reason: 'Closed early for the browser tests' });
  const meeting = (
    await as(staff, Q.schedule, {
      in: {
        instrumentId: created.id,
        versionId,
        title: 'Meeting of experts on labour migration',
        venue: 'Geneva',
        startsAt: '2030-03-02T08:00:00.000Z',
        endsAt: '2030-03-06T17:00:00.000Z',
      },
    })
  ).scheduleMeeting;
  meetingId = meeting.id;
  items = meeting.agenda.map((i: { id: string }) => i.id);
  await as(staff, Q.assignModerator, { m: meetingId, u: world.people.moderator.id });
  for (const g of GROUPS) await as(staff, Q.addParticipant, { m: meetingId, u: world.people.constituents[g][0].id, g, r: 'SPOKESPERSON' });
  await as(staff, Q.advance, { i: created.id, to: 'EXPERTS_MEETING' });
  await as(moderator, Q.openMeeting, { m: meetingId });
  // Item 1: no consensus on the original text (the employers oppose); the workers' amendment agreed by all, accepted,
  // and the item adopted as amended.
  await as(moderator, Q.openItem, { i: items[0] });
  for (const [g, p] of [
    ['GOVERNMENT', 'SUPPORT'],
    ['EMPLOYERS', 'OPPOSE'],
    ['WORKERS', 'SUPPORT'],
  ])
    await as(moderator, Q.position, { i: items[0], g, p });
  const amendment = (await as(moderator, Q.propose, { i: items[0], g: 'WORKERS', t: AMENDED })).proposeAmendment.id;
  for (const g of GROUPS) await as(moderator, Q.amendmentPosition, { a: amendment, g, p: g === 'EMPLOYERS' ? 'ABSTAIN' : 'SUPPORT' });
  await as(moderator, Q.decide, { a: amendment, s: 'ACCEPTED' });
  await as(moderator, Q.closeItem, { i: items[0], s: 'ADOPTED_AS_AMENDED' });
}

const pinned = (page: Page) => page.getByTestId('pinned');

/** The pinned item is `itemId`, and its whole box is inside the viewport with the page not scrolled. */
async function expectPinnedInView(page: Page, itemId: string): Promise<void> {
  await page.locator(`[data-testid="pinned"][data-item="${itemId}"]`).waitFor();
  const box = (await pinned(page).boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(await page.evaluate('window.scrollY')).toBe(0);
  expect({ top: box.y >= 0, left: box.x >= 0, bottom: box.y + box.height <= viewport.height, right: box.x + box.width <= viewport.width }).toEqual({
    top: true,
    left: true,
    bottom: true,
    right: true,
  });
  // Its positions and outcome are on the screen too (the text gives way first when it is long).
  for (const part of ['[data-group="WORKERS"]', '[data-group="OUTCOME"]']) {
    const inner = (await pinned(page).locator(part).boundingBox())!;
    expect([part, inner.y >= box.y && inner.y + inner.height <= Math.min(box.y + box.height, viewport.height)]).toEqual([part, true]);
  }
}

/** A computed style of the first element `selector` matches (a string evaluated over DevTools: no eval in the page). */
const styleOf = (page: Page, selector: string, property: string) =>
  page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).${property}`) as Promise<string>;

/** How many of the other items' rows are wholly on the screen. */
async function rowsInView(page: Page): Promise<number> {
  const height = page.viewportSize()!.height;
  let n = 0;
  for (const row of await page.locator('.board-compact tbody tr').all()) {
    const box = await row.boundingBox();
    if (box && box.y >= 0 && box.y + box.height <= height) n++;
  }
  return n;
}

beforeAll(async () => {
  world = await startWebWorld();
  await setUpMeeting();
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('the board in the meeting room', () => {
  let board: Page;

  it('shows an item adopted as amended with its adopted text and the amendment outcome, not the original tally', async () => {
    board = await openPage(world, '/signin', { width: 1920, height: 1080 });
    await signIn(board, world.people.secretariat.email);
    await board.goto(`/meetings/${meetingId}/board`);
    // The table: the adopted text and the amendment's consensus.
    const row = board.locator(`tr[data-item="${items[0]}"]`);
    await row.getByText(AMENDED).waitFor();
    expect(await row.locator('[data-group="OUTCOME"]').innerText()).toMatch(/Consensus\s*amendment by Workers/);
    expect(await row.locator('[data-group="EMPLOYERS"] .chip').getAttribute('data-position')).toBe('ABSTAIN');
    // The projector view: no site header; with nothing under discussion the last decided item is pinned.
    await board.getByRole('link', { name: 'Projector view' }).click();
    await expectPinnedInView(board, items[0]);
    expect(await board.locator('header.site-header').count()).toBe(0);
    expect(await board.locator('a.skip-link').first().textContent()).toBe('Skip to main content');
    expect(await board.getByTestId('pinned-text').innerText()).toBe(AMENDED);
    await pinned(board).getByText('Adopted text').waitFor();
    const outcome = await pinned(board).locator('[data-group="OUTCOME"]').innerText();
    expect(outcome).toMatch(/Amendment by Workers:\s*✓\s*Consensus/);
    expect(outcome).not.toContain('No consensus');
    await expectAccessible(board);
  });

  it('keeps the current item in view without scrolling at 1920×1080 and 1280×720, when it is item 27 too', async () => {
    await as(moderator, Q.openItem, { i: items[26] });
    await expectPinnedInView(board, items[26]);
    await pinned(board).locator('.pinned-label').getByText('Under discussion').waitFor();
    const rows = await rowsInView(board);
    console.log(`1920×1080: ${rows} of the other 27 items' rows on the screen`);
    expect(rows).toBeGreaterThanOrEqual(20);
    await board.setViewportSize({ width: 1280, height: 720 });
    await expectPinnedInView(board, items[26]);
    // Large type: the pinned item's text at least 24 px at 1280×720.
    expect(parseFloat(await styleOf(board, '[data-testid="pinned-text"]', 'fontSize'))).toBeGreaterThanOrEqual(24);
    await board.screenshot({ path: join(SCREENSHOTS, 'projector-1280x720.png') });
    await expectAccessible(board);
    await board.setViewportSize({ width: 1920, height: 1080 });
    await screenshots(board, 'projector');
    // Full screen for the room's projector, and back.
    await board.getByRole('button', { name: 'Full screen' }).click();
    await board.locator('button[aria-pressed="true"]', { hasText: 'Full screen' }).waitFor();
    await board.getByRole('button', { name: 'Full screen' }).click();
    await board.locator('button[aria-pressed="false"]', { hasText: 'Full screen' }).waitFor();
  });

  it('highlights what just changed (a short flash, none with reduced motion) and announces it', async () => {
    await as(moderator, Q.position, { i: items[26], g: 'EMPLOYERS', p: 'OPPOSE' });
    await board.locator('[data-testid="pinned"].just-changed [data-group="EMPLOYERS"].cell-changed .chip[data-position="OPPOSE"]').waitFor();
    await pinned(board).getByText('Just changed').waitFor();
    expect(await styleOf(board, '[data-testid="pinned"]', 'animationName')).toBe('board-flash');
    await board
      .getByTestId('announcer')
      .getByText(/Employers: oppose/)
      .waitFor();
    await board.emulateMedia({ reducedMotion: 'reduce' });
    await as(moderator, Q.position, { i: items[26], g: 'WORKERS', p: 'SUPPORT' });
    await board.locator('[data-testid="pinned"].just-changed [data-group="WORKERS"].cell-changed .chip[data-position="SUPPORT"]').waitFor();
    expect(await styleOf(board, '[data-testid="pinned"]', 'animationName')).toBe('none');
    expect(pageProblems(board)).toEqual([]);
  });

  it('opens in the room by a board link without signing in, follows it live, and is refused once revoked', async () => {
    await board.getByRole('link', { name: 'Table view' }).click();
    const links = board.getByTestId('board-links');
    await links.getByLabel('Label (for example, the room’s name)').fill('Room XVII');
    await links.getByRole('button', { name: 'Create a board link' }).click();
    const url = await board.getByTestId('board-link-url').inputValue();
    expect(url).toMatch(new RegExp(`^${world.url}/room/tbl_[A-Za-z0-9_-]{64}$`));
    await links.getByRole('listitem').filter({ hasText: 'Room XVII' }).waitFor();
    await expectAccessible(board);

    const room = await openPage(world, new URL(url).pathname, { width: 1280, height: 720 });
    await expectPinnedInView(room, items[26]);
    await room.locator('.live[data-status="live"]').waitFor();
    expect(await room.locator('header.site-header').count()).toBe(0);
    expect(await room.evaluate('sessionStorage.getItem("tripartite.session")')).toBeNull();
    await as(moderator, Q.position, { i: items[26], g: 'GOVERNMENT', p: 'RESERVATION' });
    await room.locator('[data-testid="pinned"] [data-group="GOVERNMENT"] .chip[data-position="RESERVATION"]').waitFor();
    await expectAccessible(room);
    await screenshots(room, 'room');
    await expectInFrenchAndSpanish(room, { FR: /Principe directeur 4\.6/, ES: /Directriz 4\.6/ }, 'room');

    await links.getByRole('button', { name: 'Revoke Room XVII' }).click();
    await links.getByText('No board link is active.').waitFor();
    // The open socket is closed at once, and the page says why.
    await room.getByTestId('room-refused').waitFor();
    await room.reload();
    await room.getByRole('heading', { level: 1, name: 'This board link does not open the board' }).waitFor();
    await expectAccessible(room);
    await closePage(room);
  });

  it('lets the console turn the single-key shortcuts off, and skips to the first position button', async () => {
    const console_ = await openPage(world, '/signin', { width: 1280, height: 800 });
    await signIn(console_, world.people.moderator.email);
    await console_.goto(`/meetings/${meetingId}/moderate?item=${items[26]}`);
    await console_.getByRole('group', { name: 'Record the Government position' }).waitFor();
    await console_.keyboard.press('Tab');
    await console_.keyboard.press('Tab');
    expect(await console_.evaluate('document.activeElement.textContent')).toBe('Skip to the position buttons');
    await console_.keyboard.press('Enter');
    expect(await console_.evaluate('document.activeElement.id')).toBe('first-position');

    const toggle = console_.getByLabel('Single-key shortcuts');
    expect(await toggle.isChecked()).toBe(true);
    await toggle.uncheck();
    await console_.getByTestId('announcer').getByText('Single-key shortcuts are off: use the buttons.').waitFor();
    await console_.keyboard.press('g');
    expect(await console_.locator('.group-armed').count()).toBe(0);
    expect(await console_.getByTestId('shortcut-state').count()).toBe(0);
    // Kept in this browser.
    await console_.reload();
    await console_.getByRole('group', { name: 'Record the Government position' }).waitFor();
    expect(await console_.getByLabel('Single-key shortcuts').isChecked()).toBe(false);
    await console_.getByLabel('Single-key shortcuts').check();
    await console_.keyboard.press('g');
    await console_.locator('.group-armed[data-group="GOVERNMENT"]').waitFor();
    await console_.keyboard.press('Escape');
    await expectAccessible(console_);
    await closePage(console_);
  });

  it('stays live past several access tokens, and warns before the session ends with a way to sign in again', async () => {
    await closePage(board);
    // Access tokens of 3 s: the board renews them silently and stays live.
    await world.restartApi({ JWT_TTL: '3s' });
    const tab = await openPage(world, '/signin', { width: 1280, height: 720 });
    await signIn(tab, world.people.observer.email);
    await tab.goto(`/meetings/${meetingId}/board?view=projector`);
    await tab.locator('.live[data-status="live"]').waitFor();
    for (let i = 0; i < 3; i++) {
      const refreshed = await tab.waitForResponse((r) => r.url().endsWith('/auth/refresh'), { timeout: 15_000 });
      expect(refreshed.status()).toBe(200);
    }
    await as(moderator, Q.position, { i: items[26], g: 'GOVERNMENT', p: 'SUPPORT' });
    await tab.locator('[data-testid="pinned"] [data-group="GOVERNMENT"] .chip[data-position="SUPPORT"]').waitFor();
    expect(new URL(tab.url()).pathname).toBe(`/meetings/${meetingId}/board`);
    expect(await tab.getByTestId('session-warning').count()).toBe(0);
    await closePage(tab);

    // Sessions that end 12 s after sign-in: the warning comes 10 s before (a fifth of the life, at least 10 s).
    await world.restartApi({ SESSION_MAX_TTL: '12s' });
    const short = await openPage(world, '/signin', { width: 1280, height: 720 });
    await signIn(short, world.people.observer.email);
    await short.goto(`/meetings/${meetingId}/board?view=projector`);
    const warning = short.getByTestId('session-warning');
    await warning.getByText(/Your session ends in 1 minute/).waitFor();
    await expectAccessible(short);
    await warning.getByRole('button', { name: 'Sign in again' }).click();
    await short.waitForURL((u) => u.pathname === '/signin');
    expect(new URL(short.url()).searchParams.get('next')).toBe(`/meetings/${meetingId}/board?view=projector`);
    await signIn(short, world.people.observer.email);
    await expectPinnedInView(short, items[26]);
    await closePage(short);
  });
});
