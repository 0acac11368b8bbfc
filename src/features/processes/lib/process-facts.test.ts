import { describe, expect, it } from 'vitest';
import type { Process } from '../../../api/rtr-schemas.ts';
import {
  domainOf,
  findDeviations,
  processDurations,
  splitUser,
  summariseProcessError,
} from './process-facts.ts';

const base: Process = {
  id: 1,
  user: 'johndoe/died',
  customer: 'johndoe',
  status: 'RUNNING',
  createdDate: '2026-11-01T10:00:00Z',
  startedDate: '2026-11-01T10:02:00Z',
  updatedDate: '2026-11-01T10:05:00Z',
  type: 'domain',
  identifier: 'Example.com',
  action: 'incomingTransfer',
  command: {},
};

describe('process facts', () => {
  it('splits the user into customer handle and login', () => {
    expect(splitUser('johndoe/died')).toEqual({ customerHandle: 'johndoe', login: 'died' });
    expect(splitUser('a/b/c')).toEqual({ customerHandle: 'a', login: 'b/c' });
    expect(splitUser('nologin')).toEqual({ login: 'nologin' });
    expect(splitUser(undefined)).toEqual({});
  });

  it('lists deviations from the documentation', () => {
    expect(findDeviations(base)).toEqual([]);
    const odd = { ...base, status: 'PAUSED', customer: undefined, surprise: 1 } as Process;
    expect(findDeviations(odd)).toEqual([
      'Status "PAUSED" is not one of the documented statuses.',
      '"customer" is documented as required but is missing.',
      'Undocumented field: surprise.',
    ]);
  });

  it('reads type and message from an error of any shape', () => {
    expect(summariseProcessError({ type: 'X', message: 'y', extra: 1 })).toEqual({
      type: 'X',
      message: 'y',
    });
    expect(summariseProcessError('plain')).toEqual({ message: 'plain' });
    expect(summariseProcessError([1])).toEqual({ type: undefined, message: undefined });
    expect(summariseProcessError(null)).toEqual({});
  });

  it('finds the domain of domain processes only', () => {
    expect(domainOf(base)).toBe('example.com');
    expect(domainOf({ ...base, type: 'contact' })).toBeUndefined();
    expect(domainOf({ ...base, identifier: 'not a domain' })).toBeUndefined();
  });

  it('measures queue time, running time and time to finish', () => {
    const now = new Date('2026-11-01T11:02:00Z');
    expect(processDurations(base, true, now)).toEqual({
      queued: 120_000,
      runningFor: 3_600_000,
      finishedAfter: undefined,
    });
    expect(processDurations(base, false, now)).toEqual({
      queued: 120_000,
      runningFor: undefined,
      finishedAfter: 180_000,
    });
    const noStart = { ...base, startedDate: undefined, updatedDate: undefined };
    expect(processDurations(noStart, false, now)).toEqual({});
  });
});
