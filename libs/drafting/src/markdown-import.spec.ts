import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanContent } from './draft-content';
import { parseDraftMarkdown, ParsedDraft } from './markdown-import';

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
    expect(problems('')).toEqual([{ line: 1, message: expect.stringMatching(/no section/) }]);
    expect(problems('# Only a title\n')).toEqual([{ line: 1, message: expect.stringMatching(/no section/) }]);
  });

  it('names the line of a guideline before any section', () => {
    const found = problems(md('# Title', '', 'Some preamble.', '', '', '', '1.1 Too early.', '', '## I. Late'));
    expect(found).toContainEqual({ line: 7, message: expect.stringMatching(/guideline 1\.1 comes before any section/) });
    expect(found).toContainEqual({ line: 3, message: expect.stringMatching(/before the first section/) });
  });

  it('names the line of text that belongs to no guideline, of a malformed section heading, and of other headings', () => {
    expect(problems(md('## I. One', '', 'Loose text.'))).toEqual([{ line: 3, message: expect.stringMatching(/outside any guideline/) }]);
    expect(problems(md('## I. One', '', '1.1 x', '', '## Heading without number'))).toEqual([
      { line: 5, message: expect.stringMatching(/## <number>\. <heading>/) },
    ]);
    expect(problems(md('## I. One', '', '1.1 x', '', '### Sub'))).toEqual([{ line: 5, message: expect.stringMatching(/headings are understood/) }]);
    expect(problems(md('# T', '## I. One', '', '1.1 x', '', '# Again'))).toEqual([{ line: 6, message: expect.stringMatching(/title/) }]);
  });
});

describe('the demo documents', () => {
  const demo = (name: string) => parsed(readFileSync(join(__dirname, '..', '..', '..', 'apps', 'cli', 'src', 'demo', name), 'utf8'));

  it.each([
    ['mflm-v1.md', 6, 20],
    ['second-instrument.md', 3, 8],
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
