import * as mammoth from 'mammoth';
import { renderPaperDocx } from './paper-docx';

const MARKDOWN = [
  '**International Labour Office**',
  '**GB.1/INS/2**',
  '# Outcome <script>',
  '## A. Background',
  '1. First paragraph with *emphasis*.',
  '## B. Draft decision',
  '2. The Governing Body approves.',
  'Geneva, 1 March 2027.',
  'Point for decision: Paragraph 2.',
  '| Guideline | Outcome |\n| --- | --- |\n| 1.1 | Adopted |',
  '',
].join('\n\n');

describe('renderPaperDocx', () => {
  it('keeps the headings as Word headings, the paragraph numbers, the lines and the table', async () => {
    const docx = await renderPaperDocx(MARKDOWN, 'GB.1/INS/2', 'GB.1/INS/2: Outcome');
    const html = (await mammoth.convertToHtml({ buffer: docx })).value;
    expect(html).toContain('<h1>Outcome &lt;script&gt;</h1>');
    expect(html).toContain('<h2>A. Background</h2>');
    expect(html).toContain('<p>1.\tFirst paragraph with <em>emphasis</em>.</p>');
    expect(html).toContain('<p>2.\tThe Governing Body approves.</p>');
    expect(html).toContain('<p>Point for decision: Paragraph 2.</p>');
    expect(html).toMatch(/<table>.*<td><p>1\.1<\/p><\/td><td><p>Adopted<\/p><\/td>.*<\/table>/);
  });
});
