import type { Language } from '@tripartite/domain';
import type { DraftDocxData } from './draft-docx';
import { Block, inlineRuns, PAGE_LABEL, renderBlocksPdf } from './pdf-blocks';

/** What the PDF prints of a version in one language (draftInLanguage gives it). */
export type DraftPdfData = Pick<DraftDocxData, 'reference' | 'title' | 'versionNumber' | 'sections'>;

const VERSION_LABEL: Record<Language, (n: number) => string> = {
  EN: (n) => `Draft, version ${n}`,
  FR: (n) => `Projet, version ${n}`,
  ES: (n) => `Proyecto, versión ${n}`,
};

/** The draft's blocks: reference and version, title, each section's heading, each guideline with its number. */
export function draftBlocks(data: DraftPdfData, language: Language): Block[] {
  const blocks: Block[] = [
    { kind: 'line', runs: [{ text: data.reference, bold: true }] },
    { kind: 'line', runs: [{ text: VERSION_LABEL[language](data.versionNumber) }] },
    { kind: 'title', text: data.title },
  ];
  for (const section of data.sections) {
    blocks.push({ kind: 'heading', text: `${section.number}. ${section.heading}` });
    for (const g of section.guidelines) {
      const lead = g.title ? `${g.number} ${g.title}. ` : `${g.number} `;
      blocks.push({ kind: 'paragraph', runs: [{ text: lead, bold: true }, ...inlineRuns(g.text.replace(/\s*\n\s*/g, ' '))] });
    }
  }
  return blocks;
}

/** The draft as an A4 PDF: the reference atop every page, page numbers, sections and numbered guidelines. */
export function renderDraftPdf(data: DraftPdfData, language: Language): Promise<Buffer> {
  return renderBlocksPdf(draftBlocks(data, language), {
    title: `${data.reference}: ${data.title}`,
    header: `${data.reference} (v${data.versionNumber})`,
    language,
    pageLabel: PAGE_LABEL[language],
  });
}
