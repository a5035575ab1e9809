import { AlignmentType, Document, Footer, Header, HeadingLevel, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import MarkdownIt from 'markdown-it';
import type { Language } from '@tripartite/domain';

/** A draft version in one language, as a reader of that language is shown it (translations where they exist). */
export interface DraftDocxData {
  reference: string;
  title: string;
  versionNumber: number;
  language: Language;
  sections: { number: string; heading: string; guidelines: { number: string; title: string | null; text: string }[] }[];
}

const VERSION: Readonly<Record<Language, string>> = { EN: 'Version', FR: 'Version', ES: 'Versión' };

/** A4 in twentieths of a point. */
const A4 = { width: 11906, height: 16838 };

const parser = new MarkdownIt('default', { html: false, linkify: false, typographer: false });

/** One block of Markdown source as runs: bold and italics kept, links as their text, any raw HTML as text. */
function inline(source: string): TextRun[] {
  const out: TextRun[] = [];
  let bold = 0;
  let italics = 0;
  for (const t of parser.parseInline(source, {})[0]?.children ?? []) {
    if (t.type === 'strong_open') bold += 1;
    else if (t.type === 'strong_close') bold -= 1;
    else if (t.type === 'em_open') italics += 1;
    else if (t.type === 'em_close') italics -= 1;
    else if (t.type === 'text' || t.type === 'code_inline') out.push(new TextRun({ text: t.content, bold: bold > 0, italics: italics > 0 }));
  }
  return out;
}

/** A guideline's text (Markdown source) as paragraphs, one per block; the first opens with the guideline's number and title. */
function guideline(g: DraftDocxData['sections'][number]['guidelines'][number]): Paragraph[] {
  const blocks = g.text
    .split(/\n\s*\n/)
    .map((b) => b.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
  const label = g.title?.trim() ? `${g.number} ${g.title.trim()}` : g.number;
  const [first = '', ...rest] = blocks;
  return [
    new Paragraph({ children: [new TextRun({ text: `${label}. `, bold: true }), ...inline(first)], spacing: { after: 120 } }),
    ...rest.map((text) => new Paragraph({ children: inline(text), spacing: { after: 120 } })),
  ];
}

/** The draft as a Word file: title, sections as headings, guidelines with their numbers; A4, page numbers in the footer. */
export function renderDraftDocx(data: DraftDocxData): Promise<Buffer> {
  const headerText = `${data.reference} — ${VERSION[data.language]} ${data.versionNumber}`;
  const doc = new Document({
    title: `${data.reference}: ${data.title}`,
    creator: 'Tripartite',
    sections: [
      {
        properties: { page: { size: A4 } },
        headers: {
          default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: headerText, bold: true })] })] }),
        },
        footers: {
          default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT] })] })] }),
        },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(data.title)] }),
          ...data.sections.flatMap((s) => [
            new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`${s.number}. ${s.heading}`)] }),
            ...s.guidelines.flatMap(guideline),
          ]),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
