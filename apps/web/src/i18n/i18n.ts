// The client's i18next instance. Each language's words are loaded when first needed (loadLanguage, before the
// language is applied: the first render waits for the reader's, and no page shows a half-loaded language). Pages use
// useTranslation(); plain modules (errors, labels) use `i18n.t` and are called from components that re-render
// on a language change.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { AREAS, type Area } from './areas';
import { loadResource } from './resources';
import { LANGUAGES, type Language, code } from './languages';

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: {},
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: LANGUAGES.map(code),
  // React escapes what it renders: escaping here would show "&amp;".
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

const loading = new Map<Language, Promise<void>>();
// Not hasResourceBundle: an area's words may arrive before the language's own.
const loaded = new Set<Language>();

/** Whether a language's words are here. */
export function isLoaded(language: Language): boolean {
  return loaded.has(language);
}

/** Fetches a language's words once; a failed fetch (offline) may be tried again. */
export function loadLanguage(language: Language): Promise<void> {
  if (isLoaded(language)) return Promise.resolve();
  let pending = loading.get(language);
  if (!pending) {
    pending = loadResource(language).then((words) => {
      i18n.addResourceBundle(code(language), 'translation', words, true, true);
      loaded.add(language);
    });
    pending.catch(() => loading.delete(language));
    loading.set(language, pending);
  }
  return pending;
}

export function applyLanguage(language: Language): void {
  void i18n.changeLanguage(code(language));
}

const areasLoading = new Map<Area, Promise<void>>();

/** Fetches the words of these areas once, in the three languages (a page's words are small; a switch of language
 * on the page then needs no fetch); a failed fetch may be tried again. */
export function loadAreas(areas: readonly Area[]): Promise<void> {
  return Promise.all(
    areas.map((area) => {
      let pending = areasLoading.get(area);
      if (!pending) {
        pending = AREAS[area]().then((words) => {
          for (const language of LANGUAGES) i18n.addResourceBundle(code(language), 'translation', words[code(language) as 'en' | 'fr' | 'es'], true, true);
        });
        pending.catch(() => areasLoading.delete(area));
        areasLoading.set(area, pending);
      }
      return pending;
    }),
  ).then(() => undefined);
}

/** A lazy page's module, fetched with the words of its areas (for React.lazy). */
export function withAreas<T>(areas: readonly Area[], page: () => Promise<T>): Promise<T> {
  return Promise.all([page(), loadAreas(areas)]).then(([module]) => module);
}
