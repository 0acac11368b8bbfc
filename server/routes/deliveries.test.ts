// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { deliverySchema } from '../../src/contract/notifications.ts';
import { transferStatusChangedEvent } from '../webhook-notifier.ts';
import type { DeliveryRecord } from '../webhook-outbox.ts';
import { describeDelivery } from './deliveries.ts';

const body = JSON.stringify(
  transferStatusChangedEvent(
    {
      accountNumber: 'acct12345',
      domainName: 'moving-1.com',
      from: { status: 1, description: 'Checking' },
      to: { status: 3, description: 'Found' },
      source: 'lookup',
      observedAt: '2026-12-02T09:00:00.000Z',
    },
    { id: 'evt-1', consoleUrl: 'http://c' },
  ),
);
const record = (overrides: Partial<DeliveryRecord> = {}): DeliveryRecord => ({
  eventId: 'evt-1',
  targetUrl: 'https://hooks.slack.com/services/T0/B0/XyZ?token=abc',
  body,
  state: 'pending',
  attempts: 2,
  createdAt: '2026-12-02T09:00:00.000Z',
  lastAttemptAt: '2026-12-02T09:00:10.000Z',
  nextAttemptAt: '2026-12-02T09:00:30.000Z',
  deliveredAt: null,
  lastError: 'HTTP 500',
  ...overrides,
});

describe('describeDelivery', () => {
  it('shows the change, the address without its path and query, and the state', () => {
    const delivery = describeDelivery(record());
    expect(deliverySchema.parse(delivery)).toEqual(delivery);
    expect(delivery).toEqual({
      eventId: 'evt-1',
      accountNumber: 'acct12345',
      domainName: 'moving-1.com',
      from: { code: 1, name: 'WHOIS_PEND' },
      to: { code: 3, name: 'WHOIS_OK' },
      phase: 'eligibility',
      target: 'https://hooks.slack.com/…',
      state: 'pending',
      attempts: 2,
      createdAt: '2026-12-02T09:00:00.000Z',
      lastAttemptAt: '2026-12-02T09:00:10.000Z',
      nextAttemptAt: '2026-12-02T09:00:30.000Z',
      deliveredAt: null,
      lastError: 'HTTP 500',
    });
    expect(JSON.stringify(delivery)).not.toMatch(/XyZ|token/);
  });

  it('has no next attempt once finished, and leaves out a body it cannot read', () => {
    expect(describeDelivery(record({ state: 'failed' }))?.nextAttemptAt).toBeNull();
    expect(describeDelivery(record({ body: '{"event":"other"}' }))).toBeUndefined();
    expect(describeDelivery(record({ body: 'not json' }))).toBeUndefined();
  });
});
