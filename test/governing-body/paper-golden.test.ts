import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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

describe("the demo instrument's Governing Body paper", () => {
  const data = demoPaperData();
  const markdown = renderPaperMarkdown(data);

  it('renders the committed Markdown', () => {
    expectGolden('demo-paper.md', markdown);
  });

  it('renders the committed HTML', () => {
    expectGolden('demo-paper.html', renderPaperHtml(markdown, `${data.symbol}: ${data.agendaItemTitle}`));
  });

  it('is the same whatever the time zone of the server', () => {
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(renderPaperMarkdown(demoPaperData())).toBe(markdown);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
