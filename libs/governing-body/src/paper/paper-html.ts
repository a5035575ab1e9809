import MarkdownIt from 'markdown-it';

// html: false escapes any raw HTML in the Markdown (a <script> in a guideline's text shows as text);
// no linkify or typographer, so the HTML says what the Markdown says.
const markdown = new MarkdownIt('default', { html: false, linkify: false, typographer: false });

/** The paper as a standalone HTML document, from its Markdown. */
export function renderPaperHtml(paperMarkdown: string, title: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${markdown.utils.escapeHtml(title.replace(/\s+/g, ' ').trim())}</title>`,
    '</head>',
    '<body>',
    markdown.render(paperMarkdown).trimEnd(),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
