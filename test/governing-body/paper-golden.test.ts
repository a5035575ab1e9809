import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Language } from '@tripartite/domain';
import { renderPaperHtml, renderPaperMarkdown } from '@tripartite/governing-body';
import { demoPaperData } from './demo-paper';

// UPDATE_GOLDEN=1 rewrites the expected files (review the diff before committing it).
const GOLDEN = path.join(__dirname, 'golden');

function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  if (!existsSync(file)) throw new Error(`${file} is missing: run with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

// English keeps the file names it had before the paper had languages.
const FILES: Record<Language, string> = { EN: 'demo-paper', FR: 'demo-paper.fr', ES: 'demo-paper.es' };

describe.each(Object.entries(FILES) as [Language, string][])("the demo instrument's Governing Body paper in %s", (language, file) => {
  const data = demoPaperData();
  const markdown = renderPaperMarkdown(data, language);

  it('renders the committed Markdown', () => {
    expectGolden(`${file}.md`, markdown);
  });

  it('renders the committed HTML', () => {
    expectGolden(`${file}.html`, renderPaperHtml(markdown, `${data.symbol}: ${data.agendaItemTitle}`, language));
  });

  it('is the same whatever the time zone of the server', () => {
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(renderPaperMarkdown(demoPaperData(), language)).toBe(markdown);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
