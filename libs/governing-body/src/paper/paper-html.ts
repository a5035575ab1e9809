import MarkdownIt from 'markdown-it';
import type { Language } from '@tripartite/domain';

// html: false escapes any raw HTML in the Markdown (a <script> in a guideline's text shows as text);
// no linkify or typographer, so the HTML says what the Markdown says.
const markdown = new MarkdownIt('default', { html: false, linkify: false, typographer: false });

const LANG: Readonly<Record<Language, string>> = { EN: 'en', FR: 'fr', ES: 'es' };

/** The paper as a standalone HTML document, from its Markdown in `language`. */
export function renderPaperHtml(paperMarkdown: string, title: string, language: Language = 'EN'): string {
  return [
    '<!doctype html>',
    `<html lang="${LANG[language]}">`,
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
