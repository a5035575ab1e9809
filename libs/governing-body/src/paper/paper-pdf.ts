import type { Language } from '@tripartite/domain';
import { Block, inlineRuns, PAGE_LABEL, renderBlocksPdf } from '@tripartite/drafting';

const plain = (markdown: string) =>
  inlineRuns(markdown)
    .map((r) => r.text)
    .join('');

/** The paper's Markdown (as rendered or frozen) as blocks: its structure is the Markdown's, line by line. */
export function paperBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of markdown.split(/\n\s*\n/)) {
    const para = raw.trim();
    if (!para) continue;
    if (para.startsWith('|')) {
      const rows = para
        .split('\n')
        .map((row) => row.trim().replace(/^\||\|$/g, ''))
        .filter((row) => !/^[\s|:-]+$/.test(row))
        .map((row) => row.split(/(?<!\\)\|/).map((cell) => plain(cell.trim())));
      blocks.push({ kind: 'table', rows });
      continue;
    }
    const line = para.replace(/\s*\n\s*/g, ' ');
    let m: RegExpMatchArray | null;
    if ((m = /^# (.*)$/.exec(line))) blocks.push({ kind: 'title', text: plain(m[1]) });
    else if ((m = /^## (.*)$/.exec(line))) blocks.push({ kind: 'heading', text: plain(m[1]) });
    else if ((m = /^#{3,6} (.*)$/.exec(line))) blocks.push({ kind: 'subheading', text: plain(m[1]) });
    else if ((m = /^(\d+)\. (.*)$/.exec(line))) blocks.push({ kind: 'paragraph', number: m[1], runs: inlineRuns(m[2]) });
    else if (/^\*\*[^*]+\*\*$/.test(line)) blocks.push({ kind: 'line', runs: inlineRuns(line), align: 'left' });
    else if ((m = /^[-*] (.*)$/.exec(line))) blocks.push({ kind: 'paragraph', runs: [{ text: '• ' }, ...inlineRuns(m[1])] });
    else blocks.push({ kind: 'paragraph', runs: inlineRuns(line) });
  }
  return blocks;
}

/** The GB paper as an A4 PDF: the symbol atop every page, page numbers, the paper's headings and numbered paragraphs. */
export function renderPaperPdf(markdown: string, paper: { symbol: string; title: string }, language: Language): Promise<Buffer> {
  return renderBlocksPdf(paperBlocks(markdown), { title: paper.title, header: paper.symbol, language, pageLabel: PAGE_LABEL[language] });
}
