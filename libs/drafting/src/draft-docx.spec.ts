import * as mammoth from 'mammoth';
import { renderDraftDocx } from './draft-docx';

describe('renderDraftDocx', () => {
  it('writes the title, each section as a heading and each guideline with its number, Markdown emphasis as Word emphasis', async () => {
    const docx = await renderDraftDocx({
      reference: 'GL/1',
      title: 'Guidelines on <b>safety</b>',
      versionNumber: 2,
      language: 'EN',
      sections: [
        {
          number: '1',
          heading: 'Scope',
          guidelines: [
            { number: '1.1', title: 'Purpose', text: 'Employers **must** act.\n\nA second paragraph.' },
            { number: '1.2', title: null, text: 'Plain text.' },
          ],
        },
      ],
    });
    const html = (await mammoth.convertToHtml({ buffer: docx })).value;
    expect(html).toContain('<h1>1. Scope</h1>');
    expect(html).toContain('<strong>1.1 Purpose. </strong>Employers <strong>must</strong> act.');
    expect(html).toContain('<p>A second paragraph.</p>');
    expect(html).toContain('<strong>1.2. </strong>Plain text.');
    expect((await mammoth.extractRawText({ buffer: docx })).value).toContain('Guidelines on <b>safety</b>');
  });
});
