import { LANGUAGES } from './enums';
import { DEFAULT_LANGUAGE, LANGUAGE_LOCALES, effectiveLanguage, isLanguage } from './language';

describe('languages', () => {
  it('are the contract enum Language, each with its locale', () => {
    expect(LANGUAGES).toEqual(['EN', 'FR', 'ES']);
    expect(LANGUAGE_LOCALES).toEqual({ EN: 'en-GB', FR: 'fr-FR', ES: 'es-ES' });
    expect(DEFAULT_LANGUAGE).toBe('EN');
  });

  it('isLanguage accepts the three codes only, as written', () => {
    for (const l of LANGUAGES) expect(isLanguage(l)).toBe(true);
    for (const v of ['en', 'fr', 'DE', '', null, undefined, 1]) expect(isLanguage(v)).toBe(false);
  });

  describe('effectiveLanguage', () => {
    it.each(LANGUAGES)('a user who chose %s gets it, whatever the organization says', (own) => {
      expect(effectiveLanguage(own, null)).toBe(own);
      for (const org of LANGUAGES) expect(effectiveLanguage(own, org)).toBe(own);
    });

    it.each(LANGUAGES)("a user who never chose gets their organization's default %s", (org) => {
      expect(effectiveLanguage(null, org)).toBe(org);
      expect(effectiveLanguage(undefined, org)).toBe(org);
    });

    it('without a choice or a default, English', () => {
      expect(effectiveLanguage(null, null)).toBe('EN');
      expect(effectiveLanguage(null)).toBe('EN');
      expect(effectiveLanguage(undefined, undefined)).toBe('EN');
    });

    it('ignores stored values that are not languages', () => {
      expect(effectiveLanguage('de', 'FR')).toBe('FR');
      expect(effectiveLanguage('fr', 'xx')).toBe('EN');
    });
  });
});
