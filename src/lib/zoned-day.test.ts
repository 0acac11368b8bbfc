import { describe, expect, it } from 'vitest';
import { addDays, dayOf, resolveZone, startOfDay, toIso } from './zoned-day.ts';

describe('startOfDay', () => {
  it('is midnight UTC in UTC', () => {
    expect(startOfDay('2026-11-01', 'UTC')).toBe('2026-11-01T00:00:00Z');
  });

  it('is the previous evening in UTC for a zone east of it, with its DST offset', () => {
    expect(startOfDay('2026-11-01', 'Europe/Amsterdam')).toBe('2026-10-31T23:00:00Z');
    expect(startOfDay('2026-07-01', 'Europe/Amsterdam')).toBe('2026-06-30T22:00:00Z');
    // The day DST ends in Amsterdam (25 Oct 2026) still starts at CEST midnight.
    expect(startOfDay('2026-10-25', 'Europe/Amsterdam')).toBe('2026-10-24T22:00:00Z');
  });

  it('is later in UTC for a zone west of it, and handles half-hour zones', () => {
    expect(startOfDay('2026-11-01', 'America/New_York')).toBe('2026-11-01T04:00:00Z');
    expect(startOfDay('2026-11-01', 'Asia/Kolkata')).toBe('2026-10-31T18:30:00Z');
  });

  it('refuses what is not a date', () => {
    expect(startOfDay('2026-11', 'UTC')).toBeUndefined();
    expect(startOfDay('yesterday', 'UTC')).toBeUndefined();
  });
});

describe('dayOf', () => {
  it('reads the wall-clock date in the zone', () => {
    expect(dayOf('2026-10-31T23:00:00Z', 'Europe/Amsterdam')).toBe('2026-11-01');
    expect(dayOf('2026-10-31T23:00:00Z', 'UTC')).toBe('2026-10-31');
    expect(dayOf('not a date', 'UTC')).toBeUndefined();
  });

  it('inverts startOfDay', () => {
    for (const zone of ['UTC', 'Europe/Amsterdam', 'America/New_York', 'Pacific/Kiritimati']) {
      for (const date of ['2026-01-01', '2026-03-29', '2026-10-25', '2026-12-31']) {
        expect(dayOf(startOfDay(date, zone)!, zone)).toBe(date);
      }
    }
  });
});

describe('helpers', () => {
  it('adds calendar days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('writes instants without zero milliseconds', () => {
    expect(toIso(Date.UTC(2026, 10, 1))).toBe('2026-11-01T00:00:00Z');
    expect(toIso(Date.UTC(2026, 10, 1, 0, 0, 0, 5))).toBe('2026-11-01T00:00:00.005Z');
  });

  it('resolves the choice to a zone', () => {
    expect(resolveZone('utc')).toBe('UTC');
    expect(resolveZone('local', 'Europe/Amsterdam')).toBe('Europe/Amsterdam');
    expect(resolveZone('Asia/Tokyo')).toBe('Asia/Tokyo');
  });
});
