// The client's i18next instance: resources bundled (no loading step), English as the fallback. Pages use
// useTranslation(); plain modules (errors, labels) use `i18n.t` and are called from components that re-render
// on a language change.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from './resources';
import { LANGUAGES, type Language, code } from './languages';

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: LANGUAGES.map(code),
  // React escapes what it renders: escaping here would show "&amp;".
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export function applyLanguage(language: Language): void {
  void i18n.changeLanguage(code(language));
}
