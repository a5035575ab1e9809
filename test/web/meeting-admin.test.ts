// The secretariat's meeting administration and Governing Body desk in chromium against the built api: a meeting
// scheduled from the instrument's page, three participants registered (one per group), one corrected and one
// removed with a reason (the stored state and the audit read back through the API), a moderator assigned and
// unassigned, the report's adoption explained while it is refused and done once the meeting is closed; then a
// Governing Body session created, the paper prepared, previewed in French, submitted, decided and downloaded.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as mammoth from 'mammoth';
import type { Page } from 'playwright-core';
import { ok } from '@tripartite/testing';
import {
  WebWorld,
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

const MARKDOWN = `# Roster guidelines

## I. Voice

1.1 Everyone concerned should be heard before a rule is adopted.

1.2 Deadlines are announced in advance and kept.
`;

const SYMBOL = 'GB.360/INS/9';

/** A datetime-local value `days` from now, in the browser's zone (UTC in the test's chromium as in node). */
function localInput(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

describe('web client: the meeting administration and the Governing Body desk', () => {
  let world: WebWorld;
  let staff: string;
  let page: Page;
  let instrumentId = '';
  let meetingId = '';

  const sec = async <T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> => ok<T>(await world.gql<T>(query, variables, staff));
  const stored = async () =>
    (
      await sec(`query($m: ID!) { meeting(id: $m) { status participants { id group role user { displayName } } moderators { displayName } agenda { id } } }`, {
        m: meetingId,
      })
    ).meeting;
  const audit = async (action: string) =>
    (await sec(`query($e: ID!) { auditLog(entityId: $e, first: 100) { edges { node { action data } } } }`, { e: meetingId })).auditLog.edges
      .map((e: any) => e.node)
      .filter((n: any) => n.action === action)
      .map((n: any) => JSON.parse(n.data));
  const announced = (text: string | RegExp) => page.getByTestId('announcer').filter({ hasText: text }).waitFor({ state: 'attached' });

  async function fits360(): Promise<void> {
    const before = page.viewportSize()!;
    await page.setViewportSize({ width: 320, height: 740 });
    // What sticks out, when something does (to say where, not only that).
    const wide = (await overflowsHorizontally(page))
      ? await page.evaluate(
          `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > innerWidth + 1).map((e) => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8)`,
        )
      : [];
    expect(wide).toEqual([]);
    await page.setViewportSize(before);
  }

  beforeAll(async () => {
    world = await startWebWorld();
    staff = await world.login(world.people.secretariat.email);
    // ROSTER/1: published, its consultation closed early: in CONSOLIDATION, ready for a meeting.
    const created = (await sec(`mutation { createInstrument(input: { reference: "ROSTER/1", title: "Guidelines on the roster" }) { id versions { id } } }`))
      .createInstrument;
    instrumentId = created.id;
    const versionId = created.versions[0].id;
    await sec(`mutation($v: ID!, $md: String!) { importDraftMarkdown(versionId: $v, markdown: $md) { id } }`, { v: versionId, md: MARKDOWN });
    await sec(`mutation($v: ID!) { publishVersion(versionId: $v) { id } }`, { v: versionId });
    await sec(`mutation($in: ScheduleConsultationInput!) { scheduleConsultation(input: $in) { id } }`, {
      in: { instrumentId, versionId, closesAt: new Date(Date.now() + 3_600_000).toISOString() },
    });
    await sec(`mutation($i: ID!) { advanceStage(instrumentId: $i, to: CONSULTATION) { stage } }`, { i: instrumentId });
    await sec(`mutation($i: ID!) { advanceStage(instrumentId: $i, to: CONSOLIDATION, reason: "Heard enough") { stage } }`, { i: instrumentId });

    page = await openPage(world, '/signin', { width: 1920, height: 1080 });
    page.setDefaultTimeout(10_000);
    await signIn(page, world.people.secretariat.email);
  }, 120_000);
  afterAll(() => world?.close());

  it('schedules a meeting from the instrument’s page and opens its administration', async () => {
    await page.goto(`/desk/instruments/${instrumentId}`);
    const form = page.getByRole('form', { name: 'Schedule an experts’ meeting' });
    // Nothing typed: the page says what is missing and sends nothing.
    await form.getByRole('button', { name: 'Schedule the meeting' }).click();
    await form.getByText('Title is required.').waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('meeting-schedule-title');
    await form.getByLabel('Title').fill('Meeting of experts on the roster');
    await form.getByLabel('Venue (optional)').fill('Geneva');
    await form.getByLabel('Starts').fill(localInput(7));
    await form.getByLabel('Ends').fill(localInput(8));
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Schedule the meeting' }).click();
    await page.getByRole('heading', { level: 1, name: 'Meeting of experts on the roster' }).waitFor();
    meetingId = new URL(page.url()).pathname.split('/').pop()!;
    expect(new URL(page.url()).pathname).toBe(`/desk/meetings/${meetingId}`);
    expect(await page.getByTestId('meeting-status').innerText()).toBe('Status: Scheduled');
    // The console and the board are a link away.
    expect(await page.getByRole('link', { name: 'Moderator console' }).getAttribute('href')).toBe(`/meetings/${meetingId}/moderate`);
    expect(await page.getByRole('link', { name: 'Live board' }).getAttribute('href')).toBe(`/meetings/${meetingId}/board`);
    expect(await stored()).toMatchObject({ status: 'SCHEDULED', participants: [], agenda: [{}, {}] });
    // The report cannot be adopted yet, and the page says why.
    expect(await page.getByRole('region', { name: 'Report' }).innerText()).toContain('it has not opened yet');
  });

  it('registers a participant of each group, choosing the organization and then its people', async () => {
    const register = page.getByRole('region', { name: 'Register participants' });
    for (const [org, person, role] of [
      ['government org 1', 'government1', 'Spokesperson'],
      ['employers org 1', 'employers1', 'Spokesperson'],
      ['workers org 1', 'workers1', 'Adviser'],
    ]) {
      await register.getByLabel('Organization').selectOption({ label: org });
      await register.getByRole('checkbox', { name: person }).check();
      await register.getByLabel('Role').selectOption({ label: role });
      await register.getByRole('button', { name: 'Register 1 person' }).click();
      await page.locator(`[data-user]`, { hasText: person }).waitFor();
    }
    await page.getByRole('heading', { name: '3 participants' }).waitFor();
    await announced('1 participant registered.');
    // The organization chose the group: each sits with its own.
    expect((await stored()).participants.map((p: any) => [p.user.displayName, p.group, p.role])).toEqual([
      ['government1', 'GOVERNMENT', 'SPOKESPERSON'],
      ['employers1', 'EMPLOYERS', 'SPOKESPERSON'],
      ['workers1', 'WORKERS', 'ADVISER'],
    ]);
    // Those already registered are not offered again.
    await register.getByLabel('Organization').selectOption({ label: 'workers org 1' });
    await register.getByText('Everyone of this organization is registered, or it has no users.').waitFor();
    await expectAccessible(page);
    await screenshots(page, 'meeting-admin-registered');
    await fits360();
  });

  it('corrects a participant’s role only with a reason, and keeps the reason in the audit log', async () => {
    const row = page.locator('[data-user]', { hasText: 'employers1' });
    await row.getByRole('button', { name: 'Correct employers1' }).click();
    const form = page.getByRole('form', { name: 'Correct employers1' });
    // The form takes the focus; by keyboard: the group, the role.
    expect(await page.evaluate('document.activeElement.id')).toMatch(/^correct-.*-group$/);
    await form.getByLabel('Role').selectOption('EXPERT');
    await form.getByRole('button', { name: 'Save the correction' }).click();
    await form.getByText('Give a reason.').waitFor();
    expect((await stored()).participants[1].role).toBe('SPOKESPERSON');
    await form.getByLabel('Reason (required)').fill('Registered as spokesperson by mistake');
    await page.keyboard.press('Enter');
    await announced('employers1 corrected.');
    await row.getByText('employers org 1 · Employers · Expert').waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('participants-heading');
    expect((await stored()).participants[1]).toMatchObject({ group: 'EMPLOYERS', role: 'EXPERT' });
    expect(await audit('meeting.participantCorrected')).toEqual([
      expect.objectContaining({
        from: { group: 'EMPLOYERS', role: 'SPOKESPERSON' },
        to: { group: 'EMPLOYERS', role: 'EXPERT' },
        reason: 'Registered as spokesperson by mistake',
      }),
    ]);
  });

  it('refuses to move a constituent into another group, in the server’s words, and shows what is stored', async () => {
    const row = page.locator('[data-user]', { hasText: 'government1' });
    await row.getByRole('button', { name: 'Correct government1' }).click();
    const form = page.getByRole('form', { name: 'Correct government1' });
    await form.getByLabel('Group').selectOption('WORKERS');
    await form.getByLabel('Reason (required)').fill('Trying the wrong group');
    await form.getByRole('button', { name: 'Save the correction' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain("must be GOVERNMENT, the group of the user's organization");
    expect((await stored()).participants[0].group).toBe('GOVERNMENT');
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Correct government1');
  });

  it('removes a participant after asking, with a reason, and keeps who it was in the audit log', async () => {
    const row = page.locator('[data-user]', { hasText: 'workers1' });
    await row.getByRole('button', { name: 'Remove workers1' }).click();
    const form = page.getByRole('form', { name: 'Remove workers1' });
    expect(await form.innerText()).toContain('Remove workers1 from the meeting? Positions and votes already recorded stay in the record.');
    await form.getByRole('button', { name: 'Remove workers1' }).click();
    await form.getByText('Give a reason.').waitFor();
    expect((await stored()).participants).toHaveLength(3);
    await form.getByLabel('Reason (required)').fill('Left the delegation');
    await form.getByRole('button', { name: 'Remove workers1' }).click();
    await announced('workers1 removed from the meeting.');
    await page.getByRole('heading', { name: '2 participants' }).waitFor();
    expect((await stored()).participants.map((p: any) => p.user.displayName)).toEqual(['government1', 'employers1']);
    expect(await audit('meeting.participantRemoved')).toEqual([
      expect.objectContaining({ userId: world.people.constituents.WORKERS[0].id, group: 'WORKERS', role: 'ADVISER', reason: 'Left the delegation' }),
    ]);
    // Registered again as spokesperson: the meeting hears every group.
    const register = page.getByRole('region', { name: 'Register participants' });
    await register.getByLabel('Organization').selectOption({ label: 'workers org 1' });
    await register.getByRole('checkbox', { name: 'workers1' }).check();
    await register.getByRole('button', { name: 'Register 1 person' }).click();
    await page.getByRole('heading', { name: '3 participants' }).waitFor();
    expect(pageProblems(page)).toEqual([]);
  });

  it('shows a participant removed at another desk meanwhile, instead of the form for them', async () => {
    const row = page.locator('[data-user]', { hasText: 'workers1' });
    await row.getByRole('button', { name: 'Correct workers1' }).click();
    const form = page.getByRole('form', { name: 'Correct workers1' });
    const workers1 = (await stored()).participants.find((p: any) => p.user.displayName === 'workers1');
    await sec(`mutation($p: ID!) { removeParticipant(participantId: $p, reason: "Removed at the other desk") { id } }`, { p: workers1.id });
    await form.getByLabel('Role').selectOption('EXPERT');
    await form.getByLabel('Reason (required)').fill('A correction too late');
    await form.getByRole('button', { name: 'Save the correction' }).click();
    await page.getByTestId('participant-gone').getByText('workers1 is no longer registered: someone removed them meanwhile.').waitFor();
    await page.getByRole('heading', { name: '2 participants' }).waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('participants-heading');
    await expectAccessible(page);
    // Registered again for what follows.
    await sec(`mutation($m: ID!, $u: ID!) { addParticipant(meetingId: $m, userId: $u, group: WORKERS, role: SPOKESPERSON) { id } }`, {
      m: meetingId,
      u: world.people.constituents.WORKERS[0].id,
    });
  });

  it('assigns two moderators and unassigns one', async () => {
    const section = page.getByRole('region', { name: 'Moderators' });
    await section.getByText('No moderator is assigned.').waitFor();
    for (const name of ['moderator', 'moderator2']) {
      await section.getByLabel('Moderator to assign').selectOption({ label: name });
      await section.getByRole('button', { name: 'Assign', exact: true }).click();
      await announced(`${name} assigned as moderator.`);
      await section.locator('[data-moderator]', { hasText: name }).first().waitFor();
    }
    expect((await stored()).moderators.map((m: any) => m.displayName)).toEqual(['moderator', 'moderator2']);
    await section.getByRole('button', { name: 'Unassign moderator2' }).click();
    await announced('moderator2 is no longer a moderator of this meeting.');
    await section.getByRole('button', { name: 'Unassign moderator2' }).waitFor({ state: 'detached' });
    expect((await stored()).moderators.map((m: any) => m.displayName)).toEqual(['moderator']);
    expect(await audit('meeting.moderatorUnassigned')).toEqual([{ userId: world.people.otherModerator.id }]);
    await expectAccessible(page);
    await screenshots(page, 'meeting-admin-people');
  });

  it('creates a board link for the room from the meeting’s page', async () => {
    const section = page.getByTestId('board-links');
    await section.getByLabel('Label (for example, the room’s name)').fill('Room XII');
    await section.getByRole('button', { name: 'Create a board link' }).click();
    await announced('Board link created. Copy it now: it is shown only once.');
    const link = await section.getByLabel('The new board link').inputValue();
    expect(link).toMatch(/\/room\/tbl_[A-Za-z0-9_-]{64}$/);
    const { boardLinks } = await sec(`query($m: ID!) { boardLinks(meetingId: $m) { label } }`, { m: meetingId });
    expect(boardLinks.map((l: any) => l.label)).toEqual(['Room XII']);
    await expectAccessible(page);
  });

  it('explains why the report cannot be adopted during the session, and adopts it once the meeting is closed', async () => {
    // The meeting is held through the API: opened, every item adopted by consensus.
    const mod = await world.login(world.people.moderator.email);
    const asMod = async (q: string, v: Record<string, unknown>) => ok(await world.gql(q, v, mod));
    await sec(`mutation($i: ID!) { advanceStage(instrumentId: $i, to: EXPERTS_MEETING) { stage } }`, { i: instrumentId });
    await asMod(`mutation($m: ID!) { openMeeting(meetingId: $m) { status } }`, { m: meetingId });
    await page.reload();
    const report = page.getByRole('region', { name: 'Report' });
    await report.getByText('The meeting is in session, with 2 agenda items still open').waitFor();
    expect(await report.getByRole('button').count()).toBe(0);

    for (const { id } of (await stored()).agenda) {
      await asMod(`mutation($i: ID!) { openAgendaItem(agendaItemId: $i) { status } }`, { i: id });
      for (const g of ['GOVERNMENT', 'EMPLOYERS', 'WORKERS']) {
        await asMod(`mutation($i: ID!, $g: ConstituentGroup!) { recordPosition(agendaItemId: $i, group: $g, position: SUPPORT) { revision } }`, { i: id, g });
      }
      await asMod(`mutation($i: ID!) { closeAgendaItem(agendaItemId: $i, status: ADOPTED) { status } }`, { i: id });
    }
    await asMod(`mutation($m: ID!) { closeMeeting(meetingId: $m) { status } }`, { m: meetingId });
    await page.reload();
    await page.getByText('The meeting is closed: its participants and moderators are part of the record and no longer change.').waitFor();
    expect(await page.getByRole('button', { name: /^(Correct|Remove|Unassign) / }).count()).toBe(0);
    await report.getByRole('button', { name: 'Adopt the report' }).click();
    await announced('Report adopted.');
    await report.getByText('The report is adopted.').waitFor();
    expect((await stored()).status).toBe('REPORT_ADOPTED');
    await page.getByTestId('meeting-status').getByText('Report adopted').waitFor();
    await expectAccessible(page);
    await screenshots(page, 'meeting-admin-adopted');
    await fits360();
    await expectInFrenchAndSpanish(page, { FR: 'Rapport', ES: 'Informe' }, 'meeting-admin');
    expect(pageProblems(page)).toEqual([]);
  });

  it('creates a Governing Body session, prepares the paper with a preview in French, submits it and records the decision', async () => {
    await sec(`mutation($i: ID!) { advanceStage(instrumentId: $i, to: GB_SUBMISSION) { stage } }`, { i: instrumentId });
    // From the instrument's page to the Governing Body desk.
    await page.goto(`/desk/instruments/${instrumentId}`);
    // The instrument's meetings lead to their administration.
    expect(await page.getByRole('link', { name: 'Participants and report of Meeting of experts on the roster' }).getAttribute('href')).toBe(
      `/desk/meetings/${meetingId}`,
    );
    await page.getByRole('link', { name: 'Prepare, submit and record the decision' }).click();
    await page.getByRole('heading', { level: 1, name: 'Governing Body paper: ROSTER/1' }).waitFor();
    await page.getByText('No session is ahead.').waitFor();
    await page.getByRole('link', { name: 'Create a session' }).click();
    await page.getByRole('heading', { level: 1, name: 'Governing Body' }).waitFor();
    // The desk leads here too.
    await page.getByRole('link', { name: 'Back to the desk' }).click();
    await page.getByRole('link', { name: 'Governing Body: sessions, papers and decisions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Governing Body' }).waitFor();
    const form = page.getByRole('form', { name: 'New session' });
    await form.getByLabel('Number').fill('360');
    await form.getByLabel('Opens').fill(localInput(40));
    await form.getByLabel('Closes').fill(localInput(45));
    await form.getByRole('button', { name: 'Create the session' }).click();
    await announced('Session 360 created.');
    await page.locator('[data-session]', { hasText: 'Session 360' }).waitFor();
    expect((await sec(`{ governingBodySessions { number } }`)).governingBodySessions).toEqual([{ number: 360 }]);
    await expectAccessible(page);
    await screenshots(page, 'gb-sessions');
    await fits360();
    await expectInFrenchAndSpanish(page, { FR: 'Sessions', ES: 'Reuniones' }, 'gb-sessions');

    await page.getByRole('link', { name: 'ROSTER/1: Guidelines on the roster' }).click();
    await page.getByRole('heading', { level: 1, name: 'Governing Body paper: ROSTER/1' }).waitFor();
    const prepare = page.getByRole('region', { name: 'Prepare the paper' });
    await prepare.getByLabel('Symbol').fill(SYMBOL);
    await prepare.getByLabel('Agenda item title').fill('Guidelines on the roster');
    await prepare.getByLabel('Item number on the session’s agenda (optional)').fill('3');
    await prepare.getByLabel('Point for decision').fill('The Governing Body approves the guidelines on the roster.');
    await prepare.getByRole('button', { name: 'Prepare the paper' }).click();
    await announced('Paper prepared. Check the preview, then submit it.');
    const frame = page.locator(`iframe[title="Paper ${SYMBOL} as it will be printed"]`);
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    await page.frameLocator(`iframe[title="Paper ${SYMBOL} as it will be printed"]`).getByText('Point for decision').first().waitFor();
    await page.frameLocator(`iframe[title="Paper ${SYMBOL} as it will be printed"]`).getByText('THIRD ITEM ON THE AGENDA').waitFor();
    // The paper's language, apart from the page's.
    await page.getByLabel('Language of the paper').selectOption('FR');
    await page.frameLocator(`iframe[title="Paper ${SYMBOL} as it will be printed"]`).getByText('Point appelant une décision').first().waitFor();
    await page.frameLocator(`iframe[title="Paper ${SYMBOL} as it will be printed"]`).getByText("TROISIÈME QUESTION À L'ORDRE DU JOUR").waitFor();
    expect((await page.getByTestId('gb-status').innerText()).trim()).toBe('Status: draft (not yet submitted)');
    await expectAccessible(page);
    await screenshots(page, 'gb-paper-draft');
    await fits360();

    await page.getByRole('button', { name: `Submit ${SYMBOL}` }).click();
    await announced('Paper submitted.');
    await page
      .getByTestId('gb-status')
      .getByText(/^Status: submitted on /)
      .waitFor();
    const submission = async () =>
      (await sec(`query($i: ID!) { instrument(id: $i) { stage submission { status late decision } } }`, { i: instrumentId })).instrument;
    expect(await submission()).toEqual({ stage: 'GB_SUBMISSION', submission: { status: 'SUBMITTED', late: false, decision: null } });

    const decide = page.getByRole('region', { name: 'Record the decision' });
    await decide.getByRole('radio', { name: 'approved with amendments' }).check();
    await decide.getByRole('button', { name: 'Record the decision' }).click();
    await decide.getByText('Give the text of the amendments.').waitFor();
    expect((await submission()).submission.status).toBe('SUBMITTED');
    await decide.getByRole('radio', { name: 'approved', exact: true }).check();
    await decide.getByRole('button', { name: 'Record the decision' }).click();
    await announced('Decision recorded: approved.');
    await page.getByTestId('gb-decision').getByText('Decision: approved.').waitFor();
    expect(await submission()).toEqual({ stage: 'DECIDED', submission: { status: 'DECIDED', late: false, decision: 'APPROVED' } });
    await page.getByTestId('gb-stage').getByText('Decided').waitFor();
    await expectAccessible(page);
    await screenshots(page, 'gb-paper-decided');
    await expectInFrenchAndSpanish(page, { FR: 'Téléchargements', ES: 'Descargas' }, 'gb-paper');
    expect(pageProblems(page)).toEqual([]);
  });

  it('downloads the paper in each language and format the server renders', async () => {
    const downloads = page.getByRole('region', { name: 'Downloads' });
    const [html] = await Promise.all([page.waitForEvent('download'), downloads.getByRole('button', { name: `HTML of ${SYMBOL} in Français` }).click()]);
    expect(html.suggestedFilename()).toBe('GB.360-INS-9-fr.html');
    expect(readFileSync((await html.path())!, 'utf8')).toContain('Point appelant une décision');
    const [md] = await Promise.all([page.waitForEvent('download'), downloads.getByRole('button', { name: `Markdown of ${SYMBOL} in Español` }).click()]);
    expect(md.suggestedFilename()).toBe('GB.360-INS-9-es.md');
    expect(readFileSync((await md.path())!, 'utf8')).toContain('Punto que requiere decisión');
    await announced('GB.360-INS-9-es.md downloaded.');
    // The printed paper and the Word file, built by the api; read back by poppler's pdftotext and by mammoth.
    const [pdf] = await Promise.all([page.waitForEvent('download'), downloads.getByRole('button', { name: `PDF of ${SYMBOL} in Français` }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    const pdfText = execFileSync('pdftotext', ['-layout', (await pdf.path())!, '-'], { encoding: 'utf8' });
    expect(pdfText).toContain('Point appelant une décision');
    const [docx] = await Promise.all([page.waitForEvent('download'), downloads.getByRole('button', { name: `Word of ${SYMBOL} in English` }).click()]);
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
    expect((await mammoth.extractRawText({ path: (await docx.path())! })).value).toContain('Point for decision');
    expect(pageProblems(page)).toEqual([]);
  });
});
