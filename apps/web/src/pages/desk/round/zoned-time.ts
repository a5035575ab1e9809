// A deadline as people set it (a date, a time, a time zone) and as the api stores it (an instant in UTC).

/** The zone's offset from UTC at an instant, in milliseconds (Paris in winter: +3 600 000). */
export function zoneOffset(instant: Date, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

/**
 * The instant of a wall-clock time in a zone ("2027-03-01", "17:00", "Europe/Paris" -> 16:00 UTC), or null when
 * the date or time is not one. A time the zone skips (spring forward) is read with the offset before the change;
 * a time it repeats (fall back) is its first occurrence.
 */
export function zonedToUtc(date: string, time: string, zone: string): Date | null {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) return null;
  const [y, mo, da, h, mi] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return null;
  const wall = Date.UTC(y, mo - 1, da, h, mi);
  if (new Date(wall).getUTCDate() !== da) return null;
  try {
    // The offset an hour either side of the guess: the earlier reading wins where the zone repeats an hour.
    const candidates = [wall - zoneOffset(new Date(wall - 3_600_000 * 3), zone), wall - zoneOffset(new Date(wall + 3_600_000 * 3), zone)];
    const exact = candidates.filter((c) => c + zoneOffset(new Date(c), zone) === wall).sort((a, b) => a - b);
    return new Date(exact[0] ?? candidates[0]);
  } catch {
    return null;
  }
}

/** The wall-clock date and time of an instant in a zone: the form's fields for it. */
export function utcToZoned(instant: Date, zone: string): { date: string; time: string } {
  const local = new Date(instant.getTime() + zoneOffset(instant, zone));
  const iso = local.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** Every zone the browser knows, the given one (the reader's) included, and UTC. */
export function timeZones(own: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', own, ...known])].sort((a, b) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)));
}
