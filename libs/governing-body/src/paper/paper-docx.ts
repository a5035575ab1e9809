import { AlignmentType, Document, Footer, Header, HeadingLevel, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import MarkdownIt from 'markdown-it';

// The Governing Body paper as a Word file, built with docx from the paper's structure: the block tokens of
// its Markdown (the frozen text of a SUBMITTED paper, or the DRAFT's rendering), so the Word file says what
// the Markdown and HTML papers say. Headings become Heading styles, numbered paragraphs keep their numbers.

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const parser = new MarkdownIt('default', { html: false, linkify: false, typographer: false });
type Token = ReturnType<MarkdownIt['parse']>[number];

/** A4 in twentieths of a point. */
const A4 = { width: 11906, height: 16838 };

const HEADINGS: Record<string, (typeof HeadingLevel)[keyof typeof HeadingLevel]> = {
  h1: HeadingLevel.HEADING_1,
  h2: HeadingLevel.HEADING_2,
  h3: HeadingLevel.HEADING_3,
};

/** The runs of an inline token: bold, italics and code kept; links as their text. */
function runs(inline: Token | undefined, allBold = false): TextRun[] {
  const out: TextRun[] = [];
  let bold = allBold ? 1 : 0;
  let italics = 0;
  for (const t of inline?.children ?? []) {
    if (t.type === 'strong_open') bold += 1;
    else if (t.type === 'strong_close') bold -= 1;
    else if (t.type === 'em_open') italics += 1;
    else if (t.type === 'em_close') italics -= 1;
    else if (t.type === 'text' || t.type === 'code_inline') out.push(new TextRun({ text: t.content, bold: bold > 0, italics: italics > 0 }));
    else if (t.type === 'softbreak' || t.type === 'hardbreak') out.push(new TextRun({ text: '', break: 1 }));
  }
  return out;
}

/** The table's rows, each cell a paragraph of runs (the header row bold). */
function table(tokens: Token[], from: number): { table: Table; next: number } {
  const rows: TableRow[] = [];
  let cells: TableCell[] = [];
  let header = false;
  let i = from + 1;
  for (; i < tokens.length && tokens[i].type !== 'table_close'; i += 1) {
    const t = tokens[i];
    if (t.type === 'thead_open') header = true;
    else if (t.type === 'thead_close') header = false;
    else if (t.type === 'tr_close') {
      rows.push(new TableRow({ children: cells, tableHeader: header || undefined }));
      cells = [];
    } else if (t.type === 'inline') {
      cells.push(new TableCell({ children: [new Paragraph({ children: runs(t, header) })] }));
    }
  }
  return { table: new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }), next: i };
}

/** The paper's blocks as Word paragraphs, headings and tables. */
function blocks(markdown: string): (Paragraph | Table)[] {
  const tokens = parser.parse(markdown, {});
  const out: (Paragraph | Table)[] = [];
  let number: number | null = null;
  let beforeTitle = true;
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i];
    if (t.type === 'heading_open') {
      out.push(new Paragraph({ heading: HEADINGS[t.tag] ?? HeadingLevel.HEADING_3, children: runs(tokens[i + 1]) }));
      if (t.tag === 'h1') beforeTitle = false;
      i += 2;
    } else if (t.type === 'ordered_list_open') {
      number = Number(t.attrGet('start') ?? 1);
    } else if (t.type === 'ordered_list_close') {
      number = null;
    } else if (t.type === 'paragraph_open' && number !== null) {
      out.push(new Paragraph({ children: [new TextRun({ text: `${number}.\t` }), ...runs(tokens[i + 1])], spacing: { after: 120 } }));
      number += 1;
      i += 2;
    } else if (t.type === 'paragraph_open') {
      // The lines above the title (Office, Governing Body, session, symbol...) stand at the right, as on the Office's papers.
      out.push(new Paragraph({ children: runs(tokens[i + 1]), alignment: beforeTitle ? AlignmentType.RIGHT : undefined, spacing: { after: 120 } }));
      i += 2;
    } else if (t.type === 'table_open') {
      const built = table(tokens, i);
      out.push(built.table);
      i = built.next;
    }
  }
  return out;
}

/** The paper in Word: `symbol` at the top right of every page, page numbers in the footer, A4. */
export function renderPaperDocx(paperMarkdown: string, symbol: string, title: string): Promise<Buffer> {
  const doc = new Document({
    title,
    creator: 'Tripartite',
    sections: [
      {
        properties: { page: { size: A4 } },
        headers: {
          default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: symbol, bold: true })] })] }),
        },
        footers: {
          default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] })] }),
        },
        children: blocks(paperMarkdown),
      },
    ],
  });
  return Packer.toBuffer(doc);
}
