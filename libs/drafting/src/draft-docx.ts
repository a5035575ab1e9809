import { AlignmentType, Document, Footer, Header, HeadingLevel, Packer, PageNumber, Paragraph, TextRun } from 'docx';
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

/** A guideline's text (Markdown source) as paragraphs, one per block; the first opens with the guideline's number and title. */
function guideline(g: DraftDocxData['sections'][number]['guidelines'][number]): Paragraph[] {
  const blocks = g.text
    .split(/\n\s*\n/)
    .map((b) => b.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
  const label = g.title?.trim() ? `${g.number} ${g.title.trim()}` : g.number;
  const [first = '', ...rest] = blocks;
  return [
    new Paragraph({ children: [new TextRun({ text: `${label}. `, bold: true }), new TextRun(first)], spacing: { after: 120 } }),
    ...rest.map((text) => new Paragraph({ children: [new TextRun(text)], spacing: { after: 120 } })),
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
