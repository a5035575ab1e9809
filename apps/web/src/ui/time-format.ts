// Times for people: in their own time zone and in UTC, side by side (the api speaks UTC).

const LOCALE = 'en-GB';

export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(LOCALE, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
}

/** "Fri, 27 Nov 2026, 22:30" in the given zone. */
export function formatIn(instant: Date, timeZone: string): string {
  return formatter(timeZone).format(instant);
}

export interface TwoZones {
  local: string;
  zone: string;
  utc: string;
  /** The user's zone is UTC: one reading is enough. */
  same: boolean;
}

export function twoZones(instant: Date, zone = userTimeZone()): TwoZones {
  const local = formatIn(instant, zone);
  const utc = formatIn(instant, 'UTC');
  return { local, zone, utc, same: local === utc };
}

const UNITS: [number, string][] = [
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
  [1000, 'second'],
];

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** "2 days 3 hours", "5 minutes 12 seconds", "40 seconds": the two largest units. */
export function formatDuration(ms: number): string {
  let rest = Math.max(0, Math.floor(ms / 1000) * 1000);
  const parts: string[] = [];
  for (const [size, unit] of UNITS) {
    if (parts.length === 2) break;
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || parts.length > 0) parts.push(plural(n, unit));
  }
  const shown = parts.filter((p) => !p.startsWith('0 '));
  return shown.length ? shown.join(' ') : '0 seconds';
}
