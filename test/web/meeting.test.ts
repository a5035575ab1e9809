// The meeting room in chromium against the built api: a moderator records in the console while other
// browsers show the board (each record on the board within 1 s), a CONFLICT between two moderator tabs,
// keyboard shortcuts, closing with blockers, an amendment, a vote's live weighted result, and the board
// recovering after the api restarts. Set up through the API as test/meetings/meeting-fixtures.ts does.
import type { Page } from 'playwright-core';
import { weighVote, type GroupVote } from '@tripartite/domain';
import { ok } from '@tripartite/testing';
import { GROUPS, Q } from '../meetings/meeting-fixtures';
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

const DRAFT = `# Labour migration

## I. Rights

1.1 Migrant workers should enjoy the same fundamental principles and rights at work as other workers, whatever their status.

1.2 Recruitment fees and related costs should not be charged to workers.

1.3 Governments should ensure that migrant workers can move between employers without losing their residence status.

## II. Cooperation

2.1 Governments should consult the social partners on labour migration policy.
`;

/** How long the board may take to show a record, from the console's answer (the bound). */
let world: WebWorld;
let meetingId: string;
let items: string[];
let moderator: string;
/** The moderator's console (tab A); its live events can be held back to stage a CONFLICT. */
let consoleA: Page;
/** The board on the room's screen, signed in as an observer. */
let board: Page;
let holdEvents = false;
const latencies: number[] = [];

async function setUpMeeting(): Promise<void> {
  const staff = await world.login(world.people.secretariat.email);
  moderator = await world.login(world.people.moderator.email);
  const as = async (token: string, query: string, variables: Record<string, unknown>) => ok<any>(await world.gql(query, variables, token));
  const created = (await as(staff, Q.create, { r: 'MIG/2030' })).createInstrument;
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
  for (const m of [world.people.moderator, world.people.otherModerator]) await as(staff, Q.assignModerator, { m: meetingId, u: m.id });
  // Two voting participants per group.
  for (const g of GROUPS) {
    await as(staff, Q.addParticipant, { m: meetingId, u: world.people.constituents[g][0].id, g, r: 'SPOKESPERSON' });
    await as(staff, Q.addParticipant, { m: meetingId, u: world.people.constituents[g][1].id, g, r: 'EXPERT' });
  }
  await as(staff, Q.advance, { i: created.id, to: 'EXPERTS_MEETING' });
  await as(moderator, Q.openMeeting, { m: meetingId });
}

/** Records when the page's own fetch gets the answer to a recordPosition (Date.now, the machine's clock). */
const RECORD_ANSWERS = `
  window.__recordAnswers = [];
  const originalFetch = window.fetch;
  window.fetch = async function (input, init) {
    const response = await originalFetch.call(this, input, init);
    if (init && typeof init.body === 'string' && init.body.includes('"ModerateRecordPosition"')) window.__recordAnswers.push(Date.now());
    return response;
  };
`;

/** Starts watching the board for a chip; `boardChanged` then gives the Date.now at which the DOM showed it. */
async function watchBoard(page: Page, itemId: string, group: string, position: string): Promise<void> {
  const selector = `td[data-item="${itemId}"][data-group="${group}"] [data-position="${position}"]`;
  // Not awaited here (evaluate would wait for the promise): kept on window for boardChanged.
  await page.evaluate(`void (window.__boardChange = new Promise((resolve, reject) => {
    const selector = ${JSON.stringify(selector)};
    if (document.querySelector(selector)) return reject(new Error('already shown before the record'));
    const observer = new MutationObserver(() => {
      if (document.querySelector(selector)) { observer.disconnect(); resolve(Date.now()); }
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    setTimeout(() => { observer.disconnect(); reject(new Error('the board did not show ' + selector + ' within 15 s')); }, 15000);
  }), window.__boardChange.catch(() => undefined))`);
}

const boardChanged = (page: Page) => page.evaluate('window.__boardChange') as Promise<number>;

const panel = (page: Page, group: string) => page.locator(`section.group-panel[data-group="${group}"]`);
const chipOnBoard = (page: Page, itemId: string, group: string) => page.locator(`td[data-item="${itemId}"][data-group="${group}"] .chip`);
const liveState = (page: Page) => page.locator('.live').getAttribute('data-status');

/** Clicks a position button in the console and returns the board's delay after the console's answer. */
async function recordAndMeasure(itemId: string, group: string, name: string, position: string): Promise<number> {
  await watchBoard(board, itemId, group, position);
  const answers = (await consoleA.evaluate('window.__recordAnswers.length')) as number;
  await panel(consoleA, group).getByRole('button', { name }).click();
  // (waitForFunction would eval in the page, which its CSP refuses.)
  const answeredAt = (await consoleA.evaluate(`new Promise((resolve) => {
    const check = () => (window.__recordAnswers.length > ${answers} ? resolve(window.__recordAnswers[${answers}]) : setTimeout(check, 5));
    check();
  })`)) as number;
  const shownAt = await boardChanged(board);
  const latency = shownAt - answeredAt;
  latencies.push(latency);
  return latency;
}

beforeAll(async () => {
  world = await startWebWorld();
  await setUpMeeting();
  board = await openPage(world, '/signin', { width: 1920, height: 1080 });
  await signIn(board, world.people.observer.email);
  await board.goto(`/meetings/${meetingId}/board`);
  consoleA = await openPage(world, '/signin', { width: 1920, height: 1080 });
  await consoleA.addInitScript(RECORD_ANSWERS);
  // Passes the console's socket through, except that while `holdEvents` is set the events sent to it are
  // dropped (as if still on their way): the console then acts on what it last saw, as in a real race.
  await consoleA.routeWebSocket(/\/graphql$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => server.send(m));
    server.onMessage((m) => {
      if (holdEvents && typeof m === 'string' && JSON.parse(m).type === 'next') return;
      ws.send(m);
    });
  });
  await signIn(consoleA, world.people.moderator.email);
  await consoleA.goto(`/meetings/${meetingId}/moderate`);
}, 120_000);

afterAll(async () => {
  if (latencies.length) console.log(`board latency after the console's answer (ms): ${latencies.join(', ')}`);
  await world?.close();
});

describe('web client: the meeting room', () => {
  it('shows each record from the console on the board, and announces it', async () => {
    await board.getByRole('heading', { level: 1, name: 'Meeting of experts on labour migration' }).waitFor();
    await board.locator('.live[data-status="live"]').waitFor();
    expect(await board.getByRole('table').getByRole('row').count()).toBe(1 + 4);
    expect(await chipOnBoard(board, items[0], 'GOVERNMENT').innerText()).toContain('No position');

    await consoleA.getByRole('heading', { level: 2, name: /Guideline 1\.1/ }).waitFor();
    await consoleA.getByRole('button', { name: 'Open this item for discussion' }).click();
    await panel(consoleA, 'GOVERNMENT').getByRole('button', { name: 'Support' }).waitFor();
    await board.locator(`tr[data-item="${items[0]}"].board-row-current`).waitFor();

    // Each record reaches the board (how fast is measured by bench/, benchmark 5; the delays are printed after the suite).
    await recordAndMeasure(items[0], 'GOVERNMENT', 'Support', 'SUPPORT');
    await recordAndMeasure(items[0], 'EMPLOYERS', 'Oppose', 'OPPOSE');
    await recordAndMeasure(items[0], 'WORKERS', 'Reservation', 'RESERVATION');

    // Words and symbols, not only colours; the outcome per item; one sentence announced, not the board.
    expect(await chipOnBoard(board, items[0], 'EMPLOYERS').innerText()).toMatch(/^✗\s*Oppose$/);
    await board.locator(`td[data-item="${items[0]}"][data-group="OUTCOME"]`).getByText('No consensus').waitFor();
    // (Events close together may carry several changes each: the sentence names what changed.)
    await board
      .getByTestId('announcer')
      .filter({ hasText: /Guideline 1\.1: .*Workers: reservation\. Outcome: no consensus\.$/ })
      .waitFor({ state: 'attached' });
    expect(await board.locator('table[aria-live], table [aria-live]').count()).toBe(0);
    // The console shows what it recorded.
    expect(await consoleA.getByTestId('current-WORKERS').innerText()).toContain('Reservation');
  });

  it('records with the keyboard: e then 1 is Employers SUPPORT; keys typed in a field are text', async () => {
    const statement = panel(consoleA, 'EMPLOYERS').getByLabel('Statement (optional)');
    await statement.fill('');
    await statement.pressSequentially('e1 we agree');
    expect(await statement.inputValue()).toBe('e1 we agree');
    expect(await consoleA.getByTestId('current-EMPLOYERS').innerText()).toContain('Oppose');
    await consoleA.getByRole('heading', { level: 3, name: 'Keyboard shortcuts' }).click();
    await watchBoard(board, items[0], 'EMPLOYERS', 'SUPPORT');
    await consoleA.keyboard.press('e');
    await consoleA.getByTestId('shortcut-state').getByText('Employers chosen: press 1 to 4').waitFor();
    await consoleA.keyboard.press('1');
    await consoleA.getByTestId('current-EMPLOYERS').getByText('Support').waitFor();
    await boardChanged(board);
    // The statement typed for the group went with it.
    await panel(consoleA, 'EMPLOYERS').getByText('“e1 we agree”').waitFor();
    await board.locator(`td[data-item="${items[0]}"][data-group="OUTCOME"]`).getByText('Consensus').waitFor();
  });

  it('offers the close choices the rules allow and shows the blockers of the others', async () => {
    const close = consoleA.getByRole('region', { name: 'Close the item' });
    await close.getByRole('button', { name: 'Adopt', exact: true }).waitFor();
    expect(await close.getByRole('button', { name: 'Adopt', exact: true }).isEnabled()).toBe(true);
    expect(await close.getByRole('button', { name: 'Adopt as amended' }).isDisabled()).toBe(true);
    expect(await close.locator('[data-close="ADOPTED_AS_AMENDED"]').innerText()).toContain('Adopting as amended needs an accepted amendment');
    await expectAccessible(consoleA);
    // A blocked choice stays focusable, so its blockers are read with it.
    await close.getByRole('button', { name: 'Adopt as amended' }).focus();
    expect(await close.getByRole('button', { name: 'Adopt as amended' }).getAttribute('aria-describedby')).toBe('close-blockers-ADOPTED_AS_AMENDED');
    await close.getByRole('button', { name: 'Adopt', exact: true }).click();
    // By keyboard: the confirmation takes the focus, and the item's heading once the section is gone.
    await consoleA.keyboard.press('Enter');
    await consoleA.getByText('This item is closed.').waitFor();
    expect(await consoleA.evaluate('document.activeElement.id')).toBe('item-heading');
    await board.locator('[data-total="Adopted"] dd', { hasText: /^1$/ }).waitFor();
    await board.locator(`tr[data-item="${items[0]}"]`).getByText('Adopted', { exact: true }).waitFor();
  });

  it('shows a CONFLICT between two moderator tabs, with what changed, and records nothing until asked again', async () => {
    await consoleA.getByRole('link', { name: 'Go on to Guideline 1.2' }).click();
    await consoleA.getByRole('button', { name: 'Open this item for discussion' }).click();
    await panel(consoleA, 'EMPLOYERS').getByRole('button', { name: 'Oppose' }).waitFor();

    const tabB = await openPage(world, '/signin', { width: 1280, height: 800 });
    await signIn(tabB, world.people.otherModerator.email);
    await tabB.goto(`/meetings/${meetingId}/moderate?item=${items[1]}`);
    await panel(tabB, 'EMPLOYERS').getByRole('button', { name: 'Support' }).waitFor();

    // B records; its event has not reached A yet when A records on what A saw.
    holdEvents = true;
    await panel(tabB, 'EMPLOYERS').getByRole('button', { name: 'Support' }).click();
    await tabB.getByTestId('current-EMPLOYERS').getByText('Support').waitFor();
    expect(await consoleA.getByTestId('current-EMPLOYERS').innerText()).toContain('No position');
    await panel(consoleA, 'EMPLOYERS').getByRole('button', { name: 'Oppose' }).click();
    const conflict = consoleA.getByTestId('conflict');
    await conflict.waitFor();
    holdEvents = false;
    expect(await conflict.getAttribute('role')).toBe('alert');
    const text = await conflict.innerText();
    expect(text).toContain('nothing was recorded');
    expect(text).toContain('Employers’ position was recorded as SUPPORT by moderator2');
    expect(text).toContain('Record Employers: Oppose again?');
    // A now shows the refreshed position, and the server kept B's.
    expect(await consoleA.getByTestId('current-EMPLOYERS').innerText()).toContain('Support');
    const stored = ok<any>(
      await world.gql(`query($id: ID!) { meeting(id: $id) { agenda { id positions { group position } } } }`, { id: meetingId }, moderator),
    );
    expect(stored.meeting.agenda.find((i: { id: string }) => i.id === items[1]).positions).toEqual([{ group: 'EMPLOYERS', position: 'SUPPORT' }]);

    // A changes an existing position the same way: the message names the change.
    holdEvents = true;
    await panel(tabB, 'EMPLOYERS').getByRole('button', { name: 'Abstain' }).click();
    await tabB.getByTestId('current-EMPLOYERS').getByText('Abstain').waitFor();
    await panel(consoleA, 'EMPLOYERS').getByRole('button', { name: 'Reservation' }).click();
    await conflict.getByText('Employers’ position was changed to ABSTAIN by moderator2').waitFor();
    holdEvents = false;
    await expectAccessible(consoleA);
    await screenshots(consoleA, 'meeting-console-conflict');

    // Asked again, A's record goes through with the refreshed revision; B sees it arrive, and says so.
    await conflict.getByRole('button', { name: 'Record again' }).click();
    await consoleA.getByTestId('current-EMPLOYERS').getByText('Reservation').waitFor();
    await tabB.getByTestId('current-EMPLOYERS').getByText('Reservation').waitFor();
    await tabB.getByTestId('changed-elsewhere').getByText('Employers’ position was changed to RESERVATION by moderator').waitFor();
    expect(pageProblems(tabB)).toEqual([]);
    await closePage(tabB);
  });

  it('records g then 1 as Government SUPPORT', async () => {
    await consoleA.getByRole('heading', { level: 1 }).click();
    await watchBoard(board, items[1], 'GOVERNMENT', 'SUPPORT');
    await consoleA.keyboard.press('g');
    await consoleA.keyboard.press('1');
    await consoleA.getByTestId('current-GOVERNMENT').getByText('Support').waitFor();
    await boardChanged(board);
    const stored = ok<any>(
      await world.gql(`query($id: ID!) { meeting(id: $id) { agenda { id positions { group position } } } }`, { id: meetingId }, moderator),
    );
    expect(stored.meeting.agenda.find((i: { id: string }) => i.id === items[1]).positions).toContainEqual({ group: 'GOVERNMENT', position: 'SUPPORT' });
  });

  it('proposes an amendment, records positions on it, accepts it once they agree, and adopts the item as amended', async () => {
    const amendments = consoleA.getByRole('region', { name: 'Amendments' });
    await amendments.getByRole('radio', { name: 'Workers' }).check();
    await amendments.getByLabel('Amended text').fill('Recruitment fees and related costs must never be charged to workers or jobseekers.');
    await amendments.getByRole('button', { name: 'Propose amendment' }).click();
    const card = amendments.getByRole('article', { name: /Amendment 1 by Workers/ });
    await card.waitFor();
    expect(await card.getByRole('button', { name: 'Accept amendment' }).isDisabled()).toBe(true);
    expect(await card.innerText()).toContain('No position recorded yet for Government, Employers and Workers');
    for (const g of ['Government', 'Employers', 'Workers']) {
      await card
        .getByRole('group', { name: `${g} on Amendment 1 by Workers` })
        .getByRole('button', { name: 'Support' })
        .click();
      await card.locator('tr').filter({ hasText: g }).locator('.chip[data-position="SUPPORT"]').waitFor();
    }
    await card.getByRole('button', { name: 'Accept amendment' }).click();
    await card.getByText('Accepted', { exact: true }).waitFor();
    const close = consoleA.getByRole('region', { name: 'Close the item' });
    await close.getByRole('button', { name: 'Adopt as amended' }).click();
    await close.getByRole('button', { name: 'Yes, adopt as amended' }).click();
    await consoleA.getByText('This item is closed.').waitFor();
    await board.locator(`tr[data-item="${items[1]}"]`).getByText('Adopted as amended').waitFor();
    await board.locator('[data-total="Adopted"] dd', { hasText: /^2$/ }).waitFor();
  });

  it('computes the weighted result of a vote as the numbers are typed, with the server’s function', async () => {
    await consoleA.getByRole('link', { name: 'Go on to Guideline 1.3' }).click();
    await consoleA.getByRole('button', { name: 'Open this item for discussion' }).click();
    const vote = consoleA.getByRole('form', { name: 'Record a vote' });
    const field = (group: string, label: string) => vote.getByRole('group', { name: new RegExp(`^${group}`) }).getByLabel(label);
    const result = vote.getByTestId('vote-result');
    const registered = { GOVERNMENT: 2, EMPLOYERS: 2, WORKERS: 2 };
    const expectResult = async (votes: GroupVote[]) => {
      const r = weighVote(votes, registered);
      await result.getByText(`Weighted in favour ${r.weightedInFavour}, against ${r.weightedAgainst}`).waitFor();
      await result.getByText(r.carried ? '✓ Carried' : '✗ Not carried').waitFor();
      return r;
    };
    await result.getByText('Type the counts to see the weighted result.').waitFor();
    await field('Government', 'In favour').fill('2');
    await field('Employers', 'Against').fill('1');
    await field('Workers', 'In favour').fill('1');
    await field('Workers', 'Against').fill('1');
    // Present 2, 1, 2: an employer's vote weighs twice as much; 3 to 3 does not carry.
    const tie = await expectResult([
      { group: 'GOVERNMENT', inFavour: 2, against: 0, abstentions: 0 },
      { group: 'EMPLOYERS', inFavour: 0, against: 1, abstentions: 0 },
      { group: 'WORKERS', inFavour: 1, against: 1, abstentions: 0 },
    ]);
    expect(tie.weights).toEqual({ GOVERNMENT: 1, EMPLOYERS: 2, WORKERS: 1 });
    await result.getByText('Weights: Government 1, Employers 2, Workers 1').waitFor();
    await field('Workers', 'Against').fill('');
    await expectResult([
      { group: 'GOVERNMENT', inFavour: 2, against: 0, abstentions: 0 },
      { group: 'EMPLOYERS', inFavour: 0, against: 1, abstentions: 0 },
      { group: 'WORKERS', inFavour: 1, against: 0, abstentions: 0 },
    ]);
    // More votes than registered voters: said next to the group, and nothing to record.
    await field('Government', 'Abstentions').fill('1');
    await vote.getByText('Government cast 3 votes but has 2 registered voters.').waitFor();
    expect(await vote.getByRole('button', { name: 'Record vote' }).isDisabled()).toBe(true);
    expect(await field('Government', 'Abstentions').getAttribute('aria-invalid')).toBe('true');
    await field('Government', 'Abstentions').fill('x');
    await vote.getByText('Must be a whole number, 0 or more').waitFor();
    await field('Government', 'Abstentions').fill('0');
    await result.getByText('✓ Carried').waitFor();
    await expectAccessible(consoleA);
    await vote.getByRole('button', { name: 'Record vote' }).click();
    await consoleA.getByTestId('recorded-vote').getByText('Recorded vote: ✓ carried').waitFor();
    await board.locator(`td[data-item="${items[2]}"][data-group="OUTCOME"]`).getByText('Vote carried').waitFor();
  });

  it('shows a CONFLICT when another vote was recorded meanwhile, keeps the counts typed, and records them only when asked again', async () => {
    const other = await world.login(world.people.otherModerator.email);
    const against = GROUPS.map((group) => ({ group, inFavour: 0, against: 2, abstentions: 0 }));
    const vote = consoleA.getByRole('form', { name: 'Record the vote again' });
    const field = (group: string, label: string) => vote.getByRole('group', { name: new RegExp(`^${group}`) }).getByLabel(label);
    // The other moderator's vote reaches the server; its event has not reached this console yet. A fresh page
    // first: one still holding a refetch from the last test's events would learn of the vote that way.
    holdEvents = true;
    await consoleA.reload();
    await vote.waitFor();
    ok(await world.gql(Q.vote, { i: items[2], v: against }, other));
    await field('Government', 'In favour').fill('2');
    await field('Employers', 'In favour').fill('2');
    await field('Workers', 'In favour').fill('1');
    await vote.getByTestId('vote-verdict').getByText('✓ Carried').waitFor();
    await vote.getByRole('button', { name: 'Record vote' }).click();
    const conflict = consoleA.getByTestId('conflict');
    await conflict.waitFor();
    holdEvents = false;
    const text = await conflict.innerText();
    expect(text).toContain('nothing was recorded');
    expect(text).toContain('A vote was recorded: not carried');
    expect(text).toContain('Record the vote you typed again?');
    // The console shows the server's vote, the counts typed are still there, and the server kept the other vote.
    await consoleA.getByTestId('recorded-vote').getByText('Recorded vote: ✗ not carried').waitFor();
    expect(await field('Workers', 'In favour').inputValue()).toBe('1');
    const stored = async () =>
      ok<any>(
        await world.gql(
          `query($id: ID!) { agendaItem(id: $id) { id vote { carried } voteHistory { current result { carried } } } }`,
          { id: items[2] },
          moderator,
        ),
      ).agendaItem;
    expect((await stored()).vote).toEqual({ carried: false });
    await expectAccessible(consoleA);

    await conflict.getByRole('button', { name: 'Record the vote again' }).click();
    await consoleA.getByTestId('recorded-vote').getByText('Recorded vote: ✓ carried').waitFor();
    expect(await consoleA.getByTestId('conflict').count()).toBe(0);
    const after = await stored();
    expect(after.vote).toEqual({ carried: true });
    expect(after.voteHistory).toEqual([
      { current: false, result: { carried: true } },
      { current: false, result: { carried: false } },
      { current: true, result: { carried: true } },
    ]);
    await board.locator(`td[data-item="${items[2]}"][data-group="OUTCOME"]`).getByText('Vote carried').waitFor();
  });

  it('passes axe on both pages, fits 360 and 1920 px, and logs no problem', async () => {
    await expectAccessible(board);
    await expectAccessible(consoleA);
    await screenshots(board, 'meeting-board');
    await screenshots(consoleA, 'meeting-console');
    for (const page of [board, consoleA]) {
      await page.setViewportSize({ width: 360, height: 740 });
      expect(await overflowsHorizontally(page)).toBe(false);
      await page.setViewportSize({ width: 1920, height: 1080 });
      expect(await overflowsHorizontally(page)).toBe(false);
    }
    expect(pageProblems(board)).toEqual([]);
    expect(pageProblems(consoleA)).toEqual([]);
  });

  it('shows the board and the console in French and Spanish: groups, positions and outcomes in the reader’s words', async () => {
    await board.goto(`/meetings/${meetingId}/board`);
    await chooseLanguage(board, 'FR');
    await board.getByRole('columnheader', { name: 'Employeurs' }).waitFor();
    await board.getByRole('columnheader', { name: 'Travailleurs' }).waitFor();
    await board.getByRole('table', { name: 'Position de chaque groupe et résultat, par point de l’ordre du jour' }).waitFor();
    expect(await board.locator('td[data-group="OUTCOME"] .chip').first().innerText()).toMatch(
      /^.\s+(Incomplet|Consensus|Pas de consensus|Vote acquis|Vote rejeté)$/,
    );
    await chooseLanguage(board, 'EN');
    await expectInFrenchAndSpanish(board, { FR: 'Totaux de la réunion', ES: 'Totales de la reunión' }, 'meeting-board');

    await consoleA.goto(`/meetings/${meetingId}/moderate`);
    await chooseLanguage(consoleA, 'ES');
    await consoleA.getByRole('heading', { level: 1, name: /^Moderación: / }).waitFor();
    await consoleA.getByRole('heading', { name: 'Atajos de teclado' }).waitFor();
    await chooseLanguage(consoleA, 'EN');
    await expectInFrenchAndSpanish(consoleA, { FR: 'Ordre du jour', ES: 'Orden del día' }, 'meeting-console');
    expect(pageProblems(board)).toEqual([]);
    expect(pageProblems(consoleA)).toEqual([]);
  });

  it('recovers after the api restarts: reconnecting, then live, with a record made during the gap', async () => {
    // A participant's board whose network stays down until the record is made: it must fetch it after reconnecting.
    const participant = await openPage(world, '/signin', { width: 1280, height: 800 });
    let networkDown = false;
    await participant.routeWebSocket(/\/graphql$/, (ws) => {
      if (networkDown) ws.close({ code: 1012, reason: 'test: network down' });
      else ws.connectToServer();
    });
    await signIn(participant, world.people.constituents.WORKERS[1].email);
    await participant.goto(`/meetings/${meetingId}/board`);
    await participant.locator('.live[data-status="live"]').waitFor();
    expect(await chipOnBoard(participant, items[2], 'WORKERS').innerText()).toContain('No position');
    for (const page of [board, participant]) await page.evaluate('window.__sameDocument = true');

    expect(pageProblems(participant)).toEqual([]);
    const before = { board: pageProblems(board).length, participant: 0 };
    networkDown = true;
    // Watched from before the restart: the board may be live again by the time the api is ready.
    const reconnecting = board.locator('.live[data-status="reconnecting"]').waitFor({ timeout: 30_000 });
    const saysStale = board.getByTestId('board-stale').waitFor({ timeout: 30_000 });
    await world.restartApi();
    await reconnecting;
    await saysStale;
    ok(await world.gql(Q.position, { i: items[2], g: 'WORKERS', p: 'OPPOSE' }, moderator));
    expect(await liveState(participant)).not.toBe('live');
    networkDown = false;

    for (const page of [board, participant]) {
      await page.locator('.live[data-status="live"]').waitFor({ timeout: 30_000 });
      await chipOnBoard(page, items[2], 'WORKERS').getByText('Oppose').waitFor();
      expect(await page.evaluate('window.__sameDocument')).toBe(true);
      expect(await page.getByTestId('board-stale').count()).toBe(0);
    }
    // Live again: the next record arrives as an event.
    for (const page of [board, participant]) await watchBoard(page, items[2], 'GOVERNMENT', 'SUPPORT');
    ok(await world.gql(Q.position, { i: items[2], g: 'GOVERNMENT', p: 'SUPPORT' }, moderator));
    for (const page of [board, participant]) await boardChanged(page);
    await expectAccessible(participant);
    // While the api was down, the sockets could not connect and a fetch under way failed: chromium logs
    // that, and nothing else.
    const outage =
      /WebSocket connection to '.*\/graphql' failed|\/graphql net::ERR_(CONNECTION_REFUSED|CONNECTION_RESET|EMPTY_RESPONSE)|Failed to load resource: net::ERR_(CONNECTION_REFUSED|CONNECTION_RESET|EMPTY_RESPONSE)/;
    const unexpected = (page: Page, from: number) =>
      pageProblems(page)
        .slice(from)
        .filter((p) => !outage.test(p));
    expect(unexpected(board, before.board)).toEqual([]);
    expect(unexpected(participant, before.participant)).toEqual([]);
    await closePage(participant);
  });
});
