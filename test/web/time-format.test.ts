// How the client writes times and durations (apps/web/src/ui/time-format.ts: no DOM, so tested here).
import { formatDuration, twoZones } from '../../apps/web/src/ui/time-format';

describe('times in the web client', () => {
  it('shows an instant in the user’s zone and in UTC', () => {
    const instant = new Date('2026-03-29T00:30:00Z'); // the night Europe/Zurich moves to summer time
    expect(twoZones(instant, 'Europe/Zurich')).toEqual({
      local: 'Sun, 29 Mar 2026, 01:30',
      zone: 'Europe/Zurich',
      utc: 'Sun, 29 Mar 2026, 00:30',
      same: false,
    });
    expect(twoZones(new Date('2026-03-29T01:30:00Z'), 'Europe/Zurich').local).toBe('Sun, 29 Mar 2026, 03:30');
    // Across the date line the day differs too.
    expect(twoZones(new Date('2026-11-27T21:30:00Z'), 'Pacific/Auckland').local).toBe('Sat, 28 Nov 2026, 10:30');
    expect(twoZones(instant, 'UTC').same).toBe(true);
  });

  it('writes countdowns with their two largest units', () => {
    const s = 1000;
    const m = 60 * s;
    const h = 60 * m;
    const d = 24 * h;
    expect(formatDuration(2 * d + 3 * h + 4 * m)).toBe('2 days 3 hours');
    expect(formatDuration(d + 5 * m)).toBe('1 day');
    expect(formatDuration(h + 59 * s)).toBe('1 hour');
    expect(formatDuration(5 * h + m + 30 * s)).toBe('5 hours 1 minute');
    expect(formatDuration(12 * m + 5 * s + 999)).toBe('12 minutes 5 seconds');
    expect(formatDuration(40 * s + 500)).toBe('40 seconds');
    expect(formatDuration(999)).toBe('0 seconds');
    expect(formatDuration(-5 * s)).toBe('0 seconds');
  });

  it('writes them the way French and Spanish readers do, in the same zones', () => {
    const instant = new Date('2026-03-29T00:30:00Z');
    expect(twoZones(instant, 'Europe/Zurich', 'fr-FR')).toEqual({
      local: 'dim. 29 mars 2026, 01:30',
      zone: 'Europe/Zurich',
      utc: 'dim. 29 mars 2026, 00:30',
      same: false,
    });
    expect(twoZones(instant, 'Europe/Madrid', 'es-ES').local).toBe('dom, 29 mar 2026, 01:30');
    const h = 3_600_000;
    // French puts a no-break space between some numbers and units (as ICU's data has it): compared as spaces.
    const spaced = (text: string) => text.replace(/\s/g, ' ');
    expect(spaced(formatDuration(2 * 24 * h + h, 'fr-FR'))).toBe('2 jours 1 heure');
    expect(spaced(formatDuration(90_000, 'fr-FR'))).toBe('1 minute 30 secondes');
    expect(formatDuration(2 * 24 * h + h, 'es-ES')).toBe('2 días 1 hora');
  });
});
