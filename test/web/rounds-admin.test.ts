// The secretariat's consultation screens in chromium against the built api: a round scheduled from the instrument
// page with a time zone chosen (the deadline stored in UTC), opened, extended with a reason; the round's comments
// filtered, searched and walked through ("next comment without a disposition") beside their guideline's text; one
// disposition for several comments with one of them changed meanwhile, refused and explained; the round closed
// early with a reason. Every blocker of the next steps has its action on the page.
import type { Page } from 'playwright-core';
import { ok } from '@tripartite/testing';
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

const MARKDOWN = `# Round guidelines

## I. Recruitment

1.1 Recruitment should be free of charge for workers.

1.2 Deadlines for recruitment are announced in advance.

## II. Wages

2.1 Wages are paid on time and in full.
`;

const BODIES = {
  french: 'Les délais de recrutement doivent être raisonnables.',
  fees: 'No fees charged to workers, ever.',
  typo: 'A typo in the title of the draft.',
  wages: 'Wages should be paid monthly at the latest.',
  late: 'Sent after the deadline, on recruitment.',
};

describe('web client: the secretariat’s consultation screens', () => {
  let world: WebWorld;
  let staff: string;
  let page: Page;
  const a = { id: '', versionId: '', roundId: '', guidelines: {} as Record<string, string> };
  const comments: Record<keyof typeof BODIES, string> = { french: '', fees: '', typo: '', wages: '', late: '' };
  const year = new Date().getUTCFullYear() + 1;

  const sec = async <T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> => ok<T>(await world.gql<T>(query, variables, staff));
  const roundNow = async () =>
    (
      await sec(
        `query($i: ID!) { instrument(id: $i) { stage rounds { id status closesAt visibility acceptLate pendingOrganizations { name } extensions { reason } } } }`,
        { i: a.id },
      )
    ).instrument;
  const stageShown = () => page.getByTestId('current-stage').innerText();
  const announced = (text: string | RegExp) => page.getByTestId('announcer').filter({ hasText: text }).waitFor({ state: 'attached' });
  const finder = () => page.getByRole('region', { name: 'Find comments' });
  const count = () => page.getByTestId('round-1-finder-count').innerText();
  const listed = async () => (await finder().locator('.round-excerpt').allInnerTexts()).sort();

  beforeAll(async () => {
    world = await startWebWorld();
    staff = await world.login(world.people.secretariat.email);
    const created = (await sec(`mutation { createInstrument(input: { reference: "ROUND/1", title: "Guidelines on recruitment" }) { id versions { id } } }`))
      .createInstrument;
    a.id = created.id;
    a.versionId = created.versions[0].id;
    await sec(`mutation($v: ID!, $md: String!) { importDraftMarkdown(versionId: $v, markdown: $md) { id } }`, { v: a.versionId, md: MARKDOWN });
    const { publishVersion } = await sec(`mutation($v: ID!) { publishVersion(versionId: $v) { guidelines { id number } } }`, { v: a.versionId });
    a.guidelines = Object.fromEntries(publishVersion.guidelines.map((g: any) => [g.number, g.id]));
    page = await openPage(world, '/signin', { width: 1920, height: 1080 });
    page.setDefaultTimeout(10_000);
    await signIn(page, world.people.secretariat.email);
    await page.goto(`/desk/instruments/${a.id}`);
    await page.getByRole('heading', { level: 1, name: 'ROUND/1: Guidelines on recruitment' }).waitFor();
  }, 120_000);
  afterAll(() => world?.close());

  it('schedules a round from the blocker’s action: the deadline in a chosen zone, stored in UTC; a refusal shown beside its field', async () => {
    const step = page.locator('.desk-step[data-stage="CONSULTATION"]');
    await step.getByRole('button', { name: 'Schedule a round' }).click();
    expect(await page.evaluate('document.activeElement.id')).toBe('schedule-round-toggle');
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Schedule a consultation round' });
    await form.waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('schedule-version');
    // The reader's zone is the default, and named.
    expect(await form.getByLabel('Time zone').inputValue()).toBe('Europe/Zurich');
    await form.getByLabel('Date').fill(`${year - 3}-01-15`);
    await form.getByLabel('Time', { exact: true }).fill('17:00');
    await form.getByLabel('Time zone').selectOption('America/New_York');
    await form.getByText(`in America/New_York is`).waitFor();
    expect(await form.getByTestId('schedule-deadline-utc').innerText()).toMatch(/15 Jan \d{4}, 17:00 in America\/New_York is .*15 Jan \d{4}, 22:00 UTC/);
    await form.getByRole('radio', { name: /^At once/ }).check();
    await form.getByLabel('Accept late comments (kept and marked late)').check();
    await form.getByRole('radio', { name: 'Only the organizations chosen below' }).check();
    await form.getByRole('checkbox', { name: /^government org 1/ }).check();
    await form.getByRole('checkbox', { name: /^workers org 1/ }).check();
    // A deadline in the past: the server's refusal is beside the deadline, the focus on its first field.
    await form.getByRole('button', { name: 'Schedule the round' }).click();
    await form.locator('#schedule-deadline-error', { hasText: 'must be in the future' }).waitFor();
    expect(await form.getByLabel('Date').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate('document.activeElement.id')).toBe('schedule-deadline-date');
    await expectAccessible(page);
    await screenshots(page, 'rounds-schedule');

    // Kept across a reload (a draft), then sent.
    await page.reload();
    await form.waitFor();
    expect(await form.getByLabel('Time zone').inputValue()).toBe('America/New_York');
    await form.getByLabel('Date').fill(`${year}-01-15`);
    await form.getByRole('button', { name: 'Schedule the round' }).click();
    await announced('Round 1 is scheduled.');
    await page.getByRole('region', { name: 'Round 1 scheduled', exact: true }).waitFor();
    await waitFor('the round’s heading to have the focus', async () =>
      (await page.evaluate('document.activeElement.id')) === 'round-1-heading' ? true : undefined,
    );
    const { rounds } = await roundNow();
    expect(rounds).toEqual([
      {
        id: expect.any(String),
        status: 'SCHEDULED',
        closesAt: `${year}-01-15T22:00:00.000Z`,
        visibility: 'IMMEDIATE',
        acceptLate: true,
        pendingOrganizations: expect.arrayContaining([{ name: 'government org 1' }, { name: 'workers org 1' }]),
        extensions: [],
      },
    ]);
    expect(rounds[0].pendingOrganizations).toHaveLength(2);
    a.roundId = rounds[0].id;
    expect(await page.getByRole('form', { name: 'Schedule a consultation round' }).count()).toBe(0);
    expect(pageProblems(page)).toEqual([]);
  });

  it('opens the round, and extends its deadline only with a reason', async () => {
    await page.getByRole('button', { name: 'Open round 1 for comments' }).click();
    await announced('Round 1 is open for comments.');
    await waitFor('the page to show the consultation', async () => ((await stageShown()) === 'Now at stage: Consultation' ? true : undefined));
    await page.getByRole('region', { name: 'Round 1 open', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Extend the deadline of round 1' }).click();
    const form = page.getByRole('form', { name: 'Extend the deadline of round 1' });
    await form.waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('round-1-extend-date');
    await form.getByLabel('Date').fill(`${year}-01-22`);
    await form.getByLabel('Time', { exact: true }).fill('17:00');
    await form.getByLabel('Time zone').selectOption('Europe/Zurich');
    await form.getByRole('button', { name: 'Extend the deadline' }).click();
    await form.getByText('Give a reason.').waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('round-1-extend-reason');
    await page.keyboard.type('The employers asked for another week');
    await page.keyboard.press('Enter');
    await announced('The deadline of round 1 is extended.');
    await page.getByText(/because: The employers asked for another week/).waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('round-1-extend-toggle');
    const { rounds } = await roundNow();
    expect(rounds[0]).toMatchObject({ closesAt: `${year}-01-22T16:00:00.000Z`, extensions: [{ reason: 'The employers asked for another week' }] });

    // An organization left out at scheduling is invited while the round is open.
    await page.getByRole('button', { name: 'Invite more organizations to round 1' }).click();
    const invite = page.getByRole('form', { name: 'Invite more organizations to round 1' });
    await invite.getByRole('checkbox', { name: /^employers org 1/ }).check();
    expect(await invite.getByRole('checkbox', { name: /^government org 1/ }).count()).toBe(0);
    await invite.getByRole('button', { name: 'Invite the chosen organizations' }).click();
    await announced('1 organization invited to round 1.');
    await page.getByRole('list', { name: 'Invited organizations that have not commented yet (3)' }).getByText('employers org 1').waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('round-1-invite-toggle');
    await expectAccessible(page);
    expect(pageProblems(page)).toEqual([]);
  });

  it('filters and searches the round’s comments, and goes to the next one without a disposition beside its guideline', async () => {
    const { GOVERNMENT, WORKERS } = world.people.constituents;
    const gov = await world.login(GOVERNMENT[0].email);
    const wrk = await world.login(WORKERS[0].email);
    const submit = async (token: string, input: Record<string, unknown>) =>
      ok<any>(await world.gql(`mutation($in: SubmitCommentInput!) { submitComment(input: $in) { id } }`, { in: { roundId: a.roundId, ...input } }, token))
        .submitComment.id as string;
    comments.french = await submit(gov, { guidelineId: a.guidelines['1.1'], type: 'TECHNICAL', body: BODIES.french });
    comments.fees = await submit(wrk, { guidelineId: a.guidelines['1.1'], type: 'GENERAL', body: BODIES.fees });
    comments.typo = await submit(gov, { type: 'EDITORIAL', body: BODIES.typo });
    comments.wages = await submit(wrk, { guidelineId: a.guidelines['2.1'], type: 'TECHNICAL', body: BODIES.wages });
    comments.late = await submit(wrk, { guidelineId: a.guidelines['1.2'], type: 'GENERAL', body: BODIES.late });
    // A late comment needs a deadline passed: the round accepts them; the flag is what the filter reads.
    await world.db.query(`UPDATE comment SET late = true WHERE id = $1`, [comments.late]);

    await page.reload();
    await finder().waitFor();
    await waitFor('the five comments', async () => ((await count()) === '5 comments found (5 shown).' ? true : undefined));
    const filters = page.getByRole('search', { name: 'Filter the comments of round 1' });
    await filters.getByLabel('Group').selectOption({ label: 'Workers' });
    await waitFor('the workers’ comments', async () => ((await count()) === '3 comments found (3 shown).' ? true : undefined));
    await announced('3 comments found.');
    await filters.getByLabel('Type').selectOption({ label: 'Technical' });
    await waitFor('one technical comment of the workers', async () => ((await count()) === '1 comment found (1 shown).' ? true : undefined));
    expect(await listed()).toEqual([BODIES.wages]);
    await filters.getByRole('button', { name: 'Clear the filters' }).click();
    await filters.getByLabel('Guideline', { exact: true }).selectOption({ label: 'General comments' });
    await waitFor('the general comment', async () => ((await listed()).join() === BODIES.typo ? true : undefined));
    await filters.getByLabel('Guideline', { exact: true }).selectOption({ label: '1.1' });
    await waitFor('the comments on 1.1', async () => ((await listed()).join('|') === [BODIES.fees, BODIES.french].sort().join('|') ? true : undefined));
    await filters.getByRole('button', { name: 'Clear the filters' }).click();
    await filters.getByLabel('Sent').selectOption({ label: 'Late only' });
    await waitFor('the late comment', async () => ((await listed()).join() === BODIES.late ? true : undefined));
    await filters.getByRole('button', { name: 'Clear the filters' }).click();
    // The server's search, across accents and languages: "delais" finds "délais".
    await filters.getByLabel('Search the comments').fill('delais');
    await page.keyboard.press('Enter');
    await waitFor('the French comment', async () => ((await listed()).join() === BODIES.french ? true : undefined));
    await filters.getByRole('button', { name: 'Clear the filters' }).click();
    await waitFor('every comment again', async () => ((await count()) === '5 comments found (5 shown).' ? true : undefined));

    // By keyboard: Alt+N from within the list opens the first comment without a disposition, focused, beside its guideline.
    await filters.getByLabel('Search the comments').focus();
    await page.keyboard.press('Alt+N');
    const detail = page.getByTestId('round-1-finder-detail');
    await detail.waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('round-1-finder-detail-heading');
    expect(await detail.innerText()).toContain(BODIES.french);
    expect(await page.getByTestId('round-1-finder-guideline').innerText()).toContain('Recruitment should be free of charge for workers.');
    await announced('Comment by government org 1 opened.');
    // Disposed of meanwhile (elsewhere): the next one skips it.
    await sec(`mutation($c: ID!) { setDisposition(commentId: $c, disposition: NOTED) { id } }`, { c: comments.fees });
    await page.getByRole('button', { name: 'Next comment without a disposition' }).click();
    await waitFor('the general comment to open', async () => ((await detail.innerText()).includes(BODIES.typo) ? true : undefined));
    expect(await page.getByTestId('round-1-finder-guideline').innerText()).toBe('A general comment: it is about the draft as a whole.');
    await expectAccessible(page);
    await screenshots(page, 'rounds-finder');
    expect(pageProblems(page)).toEqual([]);
  });

  it('records one disposition and note for several comments; one changed meanwhile is refused, explained, and kept chosen', async () => {
    await page.reload();
    await finder().waitFor();
    await waitFor('the five comments', async () => ((await count()) === '5 comments found (5 shown).' ? true : undefined));
    const choose = (body: string) => finder().getByRole('checkbox', { name: new RegExp(`^Choose the comment by .*: ${body.slice(0, 20)}`) });
    await choose(BODIES.french).check();
    await choose(BODIES.wages).check();
    await choose(BODIES.late).check();
    const bulk = page.getByRole('form', { name: 'One disposition for the chosen comments (3)' });
    await bulk.waitFor();
    // Another desk records a disposition on one of them after this page read it.
    await sec(`mutation($c: ID!) { setDisposition(commentId: $c, disposition: ACCEPTED, note: "Taken up at the other desk") { id } }`, { c: comments.wages });
    await bulk.getByRole('button', { name: 'Record it for 3 comments' }).click();
    await bulk.getByText('Choose a disposition.').waitFor();
    await bulk.getByRole('radio', { name: 'Partially accepted' }).check();
    await bulk.getByLabel(/^Note, the same for each/).fill('Taken into account in version 2.');
    await bulk.getByRole('button', { name: 'Record it for 3 comments' }).click();
    const outcome = page.getByTestId('round-1-finder-bulk-outcome');
    await outcome.waitFor();
    expect(await outcome.getAttribute('role')).toBe('alert');
    expect(await outcome.innerText()).toContain('Recorded for 2 comments; 1 refused:');
    expect(await outcome.innerText()).toContain('The comment by workers org 1: someone recorded another disposition meanwhile (now Accepted).');
    await announced('Disposition recorded for 2 comments; 1 refused.');
    // The refused one shows its disposition now, and stays chosen alone.
    await page.getByRole('form', { name: 'One disposition for the chosen comment (1)' }).waitFor();
    expect(await choose(BODIES.wages).isChecked()).toBe(true);
    const nodes = (
      await sec(`query($r: ID!) { comments(filter: { roundId: $r }) { edges { node { id disposition dispositionNote } } } }`, { r: a.roundId })
    ).comments.edges.map((e: any) => e.node);
    const byId = Object.fromEntries(nodes.map((n: any) => [n.id, [n.disposition, n.dispositionNote]]));
    expect(byId[comments.french]).toEqual(['PARTIALLY_ACCEPTED', 'Taken into account in version 2.']);
    expect(byId[comments.late]).toEqual(['PARTIALLY_ACCEPTED', 'Taken into account in version 2.']);
    expect(byId[comments.wages]).toEqual(['ACCEPTED', 'Taken up at the other desk']);
    await waitFor('the matrix to count one comment left', async () =>
      (await page.getByTestId('round-1-undisposed').innerText()).startsWith('1 of 5 submitted comments have no disposition yet.') ? true : undefined,
    );
    await expectAccessible(page);
    await screenshots(page, 'rounds-bulk-refused');
    expect(pageProblems(page)).toEqual([]);
  });

  it('closes the round early only with a reason, recorded in the stage history', async () => {
    const form = page.getByRole('form', { name: 'Close round 1 early' });
    await form.getByRole('button', { name: 'Close round 1 now' }).click();
    await form.getByText('Give a reason.').waitFor();
    expect(await form.getByLabel('Reason (required)').getAttribute('aria-invalid')).toBe('true');
    expect((await roundNow()).stage).toBe('CONSULTATION');
    await form.getByLabel('Reason (required)').fill('Every invited organization has answered');
    await form.getByRole('button', { name: 'Close round 1 now' }).click();
    await announced('Round 1 is closed.');
    await waitFor('the page to show the consolidation', async () => ((await stageShown()) === 'Now at stage: Consolidation' ? true : undefined));
    expect(await page.getByRole('region', { name: 'Round 1 closed', exact: true }).innerText()).toMatch(/Closed: .* \(early\)/s);
    expect(await page.getByRole('table', { name: 'Stage history' }).locator('tbody tr').last().innerText()).toContain(
      'Every invited organization has answered',
    );
    expect((await roundNow()).rounds[0].status).toBe('CLOSED');
    // The move to the meeting is blocked; each blocker has its action on the page.
    const meet = page.locator('.desk-step[data-stage="EXPERTS_MEETING"]');
    expect(await meet.locator('.desk-blockers li').allInnerTexts()).toEqual([
      '1 comment has no disposition Go to the comments without a disposition',
      "No experts' meeting is scheduled Schedule a meeting",
    ]);
    await meet.getByRole('button', { name: 'Schedule a meeting' }).click();
    expect(await page.evaluate('document.activeElement.id')).toBe('meeting-schedule-title');
    await meet.getByRole('button', { name: 'Go to the comments without a disposition' }).click();
    expect(await page.evaluate('document.activeElement.id')).toBe('round-1-finder-next');
    expect(pageProblems(page)).toEqual([]);
  });

  it('fits 320 px, and speaks French and Spanish', async () => {
    for (const width of [320, 360]) {
      await page.setViewportSize({ width, height: 740 });
      // What sticks out, when something does (to say where, not only that).
      const wide = (await overflowsHorizontally(page))
        ? await page.evaluate(
            `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > innerWidth + 1 && !e.closest('.table-scroll')).map((e) => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8)`,
          )
        : [];
      expect({ width, wide }).toEqual({ width, wide: [] });
    }
    await expectAccessible(page);
    await page.setViewportSize({ width: 1920, height: 1080 });
    const p = await openPage(world, '/signin', { width: 1280, height: 800 });
    try {
      await signIn(p, world.people.secretariat.email);
      await p.goto(`/desk/instruments/${a.id}`);
      await p.getByRole('heading', { name: 'Find comments' }).waitFor();
      await expectInFrenchAndSpanish(p, { FR: 'Trouver des commentaires', ES: 'Buscar comentarios' }, 'rounds-instrument');
      expect(pageProblems(p)).toEqual([]);
    } finally {
      await closePage(p);
    }
  });
});
