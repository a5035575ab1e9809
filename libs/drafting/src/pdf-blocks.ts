// A4 PDFs with pdfkit's standard fonts, from simple blocks: shared by the draft's and the Governing Body paper's files.
import PDFDocument from 'pdfkit';
import type { Language } from '@tripartite/domain';

/** Characters WinAnsi (the standard PDF fonts' encoding) holds above Latin-1's printable range. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
/** What to print instead of a character the standard fonts lack (rather than dropping text). */
const FALLBACK: Record<string, string> = {
  '\u202f': '\u00a0',
  '\u2009': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2011': '-',
  '\u2010': '-',
  '\u2212': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u201b': "'",
  '\u201f': '"',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2192': '->',
  '\u00ad': '',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  ı: 'i',
};

/** The text with every character the standard fonts cannot print mapped to a near equivalent (or "?"). */
export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else if (ch in FALLBACK) out += FALLBACK[ch];
    else if (code < 0x20) out += ' ';
    else {
      const bare = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += bare !== ch && [...bare].every((c) => (c.codePointAt(0) ?? 0) < 0x100) ? bare : '?';
    }
  }
  return out;
}

/** A run of text and whether it is bold or italic. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** The block kinds both the paper and the draft are made of. */
export type Block =
  | { kind: 'line'; runs: Run[]; align?: 'left' | 'center' | 'right' }
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'paragraph'; number?: string; runs: Run[] }
  /** The first row is the header; cells are plain text. */
  | { kind: 'table'; rows: string[][] };

const FONT = { regular: 'Times-Roman', bold: 'Times-Bold', italic: 'Times-Italic', boldItalic: 'Times-BoldItalic' } as const;
const MARGIN = { top: 72, bottom: 72, left: 72, right: 72 };
const fontOf = (r: Run) => (r.bold && r.italic ? FONT.boldItalic : r.bold ? FONT.bold : r.italic ? FONT.italic : FONT.regular);

export interface PdfOptions {
  title: string;
  /** Printed at the top of every page (the paper's symbol, the draft's reference). */
  header: string;
  language: Language;
  /** "Page" in the language, before the page number. */
  pageLabel: string;
}

/** An A4 PDF of the blocks, the header on every page and "Page N" in the footer, as a Buffer. */
export function renderBlocksPdf(blocks: readonly Block[], options: PdfOptions): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: options.language.toLowerCase(),
    displayTitle: true,
    info: { Title: winAnsi(options.title), Creator: 'Tripartite', Producer: 'Tripartite' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const runs = (list: readonly Run[], opts: PDFKit.Mixins.TextOptions = {}) => {
    // pdfkit drops a continued segment's leading spaces: each goes to the end of the segment before it.
    const visible = list
      .map((r, i) => ({ ...r, text: i > 0 ? r.text.replace(/^\s+/, '') : r.text, tail: /^\s/.test(list[i + 1]?.text ?? '') ? ' ' : '' }))
      .map(({ tail, ...r }) => ({ ...r, text: r.text + tail }))
      .filter((r) => r.text.length > 0);
    if (!visible.length) return;
    visible.forEach((r, i) => {
      doc.font(fontOf(r)).text(winAnsi(r.text), { ...opts, continued: i < visible.length - 1 });
    });
  };

  for (const block of blocks) {
    doc.x = MARGIN.left;
    switch (block.kind) {
      case 'line':
        doc.fontSize(11);
        runs(block.runs, { align: block.align ?? 'left', width });
        doc.moveDown(0.4);
        break;
      case 'title':
        doc.moveDown(0.5).fontSize(15).font(FONT.bold).text(winAnsi(block.text), { align: 'center', width });
        doc.moveDown(0.8);
        break;
      case 'heading':
        doc.moveDown(0.4).fontSize(12.5).font(FONT.bold).text(winAnsi(block.text), { width });
        doc.moveDown(0.4);
        break;
      case 'subheading':
        doc.moveDown(0.3).fontSize(11.5).font(FONT.bold).text(winAnsi(block.text), { width });
        doc.moveDown(0.3);
        break;
      case 'table': {
        const columns = Math.max(...block.rows.map((r) => r.length));
        const cellWidth = width / columns;
        const pad = 3;
        doc.fontSize(8.5);
        block.rows.forEach((row, r) => {
          doc.font(r === 0 ? FONT.bold : FONT.regular);
          const cells = row.map((c) => winAnsi(c));
          const height = Math.max(...cells.map((c) => doc.heightOfString(c, { width: cellWidth - 2 * pad }))) + 2 * pad;
          if (doc.y + height > doc.page.height - MARGIN.bottom) doc.addPage();
          const top = doc.y;
          cells.forEach((c, i) => {
            const x = MARGIN.left + i * cellWidth;
            doc.rect(x, top, cellWidth, height).lineWidth(0.5).stroke();
            doc.text(c, x + pad, top + pad, { width: cellWidth - 2 * pad });
          });
          doc.x = MARGIN.left;
          doc.y = top + height;
        });
        doc.moveDown(0.6);
        break;
      }
      case 'paragraph': {
        doc.fontSize(11);
        if (block.number) {
          const y = doc.y;
          doc.font(FONT.regular).text(winAnsi(`${block.number}.`), MARGIN.left, y, { width: 28 });
          doc.x = MARGIN.left + 28;
          doc.y = y;
          runs(block.runs, { width: width - 28, align: 'justify' });
        } else runs(block.runs, { width, align: 'justify' });
        doc.moveDown(0.6);
        break;
      }
    }
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the margins would add a page: lift them while the header and footer go in.
    const { top, bottom } = doc.page.margins;
    doc.page.margins.top = 0;
    doc.page.margins.bottom = 0;
    doc.fontSize(9).font(FONT.bold).text(winAnsi(options.header), MARGIN.left, 36, { width, align: 'right', lineBreak: false });
    doc
      .fontSize(9)
      .font(FONT.regular)
      .text(winAnsi(`${options.pageLabel} ${i - range.start + 1}`), MARGIN.left, doc.page.height - 48, { width, align: 'center', lineBreak: false });
    doc.page.margins.top = top;
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

/** Inline Markdown (the paper's own: **bold**, *italic*, backslash escapes) as runs. */
export function inlineRuns(markdown: string): Run[] {
  const out: Run[] = [];
  let bold = false;
  let italic = false;
  let text = '';
  const flush = () => {
    if (text) out.push({ text, bold, italic });
    text = '';
  };
  for (let i = 0; i < markdown.length; i++) {
    const ch = markdown[i];
    if (ch === '\\' && i + 1 < markdown.length) {
      text += markdown[++i];
    } else if (ch === '*' && markdown[i + 1] === '*') {
      flush();
      bold = !bold;
      i++;
    } else if (ch === '*' || (ch === '_' && /\W|^$/.test(markdown[i - 1] ?? '') !== /\W|^$/.test(markdown[i + 1] ?? ''))) {
      flush();
      italic = !italic;
    } else text += ch;
  }
  flush();
  return out;
}

export const PAGE_LABEL: Record<Language, string> = { EN: 'Page', FR: 'Page', ES: 'Página' };
