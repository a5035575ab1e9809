// The constituent's comment page in chromium against the built api and worker: the rounds of the
// user's group, commenting on a guideline (a double click and a lost answer make one comment), editing
// with a CONFLICT resolved both ways, withdrawing, text kept across session expiry, and the deadline
// closing the forms with DEADLINE_PASSED in plain words and the text left on screen.
import type { Page, Request } from 'playwright-core';
import { ok } from '@tripartite/testing';
import { waitFor } from '../ops/processes';
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
  startWebWorld,
  storage,
} from './browser-support';

jest.setTimeout(60_000);

const MARKDOWN = `## I. Voice

1.1 Everyone concerned should be heard before a rule is adopted.

1.2 Deadlines are announced in advance and kept.

## II. Fairness

2.1 No recruitment fee should be charged to a worker.
`;

const Q = {
  create: `mutation($r: String!, $t: String!) { createInstrument(input: { reference: $r, title: $t }) { id versions { id } } }`,
  import: `mutation($v: ID!, $md: String!) { importDraftMarkdown(versionId: $v, markdown: $md) { id } }`,
  publish: `mutation($v: ID!) { publishVersion(versionId: $v) { id guidelines { id key } } }`,
  schedule: `mutation($in: ScheduleConsultationInput!) { scheduleConsultation(input: $in) { id closesAt } }`,
  advance: `mutation($i: ID!, $to: Stage!, $reason: String) { advanceStage(instrumentId: $i, to: $to, reason: $reason) { stage } }`,
  update: `mutation($id: ID!, $in: UpdateCommentInput!, $rev: Int) { updateComment(id: $id, input: $in, expectedRevision: $rev) { id revision body } }`,
};

interface OpenRound {
  instrumentId: string;
  roundId: string;
  closesAt: string;
  /** Guideline ids by key. */
  guidelines: Record<string, string>;
}

describe('web client: the constituent’s comment page', () => {
  let world: WebWorld;
  let staff: string;
  let page: Page;
  let round: OpenRound;
  let n = 0;
  const constituent = () => world.people.constituents.WORKERS[0];

  const asStaff = async (query: string, variables: Record<string, unknown>) => ok<any>(await world.gql(query, variables, staff));

  /** An instrument with version 1 published and a round scheduled (and opened unless `open` is false). */
  async function makeRound(
    title: string,
    o: { closesInMs?: number; groups?: string[]; organizationIds?: string[]; open?: boolean; visibility?: string; acceptLate?: boolean } = {},
  ): Promise<OpenRound> {
    const created = (await asStaff(Q.create, { r: `WEB/C/${++n}`, t: title })).createInstrument;
    const versionId = created.versions[0].id;
    await asStaff(Q.import, { v: versionId, md: MARKDOWN });
    const published = (await asStaff(Q.publish, { v: versionId })).publishVersion;
    const closesAt = new Date(Date.now() + (o.closesInMs ?? 86_400_000)).toISOString();
    const input: Record<string, unknown> = { instrumentId: created.id, versionId, closesAt, visibility: o.visibility ?? 'IMMEDIATE' };
    if (o.groups) input.groups = o.groups;
    if (o.organizationIds) input.organizationIds = o.organizationIds;
    if (o.acceptLate) input.acceptLate = true;
    const scheduled = (await asStaff(Q.schedule, { in: input })).scheduleConsultation;
    if (o.open !== false) await asStaff(Q.advance, { i: created.id, to: 'CONSULTATION' });
    return {
      instrumentId: created.id,
      roundId: scheduled.id,
      closesAt: scheduled.closesAt,
      guidelines: Object.fromEntries(published.guidelines.map((g: any) => [g.key, g.id])),
    };
  }

  const commentRows = (roundId: string) =>
    world.db.query<{ id: string; body: string; status: string; revision: number; guideline_id: string | null; idempotency_key: string | null }>(
      `SELECT id, body, status, revision, guideline_id, idempotency_key FROM comment WHERE round_id = $1 ORDER BY submitted_at`,
      [roundId],
    );

  const guideline = (p: Page, number: string) => p.getByRole('article', { name: new RegExp(`^Guideline ${number.replace('.', '\\.')}`) });
  /** The page's problems, less the socket's failed reconnections while the api restarted (invalidateTokens). */
  const unexpectedProblems = (p: Page) => pageProblems(p).filter((line) => !/WebSocket connection to .* failed/.test(line));
  /** Screenshots at 360 and 1920 px from the top (the guideline list is sticky), and no horizontal scroll at 360 px. */
  async function pageShots(p: Page, name: string): Promise<void> {
    await p.evaluate('window.scrollTo(0, 0)');
    await screenshots(p, name);
    const before = p.viewportSize()!;
    await p.setViewportSize({ width: 360, height: 740 });
    expect(await overflowsHorizontally(p)).toBe(false);
    await p.setViewportSize(before);
  }
  const announced = (p: Page, text: string | RegExp) => p.getByTestId('announcer').filter({ hasText: text }).waitFor({ state: 'attached' });

  beforeAll(async () => {
    world = await startWebWorld({ worker: true });
    staff = await world.login(world.people.secretariat.email);
    round = await makeRound('Fair recruitment guidelines');
    page = await openPage(world, '/signin', { width: 1920, height: 1080 });
    await signIn(page, constituent().email);
  }, 120_000);
  afterAll(() => world?.close());

  it('lists the open rounds of the user’s group with their deadlines, and the recently closed ones marked', async () => {
    const closed = await makeRound('Guidelines consulted earlier');
    await asStaff(Q.advance, { i: closed.instrumentId, to: 'CONSOLIDATION', reason: 'Closed early for the test' });
    await makeRound('Guidelines for governments only', { groups: ['GOVERNMENT'] });
    // Invited by list: the other workers' organization only.
    const other = await makeRound('Guidelines for one organization', { organizationIds: [world.people.organizations.WORKERS[1]] });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Consultations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Consultation rounds' }).waitFor();
    const open = page.getByRole('region', { name: 'Open for comments' });
    await open.locator('.list-title', { hasText: 'Fair recruitment guidelines' }).waitFor();
    const deadline = await open.locator('.deadline').innerText();
    expect(deadline).toMatch(/^Comments close: [\s\S]*\(Europe\/Zurich\)[\s\S]*UTC \(in (23 hours|1 day)/);
    const recent = page.getByRole('region', { name: 'Recently closed' });
    expect(await recent.innerText()).toMatch(/Guidelines consulted earlier[\s\S]*Closed/);
    expect(await page.locator('main').innerText()).not.toContain('Guidelines for governments only');
    expect(await page.locator('main').innerText()).not.toContain('Guidelines for one organization');
    expect(await open.innerText()).not.toContain('Guidelines consulted earlier');

    await expectAccessible(page);
    await pageShots(page, 'rounds');

    // Reached by its address, a round the organization is not invited to is read, not commented.
    await page.goto(`/rounds/${other.roundId}`);
    await page.getByRole('heading', { level: 1, name: 'Guidelines for one organization' }).waitFor();
    await page.getByTestId('not-invited').waitFor();
    await page.getByTestId('comment-counts').waitFor();
    expect(await page.getByRole('button', { name: /^Comment on guideline/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Write a general comment' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Download the commenting template (Excel)' }).count()).toBe(0);
    await page.goto('/rounds');
    await page.getByRole('heading', { level: 1, name: 'Consultation rounds' }).waitFor();

    await open.getByRole('link', { name: /Read and comment.*Fair recruitment guidelines/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Fair recruitment guidelines' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/rounds/${round.roundId}`);
    // An invited organization downloads the commenting template, to fill offline.
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the commenting template (Excel)' }).click(),
    ]);
    expect(template.suggestedFilename()).toMatch(/-round-1-template\.xlsx$/);
  });

  it('comments on a guideline: a double click on send makes exactly one comment, with one idempotency key', async () => {
    await page.getByTestId('comment-counts').waitFor();
    expect(await page.getByTestId('round-status').innerText()).toContain('Open for comments');
    const g11 = guideline(page, '1.1');
    expect(await g11.innerText()).toContain('Everyone concerned should be heard');
    await g11.getByRole('button', { name: 'Comment on guideline 1.1' }).click();
    const form = page.getByRole('form', { name: 'Comment on guideline 1.1' });
    await form.getByRole('radio', { name: 'Editorial' }).check();
    await form.getByLabel('Your comment').fill('Say who is concerned.');
    await form.getByLabel('Proposed wording (optional)').fill('Workers, employers and governments concerned should be heard.');
    await expectAccessible(page);

    const sends: Request[] = [];
    const track = (request: Request) => {
      if (request.postData()?.includes('RoundPageSubmitComment')) sends.push(request);
    };
    page.on('request', track);
    await form.getByRole('button', { name: 'Send comment' }).dblclick();
    const comments = g11.getByRole('list', { name: 'Comments on guideline 1.1' });
    await comments.getByText('Say who is concerned.').waitFor();
    await announced(page, 'Your comment on guideline 1.1 was sent.');
    page.off('request', track);

    expect(await comments.getByRole('listitem').count()).toBe(1);
    const item = await comments.getByRole('listitem').innerText();
    expect(item).toContain('workers org 1');
    expect(item).toContain('Editorial');
    expect(item).toContain('your organization');
    expect(item).toContain('Workers, employers and governments concerned should be heard.');
    const keys = new Set(sends.map((r) => JSON.parse(r.postData()!).variables.input.idempotencyKey));
    expect(sends.length).toBeGreaterThanOrEqual(1);
    expect(keys.size).toBe(1);
    const rows = await commentRows(round.roundId);
    expect(rows).toEqual([expect.objectContaining({ body: 'Say who is concerned.', guideline_id: round.guidelines['1.1'], idempotency_key: [...keys][0] })]);
    // Sent: the draft and its key are gone from sessionStorage; the form folded, its button focused.
    const { session } = await storage(page);
    expect(Object.keys(session).filter((k) => k.startsWith('tripartite.draft.'))).toEqual(
      Object.keys(session).filter((k) => k.startsWith('tripartite.draft.') && k.endsWith('#idempotency')),
    );
    expect(Object.values(session).join(' ')).not.toContain('Say who is concerned.');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Comment on guideline 1.1');
  });

  it('sends a comment once when the answer was lost and the user sends it again (same idempotency key)', async () => {
    const other = await openPage(world, '/signin', { width: 1280, height: 800 });
    await signIn(other, world.people.constituents.WORKERS[1].email);
    await other.goto(`/rounds/${round.roundId}?guideline=1.2`);
    const g12 = guideline(other, '1.2');
    await g12.waitFor();
    // The deep link focuses the guideline's heading.
    // (Locators, not waitForFunction: polling a string predicate evals in the page, which its CSP refuses.)
    await other.locator('[id="guideline-1.2"]:focus').waitFor();
    // Visibility IMMEDIATE: the other workers' organization's comment is there, without edit buttons.
    const g11 = guideline(other, '1.1');
    await g11.getByText('Say who is concerned.').waitFor();
    expect(await g11.getByRole('button', { name: /Edit/ }).count()).toBe(0);

    let lost = 0;
    await other.route('**/graphql', async (route) => {
      if (lost === 0 && route.request().postData()?.includes('RoundPageSubmitComment')) {
        lost++;
        // The server gets it and answers; the answer never reaches the page (a connection that dropped).
        await route.fetch();
        await route.abort('connectionreset');
        return;
      }
      await route.fallback();
    });
    // Keyboard only: open the form, type, tab to send.
    await g12.getByRole('button', { name: 'Comment on guideline 1.2' }).focus();
    await other.keyboard.press('Enter');
    await other.locator('textarea:focus').waitFor();
    await other.keyboard.type('Announce them in every official language.');
    await other.keyboard.press('Tab');
    await other.keyboard.press('Tab');
    expect(await other.evaluate('document.activeElement.textContent')).toBe('Send comment');
    await other.keyboard.press('Enter');
    const alert = g12.getByRole('alert');
    await alert.waitFor();
    // The page cannot know the server has it: it says so, and keeps the text.
    expect(await alert.innerText()).toContain('The server could not be reached');
    expect(await g12.getByLabel('Your comment').inputValue()).toBe('Announce them in every official language.');
    expect((await commentRows(round.roundId)).map((r) => r.body)).toContain('Announce them in every official language.');

    // The user adds to the text and sends again: the same key gives the comment the server already has,
    // which the page brings up to the new text; still one comment.
    await g12.getByLabel('Your comment').fill('Announce them in every official language, a month ahead.');
    await g12.getByRole('button', { name: 'Send comment' }).click();
    const list12 = g12.getByRole('list', { name: 'Comments on guideline 1.2' });
    await list12.getByText('Announce them in every official language, a month ahead.').waitFor();
    expect(await list12.getByRole('listitem').count()).toBe(1);
    const rows = (await commentRows(round.roundId)).filter((r) => r.guideline_id === round.guidelines['1.2']);
    expect(rows).toEqual([expect.objectContaining({ body: 'Announce them in every official language, a month ahead.', revision: 2 })]);
    expect(lost).toBe(1);
    // The first user's page, open all along, shows it as it arrives (commentSubmitted) and announces it.
    await guideline(page, '1.2').getByText('Announce them in every official language.').waitFor();
    await announced(page, 'New comment from workers org 2 on guideline 1.2.');
    // The dropped answer is the only problem of the page.
    expect(pageProblems(other).filter((p) => !/graphql|ERR_CONNECTION_RESET/.test(p))).toEqual([]);
    await closePage(other);
  });

  it('edits an own comment; a CONFLICT shows the newer text, and the user keeps theirs or takes the other', async () => {
    const [mine] = (await commentRows(round.roundId)).filter((r) => r.body === 'Say who is concerned.');
    const token = await world.login(constituent().email);
    const g11 = guideline(page, '1.1');
    const item = g11.getByRole('list', { name: 'Comments on guideline 1.1' }).getByRole('listitem');

    // A plain edit.
    await item.getByRole('button', { name: 'Edit this comment' }).click();
    const edit = item.getByRole('form', { name: 'Edit your comment' });
    await edit.getByLabel('Your comment').fill('Say who is concerned: all three groups.');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await item.getByText('Say who is concerned: all three groups.').waitFor();
    await announced(page, 'Your changes to the comment were saved.');
    expect((await commentRows(round.roundId)).find((r) => r.id === mine.id)).toMatchObject({ revision: 2 });

    // Changed elsewhere while editing: keep mine.
    await item.getByRole('button', { name: 'Edit this comment' }).click();
    await edit.getByLabel('Your comment').fill('My version, written in this tab.');
    ok(await world.gql(Q.update, { id: mine.id, in: { body: 'Their version, from another tab.' }, rev: 2 }, token));
    await edit.getByRole('button', { name: 'Save changes' }).click();
    const conflict = edit.getByRole('alert');
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain('Someone in your organization changed this comment while you were editing it.');
    expect(await conflict.innerText()).toContain('Their version, from another tab.');
    expect(await edit.getByLabel('Your comment').inputValue()).toBe('My version, written in this tab.');
    await expectAccessible(page);
    await pageShots(page, 'round-conflict');
    await conflict.getByRole('button', { name: 'Keep mine' }).click();
    await item.locator('.comment-body').filter({ hasText: 'My version, written in this tab.' }).waitFor();
    expect(await edit.count()).toBe(0);
    expect((await commentRows(round.roundId)).find((r) => r.id === mine.id)).toMatchObject({ body: 'My version, written in this tab.', revision: 4 });

    // Again: take theirs.
    await item.getByRole('button', { name: 'Edit this comment' }).click();
    await edit.getByLabel('Your comment').fill('A version I will drop.');
    ok(await world.gql(Q.update, { id: mine.id, in: { body: 'The version that stays.' }, rev: 4 }, token));
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.getByRole('alert').getByRole('button', { name: 'Take theirs' }).click();
    await item.locator('.comment-body').filter({ hasText: 'The version that stays.' }).waitFor();
    expect(await edit.count()).toBe(0);
    expect((await commentRows(round.roundId)).find((r) => r.id === mine.id)).toMatchObject({ body: 'The version that stays.', revision: 5 });
    expect(Object.values((await storage(page)).session).join(' ')).not.toContain('A version I will drop.');
  });

  it('withdraws a comment after a confirmation, by keyboard', async () => {
    const general = page.getByRole('region', { name: 'General comments' });
    await general.getByRole('button', { name: 'Write a general comment' }).click();
    await general.getByLabel('Your comment').fill('The draft should say how it will be reviewed.');
    await general.getByRole('button', { name: 'Send comment' }).click();
    const item = general.getByRole('list', { name: 'Comments on the draft as a whole' }).getByRole('listitem');
    await item.getByText('The draft should say how it will be reviewed.').waitFor();

    await item.getByRole('button', { name: 'Withdraw this comment' }).focus();
    await page.keyboard.press('Enter');
    const confirm = item.getByRole('group', { name: 'Withdraw this comment?' });
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('It stays in the record, marked withdrawn');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Yes, withdraw it');
    await page.keyboard.press('Enter');
    await item.getByText('withdrawn', { exact: true }).waitFor();
    await announced(page, 'The comment was withdrawn.');
    expect(await item.getByRole('button').count()).toBe(0);
    const rows = (await commentRows(round.roundId)).filter((r) => r.guideline_id === null);
    expect(rows).toEqual([expect.objectContaining({ status: 'WITHDRAWN', revision: 2 })]);

    await expectAccessible(page);
    await pageShots(page, 'round');
  });

  it('keeps the text being typed across an expired session, and sends it after signing in again', async () => {
    const g21 = guideline(page, '2.1');
    await g21.getByRole('button', { name: 'Comment on guideline 2.1' }).click();
    await g21.getByLabel('Your comment').fill('Fees charged to workers should be paid back.');
    const keyBefore = Object.entries((await storage(page)).session).find(([k]) => k.endsWith(`${round.guidelines['2.1']}#idempotency`));
    expect(keyBefore).toBeDefined();
    await page.locator('.live[data-status="live"]').waitFor();

    // Every session ends (as at its expiry): the socket is closed (4401) and the page's session ends.
    await world.invalidateTokens();
    staff = await world.login(world.people.secretariat.email);
    await page.waitForURL((url) => url.pathname === '/signin', { timeout: 20_000 });
    expect(new URL(page.url()).searchParams.get('expired')).toBe('1');
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === `/rounds/${round.roundId}`);

    const form = page.getByRole('form', { name: 'Comment on guideline 2.1' });
    expect(await form.getByLabel('Your comment').inputValue()).toBe('Fees charged to workers should be paid back.');
    const keyAfter = Object.entries((await storage(page)).session).find(([k]) => k.endsWith(`${round.guidelines['2.1']}#idempotency`));
    expect(keyAfter).toEqual(keyBefore);
    await form.getByRole('button', { name: 'Send comment' }).click();
    await guideline(page, '2.1').getByRole('list', { name: 'Comments on guideline 2.1' }).getByText('Fees charged to workers').waitFor();
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('closes the forms when the deadline passes; the server’s DEADLINE_PASSED is shown in words, the text stays', async () => {
    // Rounds that close in a few seconds (one accepts late comments); the worker closes them at their deadline.
    const closing = await makeRound('Guidelines closing soon', { closesInMs: 10_000 });
    const lateRound = await makeRound('Guidelines taking late comments', { closesInMs: 10_000, acceptLate: true });
    await page.goto(`/rounds/${closing.roundId}`);
    const g11 = guideline(page, '1.1');
    await g11.getByRole('button', { name: 'Comment on guideline 1.1' }).click();
    await g11.getByLabel('Your comment').fill('Sent a moment too late.');
    expect(await page.getByTestId('round-status').innerText()).toMatch(/Open for comments[\s\S]*\(in [0-9]+ seconds?\)/);

    // A slow link: the comment reaches the server only after its clock has passed the deadline.
    await page.route('**/graphql', async (route) => {
      if (!route.request().postData()?.includes('RoundPageSubmitComment')) return route.fallback();
      await waitFor(
        'the deadline to pass',
        async () => {
          const [{ passed }] = await world.db.query<{ passed: boolean }>(`SELECT clock_timestamp() > $1::timestamptz AS passed`, [closing.closesAt]);
          return passed || undefined;
        },
        20_000,
      );
      await route.fallback();
    });
    await g11.getByRole('button', { name: 'Send comment' }).click();

    // The countdown reaching zero closes every form; the server then refuses the one in flight.
    await page.getByTestId('round-status').getByText('Closed', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('button', { name: /^Comment on guideline/ }).count()).toBe(0);
    const alert = g11.getByRole('alert');
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.innerText()).toContain('The deadline has passed, so this can no longer be sent. Your text is still here for you to copy.');
    expect(await alert.getAttribute('data-code')).toBe('DEADLINE_PASSED');
    expect(await g11.getByLabel('Your comment on guideline 1.1 (not sent)').inputValue()).toBe('Sent a moment too late.');
    expect(await page.getByRole('button', { name: 'Send comment' }).count()).toBe(0);
    expect(await commentRows(closing.roundId)).toEqual([]);
    await page.unroute('**/graphql');

    // The worker closes the round; read again, the page says so and still shows the unsent text.
    await waitFor(
      'the worker to close the round',
      async () => {
        const [r] = await world.db.query<{ status: string }>(`SELECT status FROM consultation_round WHERE id = $1`, [closing.roundId]);
        return r.status === 'CLOSED' || undefined;
      },
      30_000,
    );
    await page.reload();
    const status = page.getByTestId('round-status');
    await status.getByText('Closed', { exact: true }).waitFor();
    expect(await status.innerText()).toContain('The comment period is over');
    expect(await g11.getByLabel('Your comment on guideline 1.1 (not sent)').inputValue()).toBe('Sent a moment too late.');
    await expectAccessible(page);
    await pageShots(page, 'round-closed');
    // Copied: the user lets the text go.
    await g11.getByRole('button', { name: 'Discard this text' }).click();
    expect(await g11.getByRole('textbox').count()).toBe(0);

    // A round that accepts late comments keeps its forms open after the deadline, and says the comment will be marked late.
    await page.goto(`/rounds/${lateRound.roundId}`);
    await page.getByTestId('round-status').getByText('Deadline passed: late comments accepted').waitFor();
    const late11 = guideline(page, '1.1');
    await late11.getByRole('button', { name: 'Comment on guideline 1.1' }).click();
    const lateForm = page.getByRole('form', { name: 'Comment on guideline 1.1' });
    expect(await lateForm.innerText()).toContain('yours will be kept and marked late');
    await lateForm.getByLabel('Your comment').fill('Late, but worth reading.');
    await lateForm.getByRole('button', { name: 'Send late comment' }).click();
    const lateItem = late11.getByRole('list', { name: 'Comments on guideline 1.1' }).getByRole('listitem');
    await lateItem.getByText('Late, but worth reading.').waitFor();
    expect(await lateItem.locator('.badge').allInnerTexts()).toContain('late');
    await announced(page, 'Your comment on guideline 1.1 was sent, marked late.');
    // Sent late, it can no longer be changed.
    expect(await lateItem.getByRole('button').count()).toBe(0);
    expect(await commentRows(lateRound.roundId)).toEqual([expect.objectContaining({ body: 'Late, but worth reading.' })]);
    expect((await world.db.query<{ late: boolean }>(`SELECT late FROM comment WHERE round_id = $1`, [lateRound.roundId]))[0].late).toBe(true);
    await expectAccessible(page);
    expect(unexpectedProblems(page)).toEqual([]);
    await closePage(page);
  });

  it('shows the rounds and the round page in French and Spanish, dates and counts in the reader’s words', async () => {
    const p = await openPage(world, '/signin', { width: 1280, height: 800 });
    try {
      await signIn(p, constituent().email);
      await p.goto('/rounds');
      await p.getByRole('heading', { level: 1, name: 'Consultation rounds' }).waitFor();
      await expectInFrenchAndSpanish(p, { FR: 'Tours de consultation', ES: 'Rondas de consultas' }, 'rounds');

      await chooseLanguage(p, 'FR');
      const open = p.getByRole('region', { name: 'Ouverts aux commentaires' });
      await open.locator('.list-title', { hasText: 'Fair recruitment guidelines' }).waitFor();
      // Intl's French: abbreviated day and month, 24 h; the countdown with Intl's plural of the unit.
      expect(await open.locator('.deadline').first().innerText()).toMatch(
        /^Clôture des commentaires\s: [\s\S]*\b(lun|mar|mer|jeu|ven|sam|dim)\.\s[\s\S]*\(Europe\/Zurich\)[\s\S]*UTC\s\(dans\s\d+\s(heures?|jours?|minutes?)/,
      );

      await p.goto(`/rounds/${round.roundId}`);
      await p.getByRole('heading', { level: 2, name: 'Commentaires généraux' }).waitFor();
      await p.getByRole('article', { name: /^Principe directeur 1\.1/ }).waitFor();
      await p
        .getByRole('navigation', { name: 'Principes directeurs' })
        .getByText(/^\(\d+ commentaires?\)$/)
        .first()
        .waitFor();
      await chooseLanguage(p, 'EN');
      await expectInFrenchAndSpanish(p, { FR: 'Commentaires généraux', ES: 'Comentarios generales' }, 'round');

      await chooseLanguage(p, 'ES');
      await p.getByRole('button', { name: 'Comentar la directriz 1.1' }).click();
      await p.getByRole('group', { name: 'Tipo de comentario' }).waitFor();
      await p.getByLabel('Su comentario').waitFor();
      await expectAccessible(p);
      await chooseLanguage(p, 'EN');
      expect(unexpectedProblems(p)).toEqual([]);
    } finally {
      await closePage(p);
    }
  });
});
