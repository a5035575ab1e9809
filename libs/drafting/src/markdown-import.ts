import MarkdownIt from 'markdown-it';
import type { GuidelineData, SectionData } from './draft-content';

// A draft as the secretariat writes it in Markdown:
//
//   # Title of the instrument           (optional, skipped)
//   ## I. Heading of a section
//   1.1 Text of a guideline ...         (a paragraph starting with a number like 4.2 or 4.2.)
//   1.2 **Short title.** Text ...        (an optional bold lead-in is the guideline's title)
//   A paragraph, list or quote without a number continues the guideline above it.
//
// Guidelines are separated by a blank line (a Markdown paragraph break). The structure
// comes from markdown-it's block tokens, whose `map` gives the source lines; regular
// expressions only read the first line of a heading or paragraph. Guideline text is
// kept as Markdown source.

export interface ParsedGuideline extends GuidelineData {
  number: string;
  title: string | null;
  text: string;
  /** 1-based source line where it starts. */
  line: number;
}

export interface ParsedSection extends SectionData {
  guidelines: ParsedGuideline[];
  line: number;
}

export interface ParsedDraft {
  title: string | null;
  sections: ParsedSection[];
}

export interface MarkdownProblem {
  line: number;
  message: string;
}

export type MarkdownParseResult = { ok: true; draft: ParsedDraft } | { ok: false; problems: MarkdownProblem[] };

/** `## I. Heading`: the number is what precedes the first ". ". */
const SECTION_HEADING = /^(\S+?)\.\s+(\S.*)$/;
/** `4.2 Text` or `4.2. Text`: at least two numeric parts, so a sentence starting with "2026" is not a guideline. */
const GUIDELINE_START = /^(\d+(?:\.\d+)+\.?)(?:\s+(.*))?$/;
/** `**Title.** Text` at the start of a guideline. */
const BOLD_TITLE = /^\*\*(.+?)\*\*\s*(.*)$/;

const MAX_PROBLEMS = 50;

const parser = new MarkdownIt('commonmark');

interface Building extends ParsedGuideline {
  parts: string[];
}

export function parseDraftMarkdown(markdown: string): MarkdownParseResult {
  const lines = markdown.split(/\r\n|\r|\n/);
  const tokens = parser.parse(markdown, {});
  const problems: MarkdownProblem[] = [];
  const sections: ParsedSection[] = [];
  let title: string | null = null;
  let current: Building | null = null;

  const finish = () => {
    if (current) {
      const { parts, ...guideline } = current;
      sections[sections.length - 1].guidelines.push({ ...guideline, text: parts.filter((p) => p !== '').join('\n\n') });
    }
    current = null;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    // Only top-level blocks; their children are read through their source lines.
    if (token.level !== 0 || token.nesting === -1 || !token.map) continue;
    const line = token.map[0] + 1;
    const inline = tokens[i + 1]?.type === 'inline' ? tokens[i + 1].content : '';

    if (token.type === 'heading_open') {
      finish();
      if (token.tag === 'h1' && title === null && sections.length === 0) {
        title = inline.trim();
      } else if (token.tag === 'h2') {
        const m = SECTION_HEADING.exec(inline.trim());
        if (m) sections.push({ number: m[1], heading: m[2].trim(), guidelines: [], line });
        else problems.push({ line, message: 'a section heading must read "## <number>. <heading>", e.g. "## I. Decent work"' });
      } else if (token.tag === 'h1') {
        problems.push({ line, message: 'a title ("# ...") may only open the document' });
      } else {
        problems.push({ line, message: 'only "# Title" and "## <number>. <heading>" headings are understood' });
      }
      continue;
    }

    if (token.type === 'paragraph_open') {
      const [first, ...rest] = inline.split('\n');
      const m = GUIDELINE_START.exec(first.trim());
      if (m) {
        finish();
        if (sections.length === 0) {
          problems.push({ line, message: `guideline ${m[1]} comes before any section ("## <number>. <heading>")` });
          continue;
        }
        const lead = m[2] ?? '';
        const bold = BOLD_TITLE.exec(lead);
        const gTitle = bold ? bold[1].trim().replace(/[.:]$/, '').trim() || null : null;
        const firstLine = bold ? bold[2] : lead;
        current = { number: m[1], title: gTitle, text: '', line, parts: [[firstLine, ...rest].join('\n').trim()] };
        continue;
      }
    }

    // Anything else (a paragraph without a number, a list, a quote, code...) continues the guideline.
    if (current) {
      (current as Building).parts.push(lines.slice(token.map[0], token.map[1]).join('\n').trim());
    } else {
      problems.push({
        line,
        message:
          sections.length === 0
            ? 'text before the first section; start a section with "## <number>. <heading>"'
            : 'text outside any guideline; start the paragraph with its number, e.g. "1.1"',
      });
    }
  }
  finish();

  if (sections.length === 0 && problems.length === 0) {
    problems.push({ line: 1, message: 'the document has no section; start one with "## <number>. <heading>"' });
  }
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  return { ok: true, draft: { title, sections } };
}
