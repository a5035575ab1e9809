// Times for people: in their own time zone and in UTC, side by side (the api speaks UTC), written the way
// their language writes them (Intl: en-GB, fr-FR, es-ES). The locale changes the words, never the zone.

const DEFAULT_LOCALE = 'en-GB';

export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, locale: string): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone}`;
  const known = formatters.get(key);
  if (known) return known;
  const made = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  formatters.set(key, made);
  return made;
}

/** "Fri, 27 Nov 2026, 22:30" ("ven. 27 nov. 2026, 22:30", "vie, 27 nov 2026, 22:30") in the given zone. */
export function formatIn(instant: Date, timeZone: string, locale = DEFAULT_LOCALE): string {
  return formatter(timeZone, locale).format(instant);
}

export interface TwoZones {
  local: string;
  zone: string;
  utc: string;
  /** The user's zone is UTC: one reading is enough. */
  same: boolean;
}

export function twoZones(instant: Date, zone = userTimeZone(), locale = DEFAULT_LOCALE): TwoZones {
  const local = formatIn(instant, zone, locale);
  const utc = formatIn(instant, 'UTC', locale);
  return { local, zone, utc, same: local === utc };
}

const UNITS: [number, 'day' | 'hour' | 'minute' | 'second'][] = [
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
  [1000, 'second'],
];

/** "3 hours", "3 heures", "3 horas": Intl's own plural forms of the unit. */
const amount = (n: number, unit: string, locale: string) => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(n);

/** "2 days 3 hours", "5 minutes 12 seconds", "40 seconds": the two largest units. */
export function formatDuration(ms: number, locale = DEFAULT_LOCALE): string {
  let rest = Math.max(0, Math.floor(ms / 1000) * 1000);
  const parts: [number, string][] = [];
  for (const [size, unit] of UNITS) {
    if (parts.length === 2) break;
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || parts.length > 0) parts.push([n, unit]);
  }
  const shown = parts.filter(([n]) => n > 0);
  return shown.length ? shown.map(([n, unit]) => amount(n, unit, locale)).join(' ') : amount(0, 'second', locale);
}
