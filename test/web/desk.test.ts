// The secretariat's desk in chromium against the built api: instruments by stage; one instrument closed
// early with a reason, its move to the experts' meeting blocked by undisposed comments until they are
// disposed of in the matrix, a CONFLICT shown and recovered, the CSV export downloaded; the GB paper
// previewed in a sandboxed frame; an instrument created from the desk, and moved elsewhere while shown.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { ok } from '@tripartite/testing';
import { waitFor } from '../ops/processes';
import {
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
} from './browser-support';

jest.setTimeout(60_000);

const MARKDOWN = `# Desk guidelines

## I. Voice

1.1 Everyone concerned should be heard before a rule is adopted.

1.2 Deadlines are announced in advance and kept.

## II. Fairness

2.1 No recruitment fee should be charged to a worker.
`;

const PAPER_MARKDOWN = `# Paper guidelines

## I. Scope

1.1 Shown as text, never run: <script>window.parent.pwned = true</script> & <b>not bold</b>.
`;

const BODIES = {
  gov: 'Governments ask for a transition period of two years.',
  wrk: 'Workers: "no fees", ever, and say so plainly.',
  emp: 'Employers welcome the draft as a whole.',
};

describe('web client: the secretariat’s desk', () => {
  let world: WebWorld;
  let staff: string;
  let page: Page;
  const a = { id: '', roundId: '', meetingId: '' };
  let paperInstrumentId = '';

  const sec = async <T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> => ok<T>(await world.gql<T>(query, variables, staff));
  const stageOf = async (id: string): Promise<string> => (await sec(`query($i: ID!) { instrument(id: $i) { stage } }`, { i: id })).instrument.stage;

  /** A published instrument with version 1; guideline ids by number. */
  async function published(reference: string, markdown: string): Promise<{ id: string; versionId: string; guidelines: Record<string, string> }> {
    const created = (
      await sec(
        `mutation($r: String!) { createInstrument(input: { reference: $r, title: "Guidelines on the desk", summary: "Seen by the secretariat." }) { id versions { id } } }`,
        { r: reference },
      )
    ).createInstrument;
    const versionId = created.versions[0].id;
    await sec(`mutation($v: ID!, $md: String!) { importDraftMarkdown(versionId: $v, markdown: $md) { id } }`, { v: versionId, md: markdown });
    const { publishVersion } = await sec(`mutation($v: ID!) { publishVersion(versionId: $v) { guidelines { id number } } }`, { v: versionId });
    return { id: created.id, versionId, guidelines: Object.fromEntries(publishVersion.guidelines.map((g: any) => [g.number, g.id])) };
  }

  async function openConsultation(p: { id: string; versionId: string }): Promise<string> {
    const closesAt = new Date(Date.now() + 3_600_000).toISOString();
    const round = (
      await sec(`mutation($in: ScheduleConsultationInput!) { scheduleConsultation(input: $in) { id } }`, {
        in: { instrumentId: p.id, versionId: p.versionId, closesAt },
      })
    ).scheduleConsultation;
    await sec(`mutation($i: ID!) { advanceStage(instrumentId: $i, to: CONSULTATION) { stage } }`, { i: p.id });
    return round.id;
  }

  async function scheduleMeeting(p: { id: string; versionId: string }): Promise<{ id: string; agenda: { id: string }[] }> {
    const startsAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const endsAt = new Date(Date.now() + 8 * 86_400_000).toISOString();
    return (
      await sec(`mutation($in: ScheduleMeetingInput!) { scheduleMeeting(input: $in) { id agenda { id } } }`, {
        in: { instrumentId: p.id, versionId: p.versionId, title: 'Meeting of experts on the desk guidelines', venue: 'Geneva', startsAt, endsAt },
      })
    ).scheduleMeeting;
  }

  /** Consultation closed early, a meeting held with everything adopted, and a paper prepared: GB_SUBMISSION. */
  async function withPaper(): Promise<string> {
    const p = await published('DESK/2', PAPER_MARKDOWN);
    await openConsultation(p);
    await sec(`mutation($i: ID!) { advanceStage(instrumentId: $i, to: CONSOLIDATION, reason: "Nothing to wait for") { stage } }`, { i: p.id });
    const meeting = await scheduleMeeting(p);
    await sec(`mutation($i: ID!) { advanceStage(instrumentId: $i, to: EXPERTS_MEETING) { stage } }`, { i: p.id });
    await sec(`mutation($m: ID!) { openMeeting(meetingId: $m) { status } }`, { m: meeting.id });
    for (const item of meeting.agenda) {
      await sec(`mutation($i: ID!) { openAgendaItem(agendaItemId: $i) { status } }`, { i: item.id });
      for (const g of ['GOVERNMENT', 'EMPLOYERS', 'WORKERS']) {
        await sec(`mutation($i: ID!, $g: ConstituentGroup!) { recordPosition(agendaItemId: $i, group: $g, position: SUPPORT) { revision } }`, {
          i: item.id,
          g,
        });
      }
      await sec(`mutation($i: ID!) { closeAgendaItem(agendaItemId: $i, status: ADOPTED) { status } }`, { i: item.id });
    }
    await sec(`mutation($m: ID!) { closeMeeting(meetingId: $m) { status } }`, { m: meeting.id });
    await sec(`mutation($m: ID!) { adoptMeetingReport(meetingId: $m) { status } }`, { m: meeting.id });
    await sec(`mutation($i: ID!) { advanceStage(instrumentId: $i, to: GB_SUBMISSION) { stage } }`, { i: p.id });
    const session = (
      await sec(`mutation($s: DateTime!, $e: DateTime!) { createGoverningBodySession(number: 352, startsAt: $s, endsAt: $e) { id } }`, {
        s: new Date(Date.now() + 40 * 86_400_000).toISOString(),
        e: new Date(Date.now() + 45 * 86_400_000).toISOString(),
      })
    ).createGoverningBodySession;
    await sec(`mutation($in: PrepareSubmissionInput!) { prepareSubmission(input: $in) { id } }`, {
      in: {
        instrumentId: p.id,
        sessionId: session.id,
        symbol: 'GB.352/INS/7',
        agendaItemTitle: 'Paper guidelines',
        pointForDecision: 'The Governing Body approves the guidelines.',
      },
    });
    return p.id;
  }

  beforeAll(async () => {
    world = await startWebWorld();
    staff = await world.login(world.people.secretariat.email);
    const comment = async (who: string, input: Record<string, unknown>) =>
      ok(
        await world.gql(
          `mutation($in: SubmitCommentInput!) { submitComment(input: $in) { id } }`,
          { in: { type: 'GENERAL', ...input } },
          await world.login(who),
        ),
      );

    // DESK/1: in consultation until an hour from now, with three comments (two on 1.1, one general).
    const p = await published('DESK/1', MARKDOWN);
    a.id = p.id;
    a.roundId = await openConsultation(p);
    const { constituents } = world.people;
    await comment(constituents.GOVERNMENT[0].email, {
      roundId: a.roundId,
      guidelineId: p.guidelines['1.1'],
      type: 'TECHNICAL',
      body: BODIES.gov,
      proposedText: 'within two years',
    });
    await comment(constituents.WORKERS[0].email, { roundId: a.roundId, guidelineId: p.guidelines['1.1'], body: BODIES.wrk });
    await comment(constituents.EMPLOYERS[0].email, { roundId: a.roundId, body: BODIES.emp });
    paperInstrumentId = await withPaper();

    page = await openPage(world, '/signin', { width: 1920, height: 1080 });
    page.setDefaultTimeout(10_000);
    await signIn(page, world.people.secretariat.email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Desk' }).click();
  }, 120_000);
  afterAll(() => world?.close());

  /** The counts of a matrix row (or any row's cells but the last). */
  const cells = async (row: Locator) => (await row.locator('th, td').allInnerTexts()).slice(0, -1);
  const matrixRow = (key: string) => page.locator(`.desk-round[data-round="1"] tr[data-row="${key}"]`);
  const step = (stage: string) => page.locator(`.desk-step[data-stage="${stage}"]`);
  const stageShown = () => page.getByTestId('current-stage').innerText();

  async function fits360(): Promise<void> {
    const before = page.viewportSize()!;
    await page.setViewportSize({ width: 360, height: 740 });
    // What sticks out, when something does (to say where, not only that).
    const wide = (await overflowsHorizontally(page))
      ? await page.evaluate(
          `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > innerWidth + 1 && !e.closest('.table-scroll')).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8)`,
        )
      : [];
    expect(wide).toEqual([]);
    await page.setViewportSize(before);
  }

  it('lists the instruments by stage with their counts, each linking to its page', async () => {
    expect(new URL(page.url()).pathname).toBe('/desk');
    await page.getByRole('heading', { level: 1, name: 'Secretariat desk' }).waitFor();
    const counts = page.getByRole('list', { name: 'Number of instruments at each stage' });
    await counts.waitFor();
    expect(await counts.getByRole('listitem').allInnerTexts()).toEqual([
      'Drafting: 0',
      'Consultation: 1',
      'Consolidation: 0',
      'Experts’ meeting: 0',
      'Governing Body submission: 1',
      'Decided: 0',
      'Withdrawn: 0',
    ]);
    const consultation = page.getByRole('region', { name: 'Consultation (1)' });
    await consultation.getByRole('link', { name: 'DESK/1: Guidelines on the desk' }).waitFor();
    expect(await consultation.innerText()).toMatch(/Round 1: comments close: .*\(in 5\d minutes/s);
    await page.getByRole('region', { name: 'Governing Body submission (1)' }).getByRole('link', { name: 'DESK/2: Guidelines on the desk' }).waitFor();
    await expectAccessible(page);
    await screenshots(page, 'desk');
    await fits360();
    expect(pageProblems(page)).toEqual([]);
  });

  it('shows the instrument in consultation, and closes the consultation early only with a reason', async () => {
    await page.getByRole('link', { name: 'DESK/1: Guidelines on the desk' }).click();
    await page.getByRole('heading', { level: 1, name: 'DESK/1: Guidelines on the desk' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/desk/instruments/${a.id}`);
    expect(await stageShown()).toBe('Now at stage: Consultation');
    const round = page.getByRole('region', { name: 'Round 1 open', exact: true });
    expect(await round.innerText()).toMatch(/Comments close: .*\(in 5\d minutes/s);
    // Three of the six invited organizations have commented.
    const pending = round.getByRole('list', { name: 'Invited organizations that have not commented yet (3)' });
    // allInnerTexts does not wait: the list may come after the round's region.
    await pending.getByRole('listitem').nth(2).waitFor();
    expect(await pending.getByRole('listitem').allInnerTexts()).toEqual([
      'government org 2 (Government, KE)',
      'employers org 2 (Employers)',
      'workers org 2 (Workers)',
    ]);

    // The deadline has not passed: a reason lifts the blocker, and the page asks for one.
    const close = step('CONSOLIDATION');
    expect(await close.locator('.desk-blockers li').allInnerTexts()).toEqual([
      expect.stringMatching(/^The comment period runs until .*; give a reason to close it early$/),
    ]);
    expect(await step('WITHDRAWN').locator('.desk-blockers li').allInnerTexts()).toEqual(['A reason is required']);
    await close.getByRole('button', { name: 'Move to Consolidation' }).click();
    await close.getByText('Give a reason for this step.').waitFor();
    expect(await close.getByLabel('Reason (required)').getAttribute('aria-invalid')).toBe('true');
    expect(await stageOf(a.id)).toBe('CONSULTATION');

    await close.getByLabel('Reason (required)').fill('Enough comments are in to start consolidating');
    await close.getByRole('button', { name: 'Move to Consolidation' }).click();
    await page.locator('.success', { hasText: 'Moved from Consultation to Consolidation.' }).waitFor();
    await page.getByTestId('announcer').filter({ hasText: 'Moved from Consultation to Consolidation.' }).waitFor({ state: 'attached' });
    await waitFor('the page to show the new stage', async () => ((await stageShown()) === 'Now at stage: Consolidation' ? true : undefined));
    expect(await stageOf(a.id)).toBe('CONSOLIDATION');
    expect(await page.getByRole('region', { name: 'Round 1 closed', exact: true }).innerText()).toMatch(/Closed: .* \(early\)/s);
    const history = page.getByRole('table', { name: 'Stage history' });
    expect(await history.locator('tbody tr').last().locator('th, td').allInnerTexts()).toEqual([
      'Consolidation',
      'Consultation',
      expect.stringMatching(/UTC$/),
      'secretariat',
      'Enough comments are in to start consolidating',
    ]);
    expect(pageProblems(page)).toEqual([]);
  });

  it('blocks the move to the experts’ meeting while comments have no disposition, saying so in plain words', async () => {
    a.meetingId = (
      await scheduleMeeting({
        id: a.id,
        versionId: (await sec(`query($i: ID!) { instrument(id: $i) { versions { id } } }`, { i: a.id })).instrument.versions[0].id,
      })
    ).id;
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'DESK/1: Guidelines on the desk' }).waitFor();
    const meet = step('EXPERTS_MEETING');
    expect(await meet.locator('.desk-step-status').innerText()).toBe('✗ Blocked. What is still missing:');
    expect(await meet.locator('.desk-blockers li').allInnerTexts()).toEqual(['3 comments have no disposition Go to the comments without a disposition']);
    // The server says the same when asked anyway.
    await meet.getByRole('button', { name: 'Move to Experts’ meeting' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Move to Experts’ meeting: not possible yet.' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('3 comments have no disposition');
    expect(await stageOf(a.id)).toBe('CONSOLIDATION');
    expect(await stageShown()).toBe('Now at stage: Consolidation');

    expect(await cells(matrixRow('1.1'))).toEqual(['1.1', '1', '0', '1', '2', '2']);
    expect(await cells(matrixRow('1.2'))).toEqual(['1.2', '0', '0', '0', '0', '0']);
    expect(await matrixRow('1.2').getByRole('button').count()).toBe(0);
    expect(await cells(matrixRow('general'))).toEqual(['General comments', '0', '1', '0', '1', '1']);
    await expectAccessible(page);
    await screenshots(page, 'desk-instrument-blocked');
    await fits360();
  });

  it('disposes of the comments in the matrix, the counts and the blocker following', async () => {
    await page.getByRole('button', { name: 'Show the comments on guideline 1.1' }).click();
    const toggle = page.getByRole('button', { name: 'Hide the comments on guideline 1.1' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const panel = page.getByRole('region', { name: 'Comments on guideline 1.1' });
    const items = panel.locator('.desk-comment');
    await items.nth(1).waitFor();
    expect(await items.count()).toBe(2);

    const gov = items.filter({ hasText: BODIES.gov });
    expect(await gov.innerText()).toMatch(/Proposed wording:\s+within two years/);
    await gov.getByRole('radio', { name: 'Partially accepted' }).check();
    await gov.getByLabel(/^Note on comment \d/).fill('A transition period is added to 1.1.');
    await gov.getByRole('button', { name: /^Save the disposition/ }).click();
    await gov.getByText('Disposition: Partially accepted (note: A transition period is added to 1.1.)').waitFor();
    await page
      .getByTestId('announcer')
      .filter({ hasText: /^Disposition of comment \d saved: Partially accepted\.$/ })
      .waitFor({ state: 'attached' });
    await waitFor('the row to count one comment left', async () => ((await cells(matrixRow('1.1')))[5] === '1' ? true : undefined));

    // By keyboard alone: the radio group, the note, the button; the focus stays on the button after saving.
    const wrk = items.filter({ hasText: BODIES.wrk });
    await wrk.getByRole('radio', { name: 'Noted' }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.tagName')).toBe('TEXTAREA');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitFor('the row to count none left', async () => ((await cells(matrixRow('1.1')))[5] === '0' ? true : undefined));
    expect(await page.evaluate('document.activeElement.textContent')).toMatch(/^Save the disposition/);
    expect(await cells(matrixRow('1.1'))).toEqual(['1.1', '1', '0', '1', '2', '0']);
    await waitFor('the blocker to count one comment', async () =>
      (await step('EXPERTS_MEETING').locator('.desk-blockers li').allInnerTexts()).join() ===
      '1 comment has no disposition Go to the comments without a disposition'
        ? true
        : undefined,
    );

    await page.getByRole('button', { name: 'Show the comments on the draft as a whole (general comments)' }).click();
    const general = page.getByRole('region', { name: 'Comments on the draft as a whole' });
    const emp = general.locator('.desk-comment').filter({ hasText: BODIES.emp });
    await emp.getByRole('radio', { name: 'Accepted', exact: true }).check();
    await emp.getByRole('button', { name: /^Save the disposition/ }).click();
    await waitFor('every comment to have a disposition', async () =>
      (await page.getByTestId('round-1-undisposed').innerText()).startsWith('Every submitted comment (3) has a disposition.') ? true : undefined,
    );
    expect(await cells(page.locator('.desk-round[data-round="1"] tfoot tr'))).toEqual(['All', '1', '1', '1', '3', '0']);
    await general.getByRole('button', { name: 'Close the comments on the draft as a whole' }).click();
    await general.waitFor({ state: 'detached' });
    expect(await page.evaluate('document.activeElement.id')).toBe('round-1-toggle-general');
    await waitFor('the move to be ready', async () =>
      (await step('EXPERTS_MEETING').locator('.desk-step-status').innerText()) === '✓ Ready: nothing blocks this step.' ? true : undefined,
    );
    // The earlier refusal is no longer shown once nothing blocks the move.
    expect(await page.getByRole('alert').count()).toBe(0);
    const { comments } = await sec(`query($r: ID!) { comments(filter: { roundId: $r }) { edges { node { body disposition dispositionNote } } } }`, {
      r: a.roundId,
    });
    expect(comments.edges.map((e: any) => e.node).sort((x: any, y: any) => x.body.localeCompare(y.body))).toEqual([
      { body: BODIES.emp, disposition: 'ACCEPTED', dispositionNote: null },
      { body: BODIES.gov, disposition: 'PARTIALLY_ACCEPTED', dispositionNote: 'A transition period is added to 1.1.' },
      { body: BODIES.wrk, disposition: 'NOTED', dispositionNote: null },
    ]);
    await expectAccessible(page);
    await screenshots(page, 'desk-instrument-matrix');
    await fits360();
    expect(pageProblems(page)).toEqual([]);
  });

  it('downloads the round’s comments as CSV, with their dispositions', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the comments of round 1 (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('DESK-1-round-1-comments.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe(
      'Comment id,MB/NC (organization),Group,Clause/subclause (guideline),Type of comment,Comments,Proposed change,Disposition,Observations of the secretariat,Late,Submitted at (UTC)',
    );
    // Every row starts with its comment's id.
    expect(lines.slice(1).filter(Boolean).length).toBeGreaterThan(0);
    for (const line of lines.slice(1).filter(Boolean)) expect(line).toMatch(/^[0-9a-f-]{36},/);
    expect(csv).toContain(`,employers org 1,Employers,General,General,${BODIES.emp},,Accepted,,no,`);
    expect(csv).toContain(
      `,government org 1,Government,1.1,Technical,${BODIES.gov},within two years,Partially accepted,A transition period is added to 1.1.,no,`,
    );
    expect(csv).toContain(`,workers org 1,Workers,1.1,General,"Workers: ""no fees"", ever, and say so plainly.",,Noted,,no,`);
    await page.getByTestId('announcer').filter({ hasText: 'Downloaded DESK-1-round-1-comments.csv.' }).waitFor({ state: 'attached' });
    // Beside it, the same comments as a workbook, and the commenting template.
    for (const [name, file] of [
      ['Download the comments of round 1 (Excel)', 'DESK-1-round-1-comments.xlsx'],
      ['Download the commenting template of round 1 (Excel)', 'DESK-1-round-1-template.xlsx'],
    ]) {
      const [got] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      expect(got.suggestedFilename()).toBe(file);
    }
  });

  it('shows a disposition recorded meanwhile as a CONFLICT, with what changed, and saves the choice kept only when asked again', async () => {
    await page.getByRole('button', { name: 'Show the comments on guideline 1.1' }).click();
    const panel = page.getByRole('region', { name: 'Comments on guideline 1.1' });
    const gov = panel.locator('.desk-comment').filter({ hasText: BODIES.gov });
    await gov.getByText('Disposition: Partially accepted (note: A transition period is added to 1.1.)').waitFor();
    const { comments } = await sec(`query($r: ID!) { comments(filter: { roundId: $r }) { edges { node { id body } } } }`, { r: a.roundId });
    const govId = comments.edges.find((e: any) => e.node.body === BODIES.gov).node.id;
    const serverDisposition = async () =>
      (
        await sec(
          `query($r: ID!) { comments(filter: { roundId: $r }) { edges { node { id disposition dispositionNote dispositionHistory { disposition } } } } }`,
          { r: a.roundId },
        )
      ).comments.edges.find((e: any) => e.node.id === govId).node;
    // Another desk (the same person in another tab) records a disposition the page has not seen.
    await sec(`mutation($c: ID!) { setDisposition(commentId: $c, disposition: NOT_ACCEPTED, note: "Changed at the other desk") { id } }`, { c: govId });

    await gov.getByRole('radio', { name: 'Accepted', exact: true }).check();
    await gov.getByRole('button', { name: /^Save the disposition/ }).click();
    const conflict = gov.getByTestId(`disposition-conflict-${govId}`);
    await conflict.waitFor();
    expect(await conflict.getAttribute('role')).toBe('alert');
    const text = await conflict.innerText();
    expect(text).toContain('Someone else changed this comment while you were looking at it, so your disposition was not saved.');
    expect(text).toContain('Its disposition is now Not accepted (note: Changed at the other desk), by you in another tab or window.');
    expect(text).toContain('Your choice (Accepted) and note are still here');
    // The page shows the server's disposition; the server kept the other desk's.
    await gov.getByText('Disposition: Not accepted (note: Changed at the other desk)').waitFor();
    expect(await serverDisposition()).toMatchObject({ disposition: 'NOT_ACCEPTED', dispositionNote: 'Changed at the other desk' });
    expect(await gov.getByRole('radio', { name: 'Accepted', exact: true }).isChecked()).toBe(true);
    await expectAccessible(page);
    await screenshots(page, 'desk-disposition-conflict');

    await gov.getByRole('button', { name: /^Save the disposition again/ }).click();
    await gov.getByText('Disposition: Accepted (note: A transition period is added to 1.1.)').waitFor();
    expect(await gov.getByTestId(`disposition-conflict-${govId}`).count()).toBe(0);
    expect(await serverDisposition()).toEqual({
      id: govId,
      disposition: 'ACCEPTED',
      dispositionNote: 'A transition period is added to 1.1.',
      dispositionHistory: [{ disposition: 'PARTIALLY_ACCEPTED' }, { disposition: 'NOT_ACCEPTED' }, { disposition: 'ACCEPTED' }],
    });
    await panel.getByRole('button', { name: 'Close the comments on guideline 1.1' }).click();
    await panel.waitFor({ state: 'detached' });
    expect(pageProblems(page)).toEqual([]);
  });

  it('shows a change made meanwhile as a CONFLICT, refreshes, and then moves on; the meeting’s links follow', async () => {
    // A colleague starts version 2 of the draft: the instrument's revision moves on under the open page.
    await sec(`mutation($i: ID!) { createRevision(instrumentId: $i) { id } }`, { i: a.id });
    const meet = step('EXPERTS_MEETING');
    await meet.getByRole('button', { name: 'Move to Experts’ meeting' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Someone else changed this instrument while you were looking at it, so nothing was moved.' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('The page now shows its current state (stage: Consolidation)');
    expect(await stageOf(a.id)).toBe('CONSOLIDATION');
    // The refreshed page knows the new revision (and shows the new draft version).
    await page.getByText('Draft versions: version 1 published, version 2 in draft.').waitFor();

    await meet.getByRole('button', { name: 'Move to Experts’ meeting' }).click();
    await page.locator('.success', { hasText: 'Moved from Consolidation to Experts’ meeting.' }).waitFor();
    await waitFor('the page to show the new stage', async () => ((await stageShown()) === 'Now at stage: Experts’ meeting' ? true : undefined));
    expect(await stageOf(a.id)).toBe('EXPERTS_MEETING');

    const meetings = page.getByRole('region', { name: 'Experts’ meetings' });
    expect(await meetings.locator('.list-title').innerText()).toBe('Meeting of experts on the desk guidelines scheduled');
    expect(await meetings.getByRole('link', { name: /^Live board/ }).getAttribute('href')).toBe(`/meetings/${a.meetingId}/board`);
    expect(await meetings.getByRole('link', { name: /^Moderator console/ }).getAttribute('href')).toBe(`/meetings/${a.meetingId}/moderate`);
    // Dispositions are for consultation and consolidation: the matrix now only reads.
    await page.getByRole('button', { name: 'Show the comments on guideline 1.1' }).click();
    const panel = page.getByRole('region', { name: 'Comments on guideline 1.1' });
    await panel.getByText(/^Dispositions are recorded while the instrument is in consultation or consolidation/).waitFor();
    expect(await panel.getByRole('button', { name: /^Save the disposition/ }).count()).toBe(0);
    await expectAccessible(page);
    await screenshots(page, 'desk-instrument-meeting');
    expect(pageProblems(page)).toEqual([]);
  });

  it('previews the Governing Body paper from the server’s HTML in a sandboxed frame, its text escaped', async () => {
    await page.goto(`/desk/instruments/${paperInstrumentId}`);
    await page.getByRole('heading', { level: 1, name: 'DESK/2: Guidelines on the desk' }).waitFor();
    const gb = page.getByRole('region', { name: 'Governing Body paper' });
    expect(await gb.innerText()).toMatch(/GB\.352\/INS\/7, session 352 \(opens .*\): Paper guidelines\./s);
    expect(await gb.innerText()).toContain('Status: draft (not yet submitted)');
    const frame = gb.locator('iframe[title="Paper GB.352/INS/7 as it will be printed"]');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    const paper = page.frameLocator('iframe[title="Paper GB.352/INS/7 as it will be printed"]');
    await paper.getByText('Point for decision').first().waitFor();
    // The guideline's markup is text in the paper: shown, never run.
    await paper.getByText('<script>window.parent.pwned = true</script> & <b>not bold</b>', { exact: false }).first().waitFor();
    expect(await paper.locator('script, b').count()).toBe(0);
    expect(await page.evaluate('window.pwned')).toBeUndefined();
    const [download] = await Promise.all([page.waitForEvent('download'), gb.getByRole('button', { name: 'Download the paper (HTML)' }).click()]);
    expect(download.suggestedFilename()).toBe('GB.352-INS-7.html');
    expect(readFileSync((await download.path())!, 'utf8')).toContain('&lt;script&gt;');
    await expectAccessible(page);
    await screenshots(page, 'desk-instrument-paper');
    await fits360();
    // In French, the server's French edition of the paper.
    await chooseLanguage(page, 'FR');
    await page.frameLocator('iframe[title="Document GB.352/INS/7 tel qu’il sera imprimé"]').getByText('Point appelant une décision').first().waitFor();
    await chooseLanguage(page, 'EN');
    await paper.getByText('Point for decision').first().waitFor();
    expect(pageProblems(page)).toEqual([]);
  });

  it('starts a new instrument from the desk and opens its page, with what blocks its consultation', async () => {
    const tab = await openPage(world, '/signin', { width: 360, height: 740 });
    tab.setDefaultTimeout(10_000);
    await signIn(tab, world.people.secretariat.email);
    await tab.goto('/desk');
    await tab.getByLabel('Reference').fill('DESK/1');
    await tab.getByLabel('Title').fill('A second try');
    await tab.getByRole('button', { name: 'Create the instrument' }).click();
    await tab.getByText('Reference "DESK/1" is already the reference of another instrument').waitFor();
    expect(await tab.getByLabel('Reference').getAttribute('aria-invalid')).toBe('true');
    await tab.getByLabel('Reference').fill('DESK/3');
    await tab.getByRole('button', { name: 'Create the instrument' }).click();
    // It opens on its draft (test/web/drafting.test.ts), which links back to its page.
    await tab.getByRole('heading', { level: 1, name: 'DESK/3: A second try: version 1 (draft)' }).waitFor();
    await tab.getByRole('link', { name: 'Back to the instrument' }).click();
    await tab.getByRole('heading', { level: 1, name: 'DESK/3: A second try' }).waitFor();
    expect(await tab.getByTestId('current-stage').innerText()).toBe('Now at stage: Drafting');
    expect(await tab.locator('.desk-step[data-stage="CONSULTATION"] .desk-blockers li').allInnerTexts()).toEqual([
      'No consultation round is scheduled Schedule a round',
      'No version of the draft has been published Open the draft',
    ]);
    const { instruments } = await sec(`{ instruments(stage: DRAFTING) { id reference title } }`);
    expect(instruments).toEqual([{ id: expect.any(String), reference: 'DESK/3', title: 'A second try' }]);
    expect(await overflowsHorizontally(tab)).toBe(false);
    await expectAccessible(tab);

    // A move made elsewhere shows at once (stageChanged over the WebSocket, under the production CSP), and is announced.
    await tab.locator('.live[data-status="live"]').waitFor();
    await sec(`mutation($i: ID!) { advanceStage(instrumentId: $i, to: WITHDRAWN, reason: "Started by mistake") { stage } }`, { i: instruments[0].id });
    await tab.getByTestId('announcer').filter({ hasText: 'The instrument moved from Drafting to Withdrawn.' }).waitFor({ state: 'attached' });
    await tab.getByText('There is no further step: the instrument is withdrawn.').waitFor();
    expect(await tab.getByTestId('current-stage').innerText()).toBe('Now at stage: Withdrawn');
    expect(pageProblems(tab)).toEqual([]);
    await closePage(tab);
  });

  it('shows the desk and an instrument’s page in French and Spanish, stages and dispositions in the reader’s words', async () => {
    const p = await openPage(world, '/signin', { width: 1280, height: 800 });
    try {
      await signIn(p, world.people.secretariat.email);
      await p.goto('/desk');
      await p.getByRole('heading', { level: 1, name: 'Secretariat desk' }).waitFor();
      await expectInFrenchAndSpanish(p, { FR: 'Bureau du secrétariat', ES: 'Despacho de la secretaría' }, 'desk');

      await chooseLanguage(p, 'FR');
      await p.getByRole('heading', { level: 2, name: 'Instruments par étape' }).waitFor();
      await p.getByRole('link', { name: /^DESK\/1:/ }).click();
      await p.getByRole('heading', { level: 2, name: 'Étapes suivantes' }).waitFor();
      expect(await p.getByTestId('current-stage').innerText()).toMatch(/^Étape actuelle\u00a0: (Consultation|Consolidation|Réunion d’experts)/);
      await chooseLanguage(p, 'EN');
      await expectInFrenchAndSpanish(p, { FR: 'Étapes suivantes', ES: 'Pasos siguientes' }, 'instrument');
      expect(pageProblems(p)).toEqual([]);
    } finally {
      await closePage(p);
    }
  });
});
