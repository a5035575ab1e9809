import { inlineRuns, winAnsi } from './pdf-blocks';

describe('winAnsi', () => {
  it('keeps what the standard fonts print: accents, curly quotes, guillemets, dashes, the euro', () => {
    const text = 'Genève, « décision » – l’OIT “cita” ¿Ginebra? ñ € …';
    expect(winAnsi(text)).toBe(text);
  });

  it('maps what they lack to a near equivalent rather than dropping it', () => {
    expect(winAnsi('a\u202fb')).toBe('a\u00a0b');
    expect(winAnsi('x ≥ 3 → y')).toBe('x >= 3 -> y');
    expect(winAnsi('Łódź, Ďábel')).toBe('Lódz, Dábel');
    expect(winAnsi('漢')).toBe('?');
  });
});

describe('inlineRuns', () => {
  it('reads bold, italic and backslash escapes', () => {
    expect(inlineRuns('**1.1 Title.** Text *of* it \\*')).toEqual([
      { text: '1.1 Title.', bold: true, italic: false },
      { text: ' Text ', bold: false, italic: false },
      { text: 'of', bold: false, italic: true },
      { text: ' it *', bold: false, italic: false },
    ]);
  });
});
