// Pure helpers of the paper: user values made inert in Markdown, and dates written out in UTC.

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

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const parts = (d: Date) => {
  const [day, month, year] = DAY.format(d).split(' ');
  return { day, month, year };
};

/** "3 March 2027" (UTC, whatever the server's zone). */
export function formatDate(d: Date): string {
  return DAY.format(d);
}

/** "16–26 March 2027", "28 February – 5 March 2027", "30 December 2026 – 2 January 2027"; one day: "3 March 2027". */
export function formatDateRange(from: Date, to: Date): string {
  const a = parts(from);
  const b = parts(to);
  if (a.year !== b.year) return `${formatDate(from)} – ${formatDate(to)}`;
  if (a.month !== b.month) return `${a.day} ${a.month} – ${formatDate(to)}`;
  if (a.day !== b.day) return `${a.day}–${formatDate(to)}`;
  return formatDate(from);
}

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 294th ... */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** "a", "a and b", "a, b and c". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
