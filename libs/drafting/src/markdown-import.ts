import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { CAPACITY, TEXT_MAX, capacityMessage, charLength } from '@tripartite/domain';
import { cleanContent, type CleanSection, type ContentProblem, type GuidelineData, type SectionData } from './draft-content';

// A draft as the secretariat writes it in Markdown:
//
//   # Title of the instrument           (optional; see DraftingService.importMarkdown for what becomes of it)
//   ## I. Heading of a section
//   1.1 Text of a guideline ...         (a paragraph starting with a number like 4.2 or 4.2.)
//   1.2 **Short title.** Text ...        (a bold lead-in ending in "." or ":" is the guideline's title;
//                                         "**Hazard** means ..." stays text)
//   1. Text of a guideline ...          (or "1." numbering: a numbered list right under a section heading
//                                         makes one guideline per item, in that section and the next ones
//                                         that also start with a numbered list)
//   ### A sub-heading                   (kept in the text of the guideline it introduces: the next one, or
//                                         the one it is inside)
//   A paragraph, list, table or quote without a number continues the guideline above it.
//
// Guidelines are separated by a blank line (a Markdown paragraph break). The structure comes from
// markdown-it's block tokens, whose `map` gives the source lines; regular expressions only read the
// first line of a heading, paragraph or list item. Guideline text is kept as Markdown source.

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
  /** The line of the title, when there is one. */
  titleLine: number | null;
  sections: ParsedSection[];
}

/**
 * What a problem or a warning is about, for a client to put in its reader's words (`params` fill them);
 * `message` says it in English, with how to fix it.
 */
export type MarkdownProblemCode =
  | 'NO_SECTION'
  | 'TEXT_BEFORE_SECTION'
  | 'GUIDELINE_BEFORE_SECTION'
  | 'TEXT_OUTSIDE_GUIDELINE'
  | 'SECTION_HEADING'
  | 'TITLE_NOT_FIRST'
  | 'SUBHEADING_WITHOUT_GUIDELINE'
  | 'DUPLICATE'
  | 'LENGTH'
  | 'TOO_LONG'
  | 'TOO_MANY'
  // warnings
  | 'SUBHEADING_KEPT'
  | 'LIST_KEYS_BY_SECTION'
  | 'TITLE_SET'
  | 'TITLE_KEPT';

export interface MarkdownProblem {
  line: number;
  code: MarkdownProblemCode;
  message: string;
  params?: Record<string, string>;
}

export type MarkdownParseResult =
  { ok: true; draft: ParsedDraft; warnings: MarkdownProblem[] } | { ok: false; problems: MarkdownProblem[]; warnings: MarkdownProblem[]; draft: ParsedDraft };

/** `## I. Heading`: the number is what precedes the first ". ". */
const SECTION_HEADING = /^(\S+?)\.\s+(\S.*)$/;
/** `4.2 Text` or `4.2. Text`: at least two numeric parts, so a sentence starting with "2026" is not a guideline. */
const GUIDELINE_START = /^(\d+(?:\.\d+)+\.?)(?:\s+(.*))?$/;
/** `**Title.** Text`, `**Title**: Text`, or a bold first line alone: a title. `**Hazard** means ...` is text. */
const BOLD_TITLE = /^\*\*([^*\n]+?)([.:])\*\*(?:\s+([\s\S]*))?$|^\*\*([^*\n]+?)\*\*([.:])(?:\s+([\s\S]*))?$|^\*\*([^*\n]+?)\*\*\s*(?:\n([\s\S]*))?$/;
/** The marker of an ordered list item: `1.` or `1)`. */
const LIST_MARKER = /^(\s*)(\d{1,9})([.)])(\s+|$)/;

export const MAX_PROBLEMS = 50;

const parser = new MarkdownIt('commonmark');

interface Building extends ParsedGuideline {
  parts: string[];
}

/** The title and text of a guideline from what follows its number. */
export function splitTitle(lead: string): { title: string | null; text: string } {
  const m = BOLD_TITLE.exec(lead.trim());
  if (!m) return { title: null, text: lead.trim() };
  const title = (m[1] ?? m[4] ?? m[7]).trim();
  const rest = (m[3] ?? m[6] ?? m[8] ?? '').trim();
  // A bold first line with nothing after it is the text itself, not a title of nothing.
  if (!title || (m[7] !== undefined && !rest)) return { title: null, text: lead.trim() };
  return { title, text: rest };
}

export function parseDraftMarkdown(markdown: string): MarkdownParseResult {
  const lines = markdown.split(/\r\n|\r|\n/);
  const tokens = parser.parse(markdown, {});
  const problems: MarkdownProblem[] = [];
  const warnings: MarkdownProblem[] = [];
  const sections: ParsedSection[] = [];
  /** Sections numbered with "1." lists, by index. */
  const listSections = new Set<number>();
  const listGuidelines: { section: ParsedSection; guideline: ParsedGuideline; n: string }[] = [];
  let title: string | null = null;
  let titleLine: number | null = null;
  let current: Building | null = null;
  /** Sub-headings waiting for the guideline they introduce. */
  let pending: { line: number; source: string; heading: string }[] = [];

  const source = (map: [number, number]) => lines.slice(map[0], map[1]).join('\n').trim();
  const section = () => sections[sections.length - 1];

  const finish = () => {
    if (current) {
      const { parts, n, ...guideline } = current as Building & { n?: string };
      const built: ParsedGuideline = { ...guideline, text: parts.filter((p) => p !== '').join('\n\n') };
      section().guidelines.push(built);
      if (n !== undefined) listGuidelines.push({ section: section(), guideline: built, n });
    }
    current = null;
  };

  /** Pending sub-headings go into the guideline being written, or are refused when there is none. */
  const flushInto = (into: Building | null) => {
    for (const p of pending) {
      if (into) {
        into.parts.push(p.source);
        warnings.push({
          line: p.line,
          code: 'SUBHEADING_KEPT',
          message: `the sub-heading "${p.heading}" is kept in the text of guideline ${into.number}`,
          params: { heading: p.heading, number: into.number },
        });
      } else {
        problems.push({
          line: p.line,
          code: 'SUBHEADING_WITHOUT_GUIDELINE',
          message: `the sub-heading "${p.heading}" introduces no guideline; put a guideline (e.g. "1.1 ...") under it, or remove it`,
          params: { heading: p.heading },
        });
      }
    }
    pending = [];
  };

  const start = (number: string, lead: string, line: number, n?: string) => {
    finish();
    const { title: gTitle, text } = splitTitle(lead);
    const building: Building & { n?: string } = { number, title: gTitle, text: '', line, parts: [], n };
    for (const p of pending) {
      building.parts.push(p.source);
      warnings.push({
        line: p.line,
        code: 'SUBHEADING_KEPT',
        message: `the sub-heading "${p.heading}" is kept at the start of the text of guideline ${number}`,
        params: { heading: p.heading, number },
      });
    }
    pending = [];
    building.parts.push(text);
    current = building;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    // Only top-level blocks; their children are read through their source lines.
    if (token.level !== 0 || token.nesting === -1 || !token.map) continue;
    const line = token.map[0] + 1;
    const inline = tokens[i + 1]?.type === 'inline' ? tokens[i + 1].content : '';

    if (token.type === 'heading_open') {
      if (token.tag === 'h1' || token.tag === 'h2') {
        flushInto(current);
        finish();
      }
      if (token.tag === 'h1' && title === null && sections.length === 0) {
        title = inline.trim();
        titleLine = line;
      } else if (token.tag === 'h2') {
        const m = SECTION_HEADING.exec(inline.trim());
        if (m) sections.push({ number: m[1], heading: m[2].trim(), guidelines: [], line });
        else {
          problems.push({
            line,
            code: 'SECTION_HEADING',
            message: 'a section heading must read "## <number>. <heading>", e.g. "## I. Decent work"; add the number and a full stop',
          });
          // Its guidelines are read into a stand-in, so each problem below is about itself.
          sections.push({ number: '', heading: inline.trim(), guidelines: [], line });
        }
      } else if (token.tag === 'h1') {
        problems.push({
          line,
          code: 'TITLE_NOT_FIRST',
          message: 'a title ("# ...") may only open the document; make this a section ("## <number>. <heading>") or a sub-heading ("### ...")',
        });
      } else {
        pending.push({ line, source: source(token.map), heading: inline.trim() });
      }
      continue;
    }

    if (token.type === 'paragraph_open') {
      const [first, ...rest] = inline.split('\n');
      const m = GUIDELINE_START.exec(first.trim());
      if (m) {
        if (sections.length === 0) {
          flushInto(current);
          finish();
          problems.push({
            line,
            code: 'GUIDELINE_BEFORE_SECTION',
            message: `guideline ${m[1]} comes before any section; add a section heading ("## <number>. <heading>") above it`,
            params: { number: m[1] },
          });
          continue;
        }
        start(m[1], [m[2] ?? '', ...rest].join('\n'), line);
        continue;
      }
    }

    // "1." numbering: a numbered list right under a section heading, or in a section numbered so.
    if (token.type === 'ordered_list_open' && sections.length > 0) {
      const si = sections.length - 1;
      if (listSections.has(si) || (!current && section().guidelines.length === 0)) {
        listSections.add(si);
        let j = i + 1;
        for (; j < tokens.length && !(tokens[j].type === 'ordered_list_close' && tokens[j].level === 0); j++) {
          const item = tokens[j];
          if (item.type !== 'list_item_open' || item.level !== 1 || !item.map) continue;
          const { n, lead } = listItem(lines, item);
          start(`${n}.`, lead, item.map[0] + 1, n);
        }
        i = j;
        continue;
      }
    }

    // Anything else (a paragraph without a number, a list, a table, a quote, code...) continues the guideline.
    flushInto(current);
    if (current) {
      (current as Building).parts.push(source(token.map));
    } else if (sections.length === 0) {
      problems.push({
        line,
        code: 'TEXT_BEFORE_SECTION',
        message: 'text before the first section; start a section above it with "## <number>. <heading>", or remove the text',
      });
    } else {
      problems.push({
        line,
        code: 'TEXT_OUTSIDE_GUIDELINE',
        message: 'text outside any guideline; start the paragraph with the guideline\'s number, e.g. "1.1 ..."',
      });
    }
  }
  flushInto(current);
  finish();

  // "1." numbering restarted in each section: the keys would repeat, so each is made unique by its section's number.
  const listKeys = listGuidelines.map((l) => l.n);
  const listed = new Set(listGuidelines.map((l) => l.guideline));
  const otherKeys = new Set(sections.flatMap((s) => s.guidelines.filter((g) => !listed.has(g)).map((g) => g.number.replace(/\.+$/, ''))));
  const repeated = new Set(listKeys).size !== listKeys.length || listKeys.some((k) => otherKeys.has(k));
  for (const { section: s, guideline, n } of listGuidelines) guideline.key = repeated && s.number ? `${s.number}.${n}` : n;
  if (repeated && listGuidelines.length) {
    warnings.push({
      line: listGuidelines[0].guideline.line,
      code: 'LIST_KEYS_BY_SECTION',
      message: 'the "1." numbering repeats across sections, so each guideline is known by its section and number, e.g. "I.1"',
      params: { example: listGuidelines[0].guideline.key! },
    });
  }

  if (sections.length === 0 && problems.length === 0) {
    problems.push({ line: 1, code: 'NO_SECTION', message: 'the document has no section; start one with "## <number>. <heading>", e.g. "## I. Principles"' });
  }
  const draft = { title, titleLine, sections };
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS), warnings: warnings.slice(0, MAX_PROBLEMS), draft };
  return { ok: true, draft, warnings: warnings.slice(0, MAX_PROBLEMS) };
}

/** An ordered list item's number and its source without the marker (continuation lines dedented). */
function listItem(lines: string[], item: Token): { n: string; lead: string } {
  const [from, to] = item.map!;
  const own = lines.slice(from, to);
  const m = LIST_MARKER.exec(own[0]);
  const width = m ? m[0].length : 0;
  const first = own[0].slice(width);
  const rest = own.slice(1).map((l) => l.replace(new RegExp(`^ {0,${Math.max(width, 1)}}`), ''));
  return { n: item.info || (m ? m[2] : '1'), lead: [first, ...rest].join('\n').trim() };
}

export interface CheckedMarkdown {
  /** What was read, as far as it could be (also when there are problems). */
  draft: ParsedDraft;
  /** The content to write when there is no problem. */
  sections: CleanSection[];
  problems: MarkdownProblem[];
  warnings: MarkdownProblem[];
}

/**
 * Everything an import checks before it writes, each problem named by its source line and saying how to fix it:
 * the document's size, its structure (parseDraftMarkdown), how many sections and guidelines it has, and the
 * content rules (cleanContent: lengths, numbers and keys used once). Pure: a preview and an import share it.
 */
export function checkDraftMarkdown(markdown: string): CheckedMarkdown {
  if (charLength(markdown) > TEXT_MAX.document) {
    return {
      draft: { title: null, titleLine: null, sections: [] },
      sections: [],
      warnings: [],
      problems: [
        {
          line: 1,
          code: 'TOO_LONG',
          message: `the document must be at most ${TEXT_MAX.document} characters; split it`,
          params: { max: String(TEXT_MAX.document) },
        },
      ],
    };
  }
  const parsed = parseDraftMarkdown(markdown);
  const { draft, warnings } = parsed;
  if (!parsed.ok) return { draft, sections: [], problems: parsed.problems, warnings };
  const guidelines = draft.sections.reduce((n, s) => n + s.guidelines.length, 0);
  const tooMany: MarkdownProblem[] = [];
  if (draft.sections.length > CAPACITY.sectionsPerVersion) {
    tooMany.push({
      line: draft.sections[CAPACITY.sectionsPerVersion].line,
      code: 'TOO_MANY',
      message: `a version ${capacityMessage(CAPACITY.sectionsPerVersion, 'sections')} (this has ${draft.sections.length}); split the document`,
      params: { what: 'sections', max: String(CAPACITY.sectionsPerVersion), count: String(draft.sections.length) },
    });
  }
  if (guidelines > CAPACITY.guidelinesPerVersion) {
    const over = draft.sections.flatMap((s) => s.guidelines)[CAPACITY.guidelinesPerVersion];
    tooMany.push({
      line: over.line,
      code: 'TOO_MANY',
      message: `a version ${capacityMessage(CAPACITY.guidelinesPerVersion, 'guidelines')} (this has ${guidelines}); split the document`,
      params: { what: 'guidelines', max: String(CAPACITY.guidelinesPerVersion), count: String(guidelines) },
    });
  }
  if (tooMany.length) return { draft, sections: [], problems: tooMany, warnings };
  const { sections, problems } = cleanContent(draft.sections);
  if (problems.length) return { draft, sections: [], problems: problems.slice(0, MAX_PROBLEMS).map((p) => atLine(draft, p)), warnings };
  return { draft, sections, problems: [], warnings };
}

const FIX: Record<ContentProblem['kind'], Record<ContentProblem['attribute'], string>> = {
  duplicate: {
    number: 'give each section its own number',
    heading: 'give each section its own heading',
    key: 'give each guideline its own number',
    title: 'give each guideline its own title',
    text: 'give each guideline its own text',
  },
  length: {
    number: 'shorten the number',
    heading: 'write the heading on one line, shorter',
    key: 'shorten the number',
    title: 'write the title on one line, shorter',
    text: 'write some text after the number, or split a text that is too long',
  },
};

/** A content problem of a document, named by the line of the section or guideline it is about. */
function atLine(draft: ParsedDraft, p: ContentProblem): MarkdownProblem {
  const s = draft.sections[p.section];
  const g = p.guideline === undefined ? undefined : s.guidelines[p.guideline];
  const what = g ? `guideline ${g.number}` : `section ${s.number}`;
  return {
    line: g ? g.line : s.line,
    code: p.kind === 'duplicate' ? 'DUPLICATE' : 'LENGTH',
    message: `${what}: ${p.attribute} ${p.message}; ${FIX[p.kind][p.attribute]}`,
    params: { what: g ? 'guideline' : 'section', number: g ? g.number : s.number, attribute: p.attribute },
  };
}
