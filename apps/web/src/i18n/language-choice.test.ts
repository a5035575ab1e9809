// Which language the pages start in, and what choosing one does: shown at once, <html lang>, remembered.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from './i18n';
import {
  adoptUserLanguage,
  chooseLanguage,
  currentLanguage,
  currentLocale,
  initialLanguage,
  LANGUAGE_KEY,
  setLanguageSaver,
  startLanguage,
} from './language-choice';
import type { Language } from './languages';
import { fromBrowser } from './languages';
import { shownText } from './TranslationNotice';

describe('the language of the pages', () => {
  beforeEach(async () => {
    localStorage.clear();
    await chooseLanguage('EN');
    localStorage.clear();
  });
  afterEach(() => setLanguageSaver(null));

  it('starts in the stored choice, else the browser’s first language of ours, else English', () => {
    expect(initialLanguage('ES', ['fr-FR'])).toBe('ES');
    expect(initialLanguage(null, ['de-CH', 'fr-CH', 'en'])).toBe('FR');
    expect(initialLanguage(null, ['es-419'])).toBe('ES');
    expect(initialLanguage('klingon', ['de', 'it'])).toBe('EN');
    expect(initialLanguage(null, [])).toBe('EN');
    expect(fromBrowser(['pt-BR', 'EN-us'])).toBe('EN');
  });

  it('applies a choice once its words are here: the words, <html lang>, the locale, and keeps it for the next visit', async () => {
    await chooseLanguage('FR');
    expect(currentLanguage()).toBe('FR');
    expect(document.documentElement.lang).toBe('fr');
    expect(currentLocale()).toBe('fr-FR');
    expect(i18n.t('signin.submit')).toBe('Se connecter');
    expect(i18n.t('nav.count', { count: 1 })).toBe('(1 commentaire)');
    expect(i18n.t('nav.count', { count: 2 })).toBe('(2 commentaires)');
    expect(localStorage.getItem(LANGUAGE_KEY)).toBe('FR');

    await chooseLanguage('ES');
    expect(i18n.t('signin.submit')).toBe('Iniciar sesión');
    expect(i18n.t('nav.count', { count: 1 })).toBe('(1 comentario)');
    expect(document.documentElement.lang).toBe('es');
  });

  it('starts a new page in the remembered choice', async () => {
    localStorage.setItem(LANGUAGE_KEY, 'ES');
    await startLanguage();
    expect(currentLanguage()).toBe('ES');
    expect(document.documentElement.lang).toBe('es');
  });

  it('shows a translation only while it is current, else the original with a notice', () => {
    const original = { text: 'Workers shall be consulted.', language: 'EN' as const };
    expect(shownText(original, 'Les travailleurs sont consultés.', 'CURRENT', 'FR')).toEqual({
      text: 'Les travailleurs sont consultés.',
      language: 'FR',
      fallback: false,
    });
    expect(shownText(original, 'Ancienne traduction.', 'STALE', 'FR')).toEqual({ ...original, fallback: true });
    expect(shownText(original, null, 'MISSING', 'ES')).toEqual({ ...original, fallback: true });
    expect(shownText(original, null, 'ORIGINAL', 'EN')).toEqual({ ...original, fallback: false });
  });

  it('sends a signed-in choice to the server, and keeps it here when the server refuses it', async () => {
    const sent = new Promise<Language>((resolve) =>
      setLanguageSaver((language) => {
        resolve(language);
        return Promise.reject(new Error('offline'));
      }),
    );
    chooseLanguage('ES');
    expect(await sent).toBe('ES');
    expect(currentLanguage()).toBe('ES');
    expect(localStorage.getItem(LANGUAGE_KEY)).toBe('ES');
  });

  it('sends quick changes in order, one after the other', async () => {
    const sent: Language[] = [];
    let last!: () => void;
    const done = new Promise<void>((resolve) => (last = resolve));
    setLanguageSaver(async (language) => {
      sent.push(language);
      if (language === 'EN') last();
    });
    chooseLanguage('FR');
    chooseLanguage('ES');
    chooseLanguage('EN');
    await done;
    expect(sent).toEqual(['FR', 'ES', 'EN']);
  });

  it('takes the signed-in user’s language over this browser’s choice, without sending it back', async () => {
    chooseLanguage('ES');
    const sent: Language[] = [];
    let saved!: () => void;
    const done = new Promise<void>((resolve) => (saved = resolve));
    setLanguageSaver(async (language) => {
      sent.push(language);
      saved();
    });
    await adoptUserLanguage('FR');
    expect(currentLanguage()).toBe('FR');
    expect(localStorage.getItem(LANGUAGE_KEY)).toBe('FR');
    // Saves go in order: had the adoption sent one, it would come first.
    chooseLanguage('EN');
    await done;
    expect(sent).toEqual(['EN']);
    // The language the page already shows: nothing stored.
    localStorage.clear();
    adoptUserLanguage('EN');
    expect(localStorage.getItem(LANGUAGE_KEY)).toBeNull();
  });

  it('fetches each language’s words only when needed, keeps the page in its language meanwhile, and lets the last choice win', async () => {
    // A page of its own: modules loaded afresh, nothing fetched yet.
    vi.resetModules();
    const page = await import('./language-choice');
    const words = await import('./i18n');
    expect([words.isLoaded('EN'), words.isLoaded('FR'), words.isLoaded('ES')]).toEqual([false, false, false]);
    await page.startLanguage();
    expect([words.isLoaded('EN'), words.isLoaded('FR'), words.isLoaded('ES')]).toEqual([true, false, false]);
    const fr = page.chooseLanguage('FR');
    // Not shown before its words are here.
    expect(page.currentLanguage()).toBe('EN');
    const es = page.chooseLanguage('ES');
    // English, here already, is shown at once, whatever is loading.
    void page.chooseLanguage('EN');
    expect(page.currentLanguage()).toBe('EN');
    expect(page.currentLanguage()).toBe('EN');
    await Promise.all([fr, es]);
    // The earlier choices arrived late: they do not undo the last one.
    expect(page.currentLanguage()).toBe('EN');
    expect(document.documentElement.lang).toBe('en');
    expect(words.i18n.t('signin.submit')).toBe('Sign in');
    // Once here, a language is shown at once.
    expect(words.isLoaded('FR') && words.isLoaded('ES')).toBe(true);
    void page.chooseLanguage('FR');
    expect(page.currentLanguage()).toBe('FR');
    expect(words.i18n.t('signin.submit')).toBe('Se connecter');
  });
});
