import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanContent } from './draft-content';
import { checkDraftMarkdown, parseDraftMarkdown, ParsedDraft } from './markdown-import';

const md = (...lines: string[]) => lines.join('\n');

function parsed(markdown: string): ParsedDraft {
  const result = parseDraftMarkdown(markdown);
  if (!result.ok) throw new Error(`unexpected problems: ${JSON.stringify(result.problems)}`);
  return result.draft;
}

function problems(markdown: string) {
  const result = parseDraftMarkdown(markdown);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('parseDraftMarkdown', () => {
  it('reads the title, sections and guidelines with their numbers, keys and source lines', () => {
    const draft = parsed(
      md(
        '# A framework', //                                   1
        '', //                                                2
        '## I. Decent work for all', //                       3
        '', //                                                4
        '1.1 Every worker should enjoy decent work.', //       5
        '', //                                                6
        '1.2. Governments should promote it.', //             7
        '', //                                                8
        '## II. Cooperation', //                              9
        '', //                                                10
        '2.1 States should cooperate.', //                    11
      ),
    );
    expect(draft.title).toBe('A framework');
    expect(draft.sections).toEqual([
      {
        number: 'I',
        heading: 'Decent work for all',
        line: 3,
        guidelines: [
          { number: '1.1', title: null, text: 'Every worker should enjoy decent work.', line: 5 },
          { number: '1.2.', title: null, text: 'Governments should promote it.', line: 7 },
        ],
      },
      { number: 'II', heading: 'Cooperation', line: 9, guidelines: [{ number: '2.1', title: null, text: 'States should cooperate.', line: 11 }] },
    ]);
    // The key is derived later, from the number without its trailing dot.
    expect(cleanContent(draft.sections).sections[0].guidelines.map((g) => g.key)).toEqual(['1.1', '1.2']);
  });

  it('joins following paragraphs without a number to the guideline, with a blank line', () => {
    const draft = parsed(md('## 1. One', '', '1.1 First line', 'wrapped line.', '', 'A second paragraph.', '', '1.2 Next.'));
    expect(draft.sections[0].guidelines.map((g) => g.text)).toEqual(['First line\nwrapped line.\n\nA second paragraph.', 'Next.']);
  });

  it('keeps lists, quotes and emphasis as Markdown source in the text', () => {
    const draft = parsed(md('## 1. One', '', '1.1 Measures should include:', '', '- training;', '- *inspection*.', '', '> a note', '', '1.2 Next.'));
    expect(draft.sections[0].guidelines[0].text).toBe('Measures should include:\n\n- training;\n- *inspection*.\n\n> a note');
  });

  it('does not take an ordered list item inside a guideline for a guideline', () => {
    const draft = parsed(md('## 1. One', '', '1.1 Steps:', '', '1. first', '2. second'));
    expect(draft.sections[0].guidelines).toHaveLength(1);
    expect(draft.sections[0].guidelines[0].text).toBe('Steps:\n\n1. first\n2. second');
  });

  it('reads a bold lead-in as the guideline title', () => {
    const draft = parsed(md('## 1. One', '', '1.1 **Fair recruitment.** No fees should be charged.'));
    expect(draft.sections[0].guidelines[0]).toMatchObject({ title: 'Fair recruitment', text: 'No fees should be charged.' });
  });

  it('accepts a guideline whose text starts in the next paragraph', () => {
    const draft = parsed(md('## 1. One', '', '1.1', '', 'The text.'));
    expect(draft.sections[0].guidelines[0]).toMatchObject({ number: '1.1', text: 'The text.' });
  });

  it('does not read a sentence starting with a year as a guideline', () => {
    const draft = parsed(md('## 1. One', '', '1.1 Text.', '', '2004 saw a resolution adopted.'));
    expect(draft.sections[0].guidelines[0].text).toBe('Text.\n\n2004 saw a resolution adopted.');
  });

  it('accepts CRLF line endings and a document without a title', () => {
    const draft = parsed('## A. First\r\n\r\n1.1 One.\r\n\r\n1.2 Two.\r\n');
    expect(draft.title).toBeNull();
    expect(draft.sections[0].guidelines.map((g) => [g.number, g.line])).toEqual([
      ['1.1', 3],
      ['1.2', 5],
    ]);
  });

  it('refuses a document with no section', () => {
    expect(problems('')).toEqual([{ line: 1, code: 'NO_SECTION', message: expect.stringMatching(/no section; start one with "## <number>\. <heading>"/) }]);
    expect(problems('# Only a title\n')).toEqual([{ line: 1, code: 'NO_SECTION', message: expect.stringMatching(/no section/) }]);
  });

  it('names the line of a guideline before any section, and says how to fix it', () => {
    const found = problems(md('# Title', '', 'Some preamble.', '', '', '', '1.1 Too early.', '', '## I. Late'));
    expect(found).toContainEqual({
      line: 7,
      code: 'GUIDELINE_BEFORE_SECTION',
      message: expect.stringMatching(/guideline 1\.1 comes before any section; add a section heading/),
      params: { number: '1.1' },
    });
    expect(found).toContainEqual({
      line: 3,
      code: 'TEXT_BEFORE_SECTION',
      message: expect.stringMatching(/before the first section; start a section above it/),
    });
  });

  it('names the line of text that belongs to no guideline, of a malformed section heading, and of a second title', () => {
    expect(problems(md('## I. One', '', 'Loose text.'))).toEqual([
      { line: 3, code: 'TEXT_OUTSIDE_GUIDELINE', message: expect.stringMatching(/outside any guideline; start the paragraph with the guideline's number/) },
    ]);
    expect(problems(md('## I. One', '', '1.1 x', '', '## Heading without number'))).toEqual([
      { line: 5, code: 'SECTION_HEADING', message: expect.stringMatching(/## <number>\. <heading>.*add the number/) },
    ]);
    expect(problems(md('# T', '## I. One', '', '1.1 x', '', '# Again'))).toEqual([
      { line: 6, code: 'TITLE_NOT_FIRST', message: expect.stringMatching(/title/) },
    ]);
  });

  it('reads the guidelines under a malformed section heading too, so only the heading is named', () => {
    const result = parseDraftMarkdown(md('## Heading without number', '', '1.1 Text.', '', '1.2 More.'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.line)).toEqual([1]);
    expect(result.draft.sections[0].guidelines.map((g) => g.number)).toEqual(['1.1', '1.2']);
  });

  describe('what drafters write', () => {
    it('keeps a "###" sub-heading at the start of the guideline it introduces', () => {
      const result = parseDraftMarkdown(
        md('## II. Recruitment', '', '### Fees', '', '2.1 No fees.', '', '2.2 None at all.', '', '### Contracts', '', '2.3 In writing.'),
      );
      expect(result.ok).toBe(true);
      const [g1, g2, g3] = result.draft.sections[0].guidelines;
      expect(g1).toMatchObject({ number: '2.1', text: '### Fees\n\nNo fees.', line: 5 });
      expect(g2.text).toBe('None at all.');
      expect(g3.text).toBe('### Contracts\n\nIn writing.');
      expect(result.warnings).toEqual([
        {
          line: 3,
          code: 'SUBHEADING_KEPT',
          message: expect.stringMatching(/"Fees" is kept at the start of the text of guideline 2\.1/),
          params: { heading: 'Fees', number: '2.1' },
        },
        expect.objectContaining({ line: 9, code: 'SUBHEADING_KEPT', params: { heading: 'Contracts', number: '2.3' } }),
      ]);
    });

    it('keeps a "###" sub-heading inside a guideline, and at the end of a section, in that guideline', () => {
      const draft = parsed(md('## I. One', '', '1.1 Text.', '', '#### Notes', '', 'A note.', '', '### Annex', '', '## II. Two', '', '2.1 Other.'));
      expect(draft.sections[0].guidelines[0].text).toBe('Text.\n\n#### Notes\n\nA note.\n\n### Annex');
    });

    it('refuses a sub-heading that introduces no guideline, naming its line', () => {
      expect(problems(md('## I. One', '', '### Alone', '', '## II. Two', '', '2.1 x'))).toEqual([
        {
          line: 3,
          code: 'SUBHEADING_WITHOUT_GUIDELINE',
          message: expect.stringMatching(/"Alone" introduces no guideline; put a guideline/),
          params: { heading: 'Alone' },
        },
      ]);
    });

    it('reads "1." numbering under a section heading as guidelines, one per item, with continuation lines', () => {
      const draft = parsed(
        md(
          '## I. Principles',
          '',
          '1. Every worker has rights.',
          '   Even migrants.',
          '',
          '2. **Fair recruitment.** No fees.',
          '',
          '## II. Cooperation',
          '',
          '3. States cooperate.',
        ),
      );
      expect(draft.sections[0].guidelines).toEqual([
        { number: '1.', key: '1', title: null, text: 'Every worker has rights.\nEven migrants.', line: 3 },
        { number: '2.', key: '2', title: 'Fair recruitment', text: 'No fees.', line: 6 },
      ]);
      expect(draft.sections[1].guidelines).toEqual([{ number: '3.', key: '3', title: null, text: 'States cooperate.', line: 10 }]);
      expect(cleanContent(draft.sections).problems).toEqual([]);
    });

    it('keeps paragraphs between numbered items in the guideline above, and goes on numbering after them', () => {
      const draft = parsed(md('## I. One', '', '1. First.', '', 'More about the first.', '', '2. Second.'));
      expect(draft.sections[0].guidelines.map((g) => [g.number, g.text])).toEqual([
        ['1.', 'First.\n\nMore about the first.'],
        ['2.', 'Second.'],
      ]);
    });

    it('gives "1." numbering restarted in each section keys by section, with a warning', () => {
      const result = parseDraftMarkdown(md('## I. One', '', '1. a', '2. b', '', '## II. Two', '', '1. c'));
      expect(result.ok).toBe(true);
      const keys = cleanContent(result.draft.sections).sections.flatMap((s) => s.guidelines.map((g) => [g.number, g.key]));
      expect(keys).toEqual([
        ['1.', 'I.1'],
        ['2.', 'I.2'],
        ['1.', 'II.1'],
      ]);
      expect(result.warnings).toEqual([expect.objectContaining({ line: 3, code: 'LIST_KEYS_BY_SECTION' })]);
    });

    it('keeps bold lead words that are not a title as text', () => {
      const draft = parsed(
        md('## I. Terms', '', '1.1 **Hazard** means a source of harm.', '', '1.2 **Risk**: the chance of harm.', '', '1.3 **Scope**', 'These apply to all.'),
      );
      expect(draft.sections[0].guidelines.map((g) => [g.title, g.text])).toEqual([
        [null, '**Hazard** means a source of harm.'],
        ['Risk', 'the chance of harm.'],
        ['Scope', 'These apply to all.'],
      ]);
    });

    it('keeps tables and lists in the text of their guideline', () => {
      const table = ['| Group | Seats |', '| --- | --- |', '| Workers | 12 |'];
      const draft = parsed(md('## I. One', '', '1.1 Seats:', '', ...table, '', '- one', '- two', '', '1.2 Next.'));
      expect(draft.sections[0].guidelines[0].text).toBe(['Seats:', '', ...table, '', '- one', '- two'].join('\n'));
    });

    it('reads the "# Title" line and its line number', () => {
      const draft = parsed(md('', '# Protection of care workers', '', '## I. One', '', '1.1 x'));
      expect([draft.title, draft.titleLine]).toEqual(['Protection of care workers', 2]);
    });
  });
});

describe('checkDraftMarkdown', () => {
  it('names the line of a content problem and says how to fix it', () => {
    const checked = checkDraftMarkdown(md('## I. One', '', '1.1 a', '', '1.1 b'));
    expect(checked.problems).toEqual([
      {
        line: 5,
        code: 'DUPLICATE',
        message: expect.stringMatching(/^guideline 1\.1: key .*; give each guideline its own number$/),
        params: { what: 'guideline', number: '1.1', attribute: 'key' },
      },
    ]);
    expect(checked.sections).toEqual([]);
  });

  it('answers the clean content when there is no problem', () => {
    const checked = checkDraftMarkdown(md('# T', '## I. One', '', '1.1 a'));
    expect(checked.problems).toEqual([]);
    expect(checked.sections).toEqual([{ number: 'I', heading: 'One', guidelines: [{ key: '1.1', number: '1.1', title: null, text: 'a' }] }]);
  });

  it('refuses a document over the size limit before reading it', () => {
    expect(checkDraftMarkdown('x'.repeat(1_000_001)).problems).toEqual([expect.objectContaining({ line: 1, code: 'TOO_LONG' })]);
  });
});

describe('the demo documents', () => {
  const demo = (name: string) => parsed(readFileSync(join(__dirname, '..', '..', '..', 'apps', 'cli', 'src', 'demo', name), 'utf8'));

  it.each([
    ['mflm-v1.md', 6, 20],
    ['second-instrument.md', 3, 8],
    ['care-economy.md', 3, 3],
    ['heat-stress.md', 3, 3],
    ['heat-stress.fr.md', 3, 3],
    ['heat-stress.es.md', 3, 3],
  ])('%s parses into at least %i sections and %i guidelines that pass the content rules', (name, sections, guidelines) => {
    const draft = demo(name);
    expect(draft.title).toBeTruthy();
    expect(draft.sections.length).toBeGreaterThanOrEqual(sections);
    const all = draft.sections.flatMap((s) => s.guidelines);
    expect(all.length).toBeGreaterThanOrEqual(guidelines);
    const clean = cleanContent(draft.sections);
    expect(clean.problems).toEqual([]);
    const keys = clean.sections.flatMap((s) => s.guidelines.map((g) => g.key));
    expect(new Set(keys).size).toBe(keys.length);
    expect(draft.sections.every((s) => s.guidelines.length > 0)).toBe(true);
  });
});
