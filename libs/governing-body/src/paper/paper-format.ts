// Pure helpers of the paper: user values made inert in Markdown, and dates and lists written out in the
// paper's language (dates in UTC).
import type { Language } from '@tripartite/domain';

const MARKDOWN_SPECIALS = /[\\`*_[\]<>|~&#]/g;

/**
 * A user's value as literal Markdown text on one line: whitespace collapsed, and every character that
 * could start emphasis, code, a link, raw HTML, an entity, a table cell or close a heading escaped, so a
 * title cannot format or restructure the paper.
 */
export function md(value: string): string {
  return value
    .replace(/\s+/g, ' ')
    .trim()
    .replace(MARKDOWN_SPECIALS, (c) => `\\${c}`);
}

/** md() for a value that starts a block: a leading "-", "+" or "1." must not open a list. */
export function mdBlock(value: string): string {
  return md(value)
    .replace(/^([+-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** The locale each language's dates and lists are written in. */
export const LOCALES: Readonly<Record<Language, string>> = { EN: 'en-GB', FR: 'fr-FR', ES: 'es-ES' };

const formats = <T>(make: (locale: string) => T): Record<Language, T> => ({ EN: make(LOCALES.EN), FR: make(LOCALES.FR), ES: make(LOCALES.ES) });
const FULL = formats((l) => new Intl.DateTimeFormat(l, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }));
const DAY_MONTH = formats((l) => new Intl.DateTimeFormat(l, { day: 'numeric', month: 'long', timeZone: 'UTC' }));
const LISTS = formats((l) => new Intl.ListFormat(l, { style: 'long', type: 'conjunction' }));

/** French writes the first of the month as an ordinal, "1er mars", which Intl does not. */
const firstOfMonth = (d: Date, language: Language, text: string) => (language === 'FR' && d.getUTCDate() === 1 ? text.replace(/^1(?!\d)/, '1er') : text);

/** "3 March 2027", "3 mars 2027" ("1er mars 2027"), "3 de marzo de 2027" (UTC, whatever the server's zone). */
export function formatDate(d: Date, language: Language = 'EN'): string {
  return firstOfMonth(d, language, FULL[language].format(d));
}

/**
 * "16–26 March 2027", "28 February – 5 March 2027", "30 December 2026 – 2 January 2027"; one day: "3 March 2027".
 * Not Intl's formatRange: its spacing changes with the ICU version, and the paper must read the same.
 */
export function formatDateRange(from: Date, to: Date, language: Language = 'EN'): string {
  const sameYear = from.getUTCFullYear() === to.getUTCFullYear();
  const sameMonth = sameYear && from.getUTCMonth() === to.getUTCMonth();
  if (!sameYear) return `${formatDate(from, language)} – ${formatDate(to, language)}`;
  if (!sameMonth) return `${firstOfMonth(from, language, DAY_MONTH[language].format(from))} – ${formatDate(to, language)}`;
  if (from.getUTCDate() !== to.getUTCDate()) return `${firstOfMonth(from, language, String(from.getUTCDate()))}–${formatDate(to, language)}`;
  return formatDate(from, language);
}

/** "a", "a and b", "a, b and c" ("a, b et c", "a, b y c"). */
export function listOf(items: readonly string[], language: Language = 'EN'): string {
  return LISTS[language].format(items);
}
