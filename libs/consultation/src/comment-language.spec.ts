import { commentLanguage, detectLanguage, DETECTION_SAMPLE } from './comment-language';

describe('detectLanguage', () => {
  it.each([
    ['Les travailleurs migrants doivent pouvoir bénéficier de la protection sociale.', 'FR'],
    ['Nous demandons que le paragraphe soit supprimé.', 'FR'],
    ['Los trabajadores migrantes sufren discriminación en el empleo.', 'ES'],
    ['Pedimos una revisión completa del texto propuesto.', 'ES'],
    ['Recruitment fees must be banned outright for every worker.', 'EN'],
    ['We support the draft; recruiters will object to it.', 'EN'],
  ])('%s is %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('reads the body and the proposed text together', () => {
    expect(detectLanguage('Supprimer.', 'Les employeurs consultent les représentants des travailleurs.')).toBe('FR');
    expect(detectLanguage('Los empleadores consultan a los representantes.', null)).toBe('ES');
  });

  it('decides nothing for a text too short, without words, or empty', () => {
    for (const text of ['A comment on 2.1', 'Merci', 'Gracias', 'Too late', 'x', '12345 678 90 12 34', '', '   ', '!!! ??? ... ---']) {
      expect({ text, language: detectLanguage(text) }).toEqual({ text, language: null });
    }
    expect(detectLanguage()).toBeNull();
    expect(detectLanguage(null, undefined, '')).toBeNull();
  });

  it('judges a long text by its start', () => {
    const text = 'Les travailleurs doivent être consultés. '.repeat(Math.ceil(DETECTION_SAMPLE / 40)) + 'The rest is written in English. '.repeat(500);
    expect(detectLanguage(text)).toBe('FR');
  });
});

describe('commentLanguage', () => {
  const french = { body: 'Les travailleurs migrants doivent pouvoir bénéficier de la protection sociale.' };
  const short = { body: 'OK', proposedText: null };

  it('takes the given language over the text and the fallback', () => {
    expect(commentLanguage('ES', french, 'EN')).toBe('ES');
    expect(commentLanguage('EN', short, 'FR')).toBe('EN');
  });

  it('detects when none is given', () => {
    expect(commentLanguage(null, french, 'EN')).toBe('FR');
    expect(commentLanguage(undefined, { body: 'Supprimer.', proposedText: 'Los empleadores consultan a los representantes sindicales.' }, null)).toBe('ES');
  });

  it('falls back when the text cannot tell, and is null when nothing can', () => {
    expect(commentLanguage(null, short, 'FR')).toBe('FR');
    expect(commentLanguage(undefined, short, null)).toBeNull();
  });
});
