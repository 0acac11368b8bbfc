import { describe, expect, it } from 'vitest';
import { transferHistorySchema } from './transfer-history.ts';

const observation = {
  status: 7,
  description: 'Auto verification of transfer request initiated',
  emailAddress: 'joshbond@usa.net',
  statusChangeDate: '2014-03-25T11:15:11-05:00',
  firstSeenAt: '2026-11-24T05:00:00.000Z',
  lastSeenAt: '2026-11-24T06:00:00.000Z',
  seenCount: 4,
  source: 'lookup',
};

describe('transferHistorySchema', () => {
  it('accepts the server body, with or without the optional fields', () => {
    const { emailAddress: _e, statusChangeDate: _s, ...bare } = observation;
    const body = {
      accountNumber: 'acct12345',
      domainName: 'test.com',
      observations: [observation, bare, { ...bare, emailAddress: null, extra: true }],
    };
    expect(transferHistorySchema.parse(body)).toEqual(body);
  });

  it('accepts an empty history and unknown sources and codes', () => {
    expect(
      transferHistorySchema.safeParse({
        accountNumber: 'a',
        domainName: 'b.com',
        observations: [{ ...observation, status: 42, source: 'import' }],
      }).success,
    ).toBe(true);
  });

  it.each([
    ['a date without offset', { statusChangeDate: '2014-03-25T11:15:11' }],
    ['a non-integer count', { seenCount: 1.5 }],
    ['a missing first sighting', { firstSeenAt: undefined }],
  ])('refuses %s', (_, change) => {
    const body = {
      accountNumber: 'a',
      domainName: 'b.com',
      observations: [{ ...observation, ...change }],
    };
    expect(transferHistorySchema.safeParse(body).success).toBe(false);
  });
});
