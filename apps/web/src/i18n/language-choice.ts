// The reader's language, and the one place that decides it. Before sign-in: the choice kept in this browser,
// else the browser's languages, else English. The switch in the header calls chooseLanguage; a signed-in
// user's choice is kept on the server too (User.language), and the server's is adopted at sign-in and when a
// session is restored.
import { useSyncExternalStore } from 'react';
import { applyLanguage, i18n, isLoaded, loadLanguage } from './i18n';
import { code, fromBrowser, isLanguage, LANGUAGES, LOCALES, type Language } from './languages';

export const LANGUAGE_KEY = 'tripartite.language';

function readStored(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null;
  }
}

function remember(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // storage refused (private mode): the choice lasts until the tab closes
  }
  keepInCookie(language);
}

/**
 * The choice, mirrored in a cookie for the api: it names the language's chunk in its answer for the next page
 * (a Link header), so that the words come beside the main bundle instead of after it.
 */
function keepInCookie(language: Language): void {
  document.cookie = `${LANGUAGE_KEY}=${language}; Path=/; Max-Age=31536000; SameSite=Lax${location.protocol === 'https:' ? '; Secure' : ''}`;
}

/** What the page starts in: the stored choice, else the first of the browser's languages that is ours, else EN. */
export function initialLanguage(stored: string | null = readStored(), browser: readonly string[] = navigator.languages ?? []): Language {
  if (isLanguage(stored)) return stored;
  return fromBrowser(browser) ?? 'EN';
}

let current: Language = 'EN';
/** The language last asked for: shown once its words are here, unless another was asked for meanwhile. */
let wanted: Language = 'EN';
const listeners = new Set<() => void>();

function show(language: Language): void {
  current = language;
  applyLanguage(language);
  document.documentElement.lang = code(language);
  for (const listener of listeners) listener();
}

/**
 * Shows `language`: at once when its words are here, else once its chunk has arrived.
 * Resolves when it is shown, or when it never will be (a later choice won, or the chunk could not be fetched:
 * the page stays in the language it was in).
 */
function apply(language: Language): Promise<void> {
  wanted = language;
  if (isLoaded(language)) {
    show(language);
    return Promise.resolve();
  }
  return loadLanguage(language).then(
    () => {
      if (wanted === language) show(language);
    },
    () => {
      if (wanted === language) wanted = current;
    },
  );
}

/**
 * Starts the page in its language (main.tsx, before the first render: it renders when this resolves). Should its
 * words not come (offline), English is tried, then the page renders anyway.
 */
export function startLanguage(): Promise<void> {
  const stored = readStored();
  if (isLanguage(stored)) keepInCookie(stored);
  // Another tab switched: follow it.
  window.addEventListener('storage', (event) => {
    if (event.key === LANGUAGE_KEY && isLanguage(event.newValue) && event.newValue !== wanted) void apply(event.newValue);
  });
  return apply(initialLanguage(stored)).then(() => (isLoaded(current) ? undefined : apply('EN')));
}

/** Fetches the other languages' words ahead of a choice (the switch has the focus): choosing then shows at once. */
export function prepareLanguages(): void {
  for (const language of LANGUAGES) void loadLanguage(language).catch(() => undefined);
}

/**
 * The reader picked a language with the switch: shown as soon as its words are here (resolves then), remembered
 * here, and on the server when signed in.
 */
export function chooseLanguage(language: Language): Promise<void> {
  remember(language);
  const shown = apply(language);
  saveToServer(language);
  return shown;
}

/** The signed-in user's language as the server keeps it: it wins over this browser's choice. */
export function adoptUserLanguage(language: Language): Promise<void> {
  // Stored only when it changes what the page shows: nothing is left in this browser for a user in its default.
  if (language === wanted) return Promise.resolve();
  remember(language);
  return apply(language);
}

type Saver = (language: Language) => Promise<unknown>;
let saver: Saver | null = null;

/** How a choice reaches the server: set by the signed-in session's GraphQL client (null when signed out). */
export function setLanguageSaver(next: Saver | null): void {
  saver = next;
}

let saving: Promise<unknown> = Promise.resolve();

function saveToServer(language: Language): void {
  const save = saver;
  if (!save) return;
  // One at a time, in order: the server keeps the last choice. Refused or unreachable: the choice stays in this
  // browser, and the next sign-in takes the server's.
  saving = saving.then(() => save(language)).catch(() => undefined);
}

export function currentLanguage(): Language {
  return current;
}

/** The locale of dates and numbers ("fr-FR"). */
export function currentLocale(): string {
  return LOCALES[current];
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current language (re-renders when it changes). */
export function useLanguage(): Language {
  return useSyncExternalStore(subscribe, currentLanguage);
}

/** The locale for Intl in a component. */
export function useLocale(): string {
  return LOCALES[useLanguage()];
}

export { i18n };
