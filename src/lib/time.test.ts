import { describe, expect, it, vi } from 'vitest';
import {
  formatAbsolute,
  warmUpDateFormat,
  formatDuration,
  formatRelative,
  parseTimeZoneChoice,
  sharedTimeZone,
} from './time.ts';

describe('formatAbsolute', () => {
  it('formats UTC with the zone name', () => {
    expect(formatAbsolute('2026-11-24T14:03:05Z', 'utc')).toBe('24 Nov 2026, 14:03:05 UTC');
  });

  it('converts an offset timestamp to UTC', () => {
    expect(formatAbsolute('2014-03-25T11:15:11-05:00', 'utc')).toBe('25 Mar 2014, 16:15:11 UTC');
  });

  it('uses the given local zone and its short name, across a DST change', () => {
    const options = { localTimeZone: 'Europe/Amsterdam' };
    expect(formatAbsolute('2026-11-24T14:03:05Z', 'local', options)).toBe(
      '24 Nov 2026, 15:03:05 CET',
    );
    expect(formatAbsolute('2026-07-01T14:03:05Z', 'local', options)).toBe(
      '1 Jul 2026, 16:03:05 CEST',
    );
  });

  it('ignores the local zone when UTC is chosen', () => {
    expect(formatAbsolute('2026-07-01T00:00:00Z', 'utc', { localTimeZone: 'Asia/Tokyo' })).toBe(
      '1 Jul 2026, 00:00:00 UTC',
    );
  });

  it('shows a named zone (from a shared link) whatever the local one is', () => {
    expect(
      formatAbsolute('2026-07-01T00:00:00Z', 'Asia/Tokyo', { localTimeZone: 'Europe/Amsterdam' }),
    ).toBe('1 Jul 2026, 09:00:00 GMT+9');
  });

  it('uses a 24-hour clock at midnight', () => {
    expect(formatAbsolute('2026-01-01T00:00:00.000Z', 'utc')).toBe('1 Jan 2026, 00:00:00 UTC');
  });

  it('honours another locale', () => {
    expect(formatAbsolute('2026-11-24T14:03:05Z', 'utc', { locale: 'en-US' })).toMatch(/Nov 24/);
  });

  it.each(['', 'not a date', '2026-13-45T99:00:00Z'])('returns %j verbatim', (value) => {
    expect(formatAbsolute(value, 'utc')).toBe(value);
  });
});

describe('formatRelative', () => {
  const now = new Date('2026-11-24T12:00:00Z');
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();
  const s = 1000;
  const min = 60 * s;
  const h = 60 * min;
  const d = 24 * h;

  it.each([
    [0, 'just now'],
    [-9 * s, 'just now'],
    [9 * s, 'just now'],
    [-10 * s, '10 seconds ago'],
    [-45 * s, '45 seconds ago'],
    [-59.6 * s, '1 minute ago'],
    [-3 * min, '3 minutes ago'],
    [-59.5 * min, '1 hour ago'],
    [-3 * h, '3 hours ago'],
    [-(3 * h + 29 * min), '3 hours ago'],
    [-(3 * h + 31 * min), '4 hours ago'],
    [-30 * h, '1 day ago'],
    [2 * d, 'in 2 days'],
    [-6 * d, '6 days ago'],
    [-14 * d, '2 weeks ago'],
    [-45 * d, '1 month ago'],
    [-200 * d, '7 months ago'],
    [-360 * d, '1 year ago'],
    [3 * 365 * d, 'in 3 years'],
  ])('%d ms → %s', (offset, expected) => {
    expect(formatRelative(at(offset), now)).toBe(expected);
  });

  it('returns an empty string for text that is not a date', () => {
    expect(formatRelative('yesterday-ish', now)).toBe('');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [-0, '0 s'],
    [400, '< 1 s'],
    [600, '1 s'],
    [45_000, '45 s'],
    [59_499, '59 s'],
    [59_500, '1 min'],
    [3 * 60_000, '3 min'],
    [3 * 60_000 + 29_000, '3 min'],
    [3 * 60_000 + 31_000, '4 min'],
    [59 * 60_000 + 40_000, '1 h'],
    [2 * 3_600_000 + 5 * 60_000, '2 h 5 min'],
    [23 * 3_600_000 + 59 * 60_000 + 40_000, '1 day'],
    [24 * 3_600_000, '1 day'],
    [3 * 86_400_000 + 4 * 3_600_000, '3 days 4 h'],
    [3 * 86_400_000 + 4 * 3_600_000 + 20 * 60_000, '3 days 4 h'],
    [29 * 86_400_000 + 23 * 3_600_000, '29 days 23 h'],
    [31 * 86_400_000, '1 month 1 day'],
    [45 * 86_400_000, '1 month 15 days'],
    [60 * 86_400_000, '2 months'],
    [200 * 86_400_000, '6 months 17 days'],
    [365 * 86_400_000, '1 year'],
    [(365 + 100) * 86_400_000, '1 year 3 months'],
    [729 * 86_400_000, '2 years'],
    [4629 * 86_400_000 + 4 * 3_600_000, '12 years'],
    [-45_000, '-45 s'],
    [-(2 * 3_600_000 + 5 * 60_000), '-2 h 5 min'],
    [-300, '< 1 s'],
    [Number.NaN, ''],
    [Number.POSITIVE_INFINITY, ''],
  ])('%d ms → %j', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

describe('parseTimeZoneChoice', () => {
  it.each([
    ['utc', 'utc'],
    ['UTC', 'utc'],
    [' local ', 'local'],
    ['Local', 'local'],
    ['', undefined],
    ['Europe/Amsterdam', 'Europe/Amsterdam'],
    [' asia/tokyo ', 'Asia/Tokyo'],
    ['Etc/UTC', 'utc'],
    ['Mars/Olympus_Mons', undefined],
    ['<script>', undefined],
    [null, undefined],
  ])('%j → %j', (value, expected) => {
    expect(parseTimeZoneChoice(value)).toBe(expected);
  });
});

describe('sharedTimeZone', () => {
  it('names the sender’s own zone in place of local, so the reader sees the same times', () => {
    expect(sharedTimeZone('local', 'Europe/Amsterdam')).toBe('Europe/Amsterdam');
    expect(sharedTimeZone('local', 'Etc/UTC')).toBe('utc');
    expect(sharedTimeZone('local', undefined)).toBe('utc');
    expect(sharedTimeZone('utc', 'Europe/Amsterdam')).toBe('utc');
    expect(sharedTimeZone('Asia/Tokyo', 'Europe/Amsterdam')).toBe('Asia/Tokyo');
  });
});

describe('warmUpDateFormat', () => {
  it('makes the formatter in idle time, not at once', () => {
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (callback: () => void) => idle.push(callback));
    const Real = Intl.DateTimeFormat;
    const format = vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(function (
      ...args: ConstructorParameters<typeof Real>
    ) {
      return new Real(...args);
    });
    try {
      warmUpDateFormat('Pacific/Chatham');
      expect(format).not.toHaveBeenCalled();
      expect(idle).toHaveLength(1);
      idle[0]!();
      expect(format).toHaveBeenCalledWith(
        'en-GB',
        expect.objectContaining({ timeZone: 'Pacific/Chatham' }),
      );
    } finally {
      format.mockRestore();
      vi.unstubAllGlobals();
    }
  });
});
