import { describe, expect, it } from 'vitest';
import { timeZones, utcToZoned, zonedToUtc } from './zoned-time';

describe('zonedToUtc', () => {
  it('reads a wall-clock time in its zone', () => {
    expect(zonedToUtc('2027-03-01', '17:00', 'Europe/Paris')?.toISOString()).toBe('2027-03-01T16:00:00.000Z');
    expect(zonedToUtc('2027-07-01', '17:00', 'Europe/Paris')?.toISOString()).toBe('2027-07-01T15:00:00.000Z');
    expect(zonedToUtc('2027-07-01', '09:30', 'America/Bogota')?.toISOString()).toBe('2027-07-01T14:30:00.000Z');
    expect(zonedToUtc('2027-07-01', '09:30', 'Asia/Kolkata')?.toISOString()).toBe('2027-07-01T04:00:00.000Z');
    expect(zonedToUtc('2027-07-01', '00:00', 'UTC')?.toISOString()).toBe('2027-07-01T00:00:00.000Z');
  });

  it('takes a time the zone skips with the offset before it, and the first of a repeated one', () => {
    // Paris springs forward at 02:00 on 28 March 2027 and falls back at 03:00 on 31 October 2027.
    expect(zonedToUtc('2027-03-28', '02:30', 'Europe/Paris')?.toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(zonedToUtc('2027-10-31', '02:30', 'Europe/Paris')?.toISOString()).toBe('2027-10-31T00:30:00.000Z');
  });

  it('refuses what is not a date, a time or a zone', () => {
    expect(zonedToUtc('2027-02-30', '10:00', 'UTC')).toBeNull();
    expect(zonedToUtc('', '10:00', 'UTC')).toBeNull();
    expect(zonedToUtc('2027-02-01', '25:00', 'UTC')).toBeNull();
    expect(zonedToUtc('2027-02-01', '10:00', 'Nowhere/Atlantis')).toBeNull();
  });
});

describe('utcToZoned and timeZones', () => {
  it('gives back the fields of an instant, and lists UTC first with the reader’s zone', () => {
    expect(utcToZoned(new Date('2027-03-01T16:00:00Z'), 'Europe/Paris')).toEqual({ date: '2027-03-01', time: '17:00' });
    const zones = timeZones('Europe/Paris');
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('Europe/Paris');
    expect(new Set(zones).size).toBe(zones.length);
  });
});
