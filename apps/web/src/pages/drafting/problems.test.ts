// A document's problems in the reader's words, and the line a problem's button selects in the editor.
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/i18n';
import { lineRange, problemSentence } from './problems';

describe('problemSentence', () => {
  afterEach(() => void i18n.changeLanguage('en'));

  it('says a known problem in the reader’s language, filled with its values (the kinds of thing translated too)', async () => {
    const duplicate = {
      line: 7,
      code: 'DUPLICATE',
      message: 'guideline 1.1: key "1.1" is already the key of …',
      params: [
        { name: 'what', value: 'guideline' },
        { name: 'number', value: '1.1' },
        { name: 'attribute', value: 'key' },
      ],
    };
    expect(problemSentence(i18n.t, duplicate)).toBe('The guideline 1.1 is already used (number). Give each its own number.');
    await i18n.changeLanguage('fr');
    expect(problemSentence(i18n.t, duplicate)).toBe('Le numéro 1.1 (ligne directrice, numéro) est déjà utilisé. Donnez à chacun son propre numéro.');
    await i18n.changeLanguage('es');
    expect(
      problemSentence(i18n.t, {
        line: 3,
        code: 'SUBHEADING_KEPT',
        message: '',
        params: [
          { name: 'heading', value: 'Fees' },
          { name: 'number', value: '2.1' },
        ],
      }),
    ).toBe('El subtítulo «Fees» se conserva en el texto de la directriz 2.1.');
  });

  it('keeps the server’s sentence for a code it does not know', () => {
    expect(problemSentence(i18n.t, { line: 1, code: 'SOMETHING_NEW', message: 'line 1: something new; fix it' })).toBe('line 1: something new; fix it');
  });
});

describe('lineRange', () => {
  it('is the offsets of a 1-based line, clamped to the text', () => {
    const text = 'one\ntwo\n\nfour';
    expect(lineRange(text, 2)).toEqual([4, 7]);
    expect(text.slice(...lineRange(text, 4))).toBe('four');
    expect(lineRange(text, 3)).toEqual([8, 8]);
    expect(lineRange(text, 99)).toEqual([9, 13]);
    expect(lineRange(text, 0)).toEqual([0, 3]);
  });
});
