import type { Language } from '@tripartite/domain';
import type { PaperData } from './paper-data';
import { renderPaperHtml } from './paper-html';
import { renderPaperMarkdown } from './paper-markdown';

export interface RenderedPaper {
  markdown: string;
  html: string;
}

/** The paper in one language, as Markdown and as the HTML made from it. */
export function renderPaper(data: PaperData, title: string, language: Language): RenderedPaper {
  const markdown = renderPaperMarkdown(data, language);
  return { markdown, html: renderPaperHtml(markdown, title, language) };
}
