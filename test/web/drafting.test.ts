// The secretariat's drafting screens in chromium against the built api: an instrument created from the desk
// without a title lands on its draft; Markdown pasted with a bad line is previewed (the line named, with how to fix
// it, a button that selects it), kept across a reload, then uploaded fixed, previewed and saved (its "# Title" the
// instrument's); a guideline edited, and a concurrent edit shown and resolved; version 1 published with a change
// summary; a revision started, edited, compared word by word; the translations' status; French, Spanish, 320 px.
import type { Locator, Page } from 'playwright-core';
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

const LINES = [
  '# Care work', //                                                          1
  '', //                                                                     2
  '## I. Principles', //                                                     3
  '', //                                                                     4
  '1.1 **Hazard** means a source of harm at work.', //                       5
  '', //                                                                     6
  '1.2 Governments should consult the social partners.', //                 7
  '', //                                                                     8
  '## Fairness', //                                                          9 (no number: refused)
  '', //                                                                     10
  '### Fees', //                                                             11
  '', //                                                                     12
  '2.1 **Fair recruitment.** No fee should be charged to a worker.', //     13
  '', //                                                                     14
  '| Group | Seats |', //                                                    15
  '| --- | --- |', //                                                        16
  '| Workers | 12 |', //                                                    17
  '', //                                                                     18
  '2.2 Contracts are written in a language the worker understands.', //    19
];
const BAD = LINES.join('\n');
const GOOD = BAD.replace('## Fairness', '## II. Fairness');

describe('web client: drafting', () => {
  let world: WebWorld;
  let staff: string;
  let page: Page;
  const a = { id: '', v1: '', v2: '' };

  const sec = async <T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> => ok<T>(await world.gql<T>(query, variables, staff));
  const guidelines = async (versionId: string): Promise<{ id: string; key: string; title: string | null; text: string; revision: number }[]> =>
    (await sec(`query($v: ID!) { draftVersion(id: $v) { guidelines { id key title text revision } } }`, { v: versionId })).draftVersion.guidelines;
  const announced = (text: string) => page.getByTestId('announcer').filter({ hasText: text }).waitFor({ state: 'attached' });
  // (The tests have no DOM types: the page's globals are reached untyped.)
  const focused = (l: Locator) => l.evaluate((el) => el === (globalThis as any).document.activeElement);
  const guideline = (key: string) => page.locator(`.draft-guideline[data-key="${key}"]`);

  beforeAll(async () => {
    world = await startWebWorld();
    staff = await world.login(world.people.secretariat.email);
    page = await openPage(world, '/signin', { width: 1920, height: 1080 });
    page.setDefaultTimeout(10_000);
    await signIn(page, world.people.secretariat.email);
    await page.goto('/desk');
  }, 120_000);
  afterAll(() => world?.close());

  it('creates an instrument from the desk without a title and lands on its draft', async () => {
    await page.getByLabel('Reference').fill('CARE/1');
    await page.getByRole('button', { name: 'Create the instrument' }).click();
    await page.getByRole('heading', { level: 1, name: 'CARE/1: version 1 (draft)' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/desk\/instruments\/[0-9a-f-]+\/draft$/);
    a.id = new URL(page.url()).pathname.split('/')[3];
    a.v1 = (await sec(`query($i: ID!) { instrument(id: $i) { title versions { id } } }`, { i: a.id })).instrument.versions[0].id;
    await page.getByText('The instrument has no title yet').waitFor();
    await page.getByText('This version has no content yet.').waitFor();
    expect(pageProblems(page)).toEqual([]);
  });

  it('previews pasted Markdown: the bad line named with how to fix it, kept across a reload, writing nothing', async () => {
    const editor = page.getByLabel('Markdown of the draft');
    await editor.fill(BAD);
    await page.getByRole('button', { name: 'Preview' }).press('Enter');
    const summary = page.getByTestId('preview-summary');
    await summary.getByText('1 problem stops this draft from being saved. Fix it and preview again.').waitFor();
    // Focus goes to what the preview found, and it is announced.
    expect(await focused(summary)).toBe(true);
    await announced('1 problem found in the draft.');
    const problems = page.getByRole('list', { name: 'Problems' });
    expect(await problems.getByRole('button').count()).toBe(1);
    expect(await problems.locator('.draft-problem-text').allInnerTexts()).toEqual([
      'A section heading must read “## number. heading”, for example “## I. Decent work”. Add the number and a full stop.',
    ]);
    // The line's button selects it in the editor.
    await problems.getByRole('button', { name: /^Line 9\W+select it in the editor$/ }).press('Enter');
    expect(await editor.evaluate((el: any) => [el === (globalThis as any).document.activeElement, el.value.slice(el.selectionStart, el.selectionEnd)])).toEqual(
      [true, '## Fairness'],
    );
    expect(await page.getByRole('button', { name: 'Save this draft' }).count()).toBe(0);
    expect(await guidelines(a.v1)).toEqual([]);
    await expectAccessible(page);

    // What was pasted survives a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'CARE/1: version 1 (draft)' }).waitFor();
    expect(await page.getByLabel('Markdown of the draft').inputValue()).toBe(BAD);
  });

  it('uploads the fixed file, previews its sections and guidelines, and saves it; its title line becomes the instrument’s', async () => {
    await page.getByLabel('Or choose a Markdown file (.md)').setInputFiles({ name: 'care.md', mimeType: 'text/markdown', buffer: Buffer.from(GOOD) });
    await announced('care.md read into the editor.');
    expect(await page.getByLabel('Markdown of the draft').inputValue()).toBe(GOOD);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByTestId('preview-summary').getByText('Ready to save: 2 sections, 4 guidelines.').waitFor();
    const warnings = page.getByRole('list', { name: 'Points to check' });
    await warnings.getByRole('button', { name: /^Line 11\W+select it in the editor$/ }).waitFor();
    await warnings.getByRole('button', { name: /^Line 1\W+select it in the editor$/ }).waitFor();
    expect(await warnings.locator('.draft-problem-text').allInnerTexts()).toEqual([
      'The sub-heading “Fees” is kept in the text of guideline 2.1.',
      '“Care work” becomes the instrument’s title.',
    ]);
    const outline = page.getByRole('list', { name: 'Sections and guidelines as they will be saved' });
    expect(await outline.locator('.draft-outline-section').allInnerTexts()).toEqual(['I. Principles', 'II. Fairness']);
    expect((await outline.locator('li li').allInnerTexts()).map((x) => x.replace(/\s+/g, ' '))).toEqual([
      '1.1 **Hazard** means a source of harm at work.',
      '1.2 Governments should consult the social partners.',
      '2.1 Fair recruitment. ### Fees No fee should be charged to a worker. | Group | Seats | | --- | --- | | Workers | 12 |',
      '2.2 Contracts are written in a language the worker understands.',
    ]);
    await screenshots(page, 'drafting-preview');
    await page.setViewportSize({ width: 320, height: 700 });
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.setViewportSize({ width: 1920, height: 1080 });

    await page.getByRole('button', { name: 'Save this draft' }).click();
    await announced('Draft saved: 2 sections, 4 guidelines.');
    await page.getByRole('heading', { level: 1, name: 'CARE/1: Care work: version 1 (draft)' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Content of version 1' }).waitFor();
    const saved = await guidelines(a.v1);
    expect(saved.map((g) => [g.key, g.title])).toEqual([
      ['1.1', null],
      ['1.2', null],
      ['2.1', 'Fair recruitment'],
      ['2.2', null],
    ]);
    expect(saved[2].text).toBe('### Fees\n\nNo fee should be charged to a worker.\n\n| Group | Seats |\n| --- | --- |\n| Workers | 12 |');
    expect((await sec(`query($i: ID!) { instrument(id: $i) { title } }`, { i: a.id })).instrument.title).toBe('Care work');
    // The draft was sent: the editor is empty again, after a reload too.
    expect(await page.getByLabel('Markdown of the draft').inputValue()).toBe('');
    await page.getByRole('heading', { level: 3, name: 'II. Fairness' }).waitFor();
    expect(await guideline('2.1').locator('.draft-text').first().innerText()).toMatch(/^### Fees\n\nNo fee should be charged/);
    expect(pageProblems(page)).toEqual([]);
  });

  it('edits a guideline in place, and shows a concurrent edit so the editor chooses', async () => {
    await guideline('1.1').getByRole('button', { name: 'Edit guideline 1.1' }).click();
    const form = page.getByRole('form', { name: 'Edit guideline 1.1' });
    const text = form.getByLabel('Text', { exact: true });
    expect(await focused(text)).toBe(true);
    await text.fill('**Hazard** means any source of harm at work, physical or mental.');
    await form.getByRole('button', { name: 'Save the guideline' }).click();
    await announced('Guideline 1.1 saved.');
    await guideline('1.1').getByText('any source of harm at work, physical or mental.').waitFor();
    expect(await focused(guideline('1.1').getByRole('button', { name: 'Edit guideline 1.1' }))).toBe(true);

    // A colleague saves 1.2 while it is being edited here.
    await guideline('1.2').getByRole('button', { name: 'Edit guideline 1.2' }).click();
    const mine = page.getByRole('form', { name: 'Edit guideline 1.2' });
    await mine.getByLabel('Text', { exact: true }).fill('Governments should consult the social partners in good time.');
    const g12 = (await guidelines(a.v1))[1];
    await sec(
      `mutation($g: ID!) { updateDraftGuideline(guidelineId: $g, text: "Governments must consult the social partners.", expectedRevision: 1) { revision } }`,
      {
        g: g12.id,
      },
    );
    await mine.getByRole('button', { name: 'Save the guideline' }).click();
    const conflict = mine.getByRole('alert');
    await conflict.getByText('Someone else changed this guideline while you were editing it, so your text was not saved.').waitFor();
    await conflict.getByText('Governments must consult the social partners.').waitFor();
    expect(await mine.getByLabel('Text', { exact: true }).inputValue()).toBe('Governments should consult the social partners in good time.');
    await expectAccessible(page);
    await conflict.getByRole('button', { name: 'Keep my text' }).click();
    await announced('Guideline 1.2 saved.');
    expect((await guidelines(a.v1))[1]).toMatchObject({ text: 'Governments should consult the social partners in good time.', revision: 3 });
    expect(pageProblems(page)).toEqual([]);
  });

  it('publishes version 1 with a change summary', async () => {
    await page.getByLabel('Change summary (optional)').fill('First draft for consultation');
    await page.getByRole('button', { name: 'Publish version 1' }).click();
    await announced('Version 1 published.');
    await page.getByRole('heading', { level: 1, name: 'CARE/1: Care work: version 1 (published)' }).waitFor();
    expect(await page.getByTestId('version-status').innerText()).toMatch(/^Version 1 was published on /);
    await page.getByText('Change summary: First draft for consultation').waitFor();
    // A published version is read, not edited.
    expect(await page.getByRole('button', { name: /^Edit guideline/ }).count()).toBe(0);
    const { draftVersion } = await sec(`query($v: ID!) { draftVersion(id: $v) { status changeSummary } }`, { v: a.v1 });
    expect(draftVersion).toEqual({ status: 'PUBLISHED', changeSummary: 'First draft for consultation' });
  });

  it('starts a revision from the instrument’s page, edits it, and shows the changes word by word with the translations’ status', async () => {
    // A French translation of 1.1, made from version 1: a revision carries it over.
    const [g11] = await guidelines(a.v1);
    await sec(
      `mutation($g: ID!) { setGuidelineTranslation(guidelineId: $g, language: FR, text: "Un danger est toute source de préjudice au travail.") { id } }`,
      {
        g: g11.id,
      },
    );
    await page.getByRole('link', { name: 'Back to the instrument' }).click();
    await page.getByRole('link', { name: 'Read the versions, compare them, start a revision' }).click();
    await page.getByRole('button', { name: 'Start a revision' }).click();
    await announced('Version 2 started as a draft.');
    await page.getByRole('heading', { level: 1, name: 'CARE/1: Care work: version 2 (draft)' }).waitFor();
    a.v2 = new URL(page.url()).pathname.split('/')[5];
    expect(await guideline('1.1').locator('[data-language="FR"]').innerText()).toMatch(/^French: current/);

    await guideline('1.1').getByRole('button', { name: 'Edit guideline 1.1' }).click();
    const form = page.getByRole('form', { name: 'Edit guideline 1.1' });
    await form.getByLabel('Text', { exact: true }).fill('**Hazard** means any source of harm at work, physical, mental or social.');
    await form.getByRole('button', { name: 'Save the guideline' }).click();
    await announced('Guideline 1.1 saved.');

    // The original changed after its translation: out of date, and said in words; 1.2 has none.
    await guideline('1.1').locator('[data-language="FR"]').getByText('out of date').waitFor();
    expect(await guideline('1.2').locator('[data-language="FR"]').innerText()).toBe('French: missing');
    expect(await guideline('1.2').locator('[data-language="ES"]').innerText()).toBe('Spanish: missing');
    await guideline('1.1').getByText('Read the French text of 1.1').click();
    await guideline('1.1').getByText('Un danger est toute source de préjudice au travail.').waitFor();
    expect(await page.getByRole('list', { name: 'Translations', exact: true }).innerText()).toMatch(/French: 0 current, 1 out of date, 3 missing\./);

    // Compared with version 1: only 1.1 changed, its new words marked for every reader.
    await page.getByLabel('Compare with', { exact: true }).selectOption({ label: 'Version 1' });
    await page.getByTestId('diff-summary').getByText('From version 1 to version 2: 1 guideline changed (0 added, 0 removed, 1 modified).').waitFor();
    const change = page.locator('.draft-changes li[data-key="1.1"]');
    const inserted = await change.locator('ins').allTextContents();
    const deleted = await change.locator('del').allTextContents();
    expect(inserted.join('')).toContain('social');
    expect(deleted.length).toBeGreaterThan(0);
    expect([...inserted, ...deleted].every((w) => /^\[(inserted|deleted): .*\]$/s.test(w))).toBe(true);
    expect(await change.locator('.draft-text').textContent()).toMatch(/^\*\*Hazard\*\* means any source of harm at work, physical/);
    await expectAccessible(page);
    await screenshots(page, 'drafting-version');
    expect(pageProblems(page)).toEqual([]);
  });

  it('reads in French and Spanish, and fits 320 px', async () => {
    await expectInFrenchAndSpanish(page, { FR: 'CARE/1 : Care work : version 2 (projet)', ES: 'CARE/1: Care work: versión 2 (borrador)' }, 'drafting');
    await page.setViewportSize({ width: 320, height: 700 });
    expect(await overflowsHorizontally(page)).toBe(false);
    await page.setViewportSize({ width: 1920, height: 1080 });
    expect(pageProblems(page)).toEqual([]);
  });
});
