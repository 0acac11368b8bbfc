// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createClock } from './clock.ts';

describe('createClock', () => {
  it('starts at the epoch and runs scale times as fast as real time', () => {
    let real = 5_000;
    const epoch = new Date('2026-11-01T00:00:00Z');
    const clock = createClock({ epoch, scale: 60, realNow: () => real });
    expect(clock.now()).toEqual(epoch);
    expect(clock.epoch).toEqual(epoch);
    real += 1_500;
    expect(clock.now().toISOString()).toBe('2026-11-01T00:01:30.000Z');
  });

  it('defaults to the real start time and real speed', () => {
    let real = Date.parse('2030-01-01T00:00:00Z');
    const clock = createClock({ realNow: () => real });
    expect(clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    real += 250;
    expect(clock.now().toISOString()).toBe('2030-01-01T00:00:00.250Z');
  });

  it('follows Date.now without options', () => {
    const before = Date.now();
    const now = createClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it.each([0, -1, Number.NaN, Infinity])('rejects scale %s', (scale) => {
    expect(() => createClock({ scale })).toThrow(RangeError);
  });

  it('rejects an invalid epoch', () => {
    expect(() => createClock({ epoch: new Date('nope') })).toThrow(RangeError);
  });
});
