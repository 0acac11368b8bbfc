// @vitest-environment node
import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { transferStatusChangedSchema } from '../src/contract/notifications.ts';
import {
  redactedTarget,
  transferStatusChangedEvent,
  webhookNotifier,
  webhookSignature,
  webhookUrlSecrets,
} from './webhook-notifier.ts';
import type { ConsoleKysely } from './database.ts';
import type { ObservedChange } from './transfer-history.ts';
import type { OutboxEntry } from './webhook-outbox.ts';

const change: ObservedChange = {
  accountNumber: 'acct12345',
  domainName: 'moving-1.com',
  from: { status: 3, description: 'WHOIS contact found' },
  to: {
    status: 7,
    description: 'Waiting for the owner',
    statusChangeDate: '2026-12-02T04:15:00-05:00',
  },
  source: 'watcher',
  observedAt: '2026-12-02T09:20:00.000Z',
};

describe('webhookSignature', () => {
  it('is sha256= and the hex HMAC-SHA256 of the raw body, as a receiver computes it', () => {
    const body = JSON.stringify({ event: 'transfer.status_changed', text: 'é → ✓' });
    const secret = 'webhook-secret-0123';
    const signature = webhookSignature(secret, body);
    // Independently, as the README tells a receiver to: over the raw bytes.
    const expected = `sha256=${createHmac('sha256', Buffer.from(secret)).update(Buffer.from(body, 'utf8')).digest('hex')}`;
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(timingSafeEqual(Buffer.from(signature), Buffer.from(expected))).toBe(true);
    // Another secret or one changed byte gives another signature.
    expect(webhookSignature('webhook-secret-0124', body)).not.toBe(signature);
    expect(webhookSignature(secret, `${body} `)).not.toBe(signature);
    // A known vector (RFC 4231 test case 2).
    expect(webhookSignature('Jefe', 'what do ya want for nothing?')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});

describe('transferStatusChangedEvent', () => {
  it('has exactly the fields of the issue, and parses with the contract', () => {
    const event = transferStatusChangedEvent(change, {
      id: 'evt-1',
      consoleUrl: 'https://console.example.com',
    });
    expect(transferStatusChangedSchema.parse(event)).toEqual(event);
    expect(Object.keys(event)).toEqual([
      'event',
      'id',
      'occurredAt',
      'accountNumber',
      'domainName',
      'from',
      'to',
      'phase',
      'url',
      'text',
    ]);
    expect(event).toEqual({
      event: 'transfer.status_changed',
      id: 'evt-1',
      occurredAt: '2026-12-02T09:15:00.000Z',
      accountNumber: 'acct12345',
      domainName: 'moving-1.com',
      from: { code: 3, name: 'WHOIS_OK' },
      to: { code: 7, name: 'CONFIRM_PEND', description: 'Waiting for the owner' },
      phase: 'approval',
      url: 'https://console.example.com/transfers/acct12345/moving-1.com',
      text: 'Transfer of moving-1.com (account acct12345): WHOIS_OK → CONFIRM_PEND (approval): Waiting for the owner. https://console.example.com/transfers/acct12345/moving-1.com',
    });
  });

  it('says from: null for the first status ever seen, and uses the observation time without a change date', () => {
    const event = transferStatusChangedEvent(
      { ...change, from: null, to: { status: 99, description: 'Odd\r\nline' } },
      { id: 'evt-2', consoleUrl: 'http://127.0.0.1:8080' },
    );
    expect(transferStatusChangedSchema.parse(event).from).toBeNull();
    expect(event.occurredAt).toBe(change.observedAt);
    expect(event.to).toEqual({ code: 99, name: 'UNKNOWN_99', description: 'Odd\r\nline' });
    expect(event.phase).toBe('unknown');
    expect(event.text).toBe(
      'Transfer of moving-1.com (account acct12345): first seen as UNKNOWN_99 (unknown): Odd line. http://127.0.0.1:8080/transfers/acct12345/moving-1.com',
    );
    expect(event.text).not.toMatch(/[\r\n]/);
  });

  it('names code 2 by its description', () => {
    const cancel = { ...change, to: { status: 2, description: 'Transfer cancelled' } };
    const plain = { ...change, to: { status: 2, description: 'WHOIS failed' } };
    const id = { id: 'x', consoleUrl: 'http://c' };
    expect(transferStatusChangedEvent(cancel, id).to.name).toBe('WHOIS_CANCEL');
    expect(transferStatusChangedEvent(plain, id).to.name).toBe('WHOIS_MANUAL/WHOIS_CANCEL');
  });
});

describe('webhookNotifier', () => {
  it('adds one row per address with the same id and body, with the transaction it is given', async () => {
    const added: OutboxEntry[] = [];
    const given: unknown[] = [];
    const trx = { name: 'the observation’s transaction' } as unknown as ConsoleKysely;
    const notify = webhookNotifier({
      urls: ['http://a.example/hook', 'https://b.example/'],
      consoleUrl: () => 'http://console',
      outbox: {
        add: (t, entries) => {
          given.push(t);
          added.push(...entries);
          return Promise.resolve();
        },
      },
      newId: () => 'evt-42',
    });
    await notify(change, trx);
    expect(added.map((e) => [e.eventId, e.targetUrl])).toEqual([
      ['evt-42', 'http://a.example/hook'],
      ['evt-42', 'https://b.example/'],
    ]);
    expect(added[0]?.body).toBe(added[1]?.body);
    expect(JSON.parse(added[0]?.body ?? '')).toMatchObject({
      id: 'evt-42',
      url: 'http://console/transfers/acct12345/moving-1.com',
    });
    // One add, in the observation's own transaction (the rows commit or roll back with it).
    expect(given).toEqual([trx]);
    expect(given[0]).toBe(trx);
  });

  it('waits for the rows to be written, and fails when they cannot be', async () => {
    let done = false;
    const slow = webhookNotifier({
      urls: ['http://a.example/hook'],
      consoleUrl: () => 'http://console',
      outbox: {
        add: async () => {
          await new Promise((resolve) => setTimeout(resolve, 10));
          done = true;
        },
      },
    });
    await slow(change, {} as ConsoleKysely);
    expect(done).toBe(true);
    const failing = webhookNotifier({
      urls: ['http://a.example/hook'],
      consoleUrl: () => 'http://console',
      outbox: { add: () => Promise.reject(new Error('disk full')) },
    });
    await expect(failing(change, {} as ConsoleKysely)).rejects.toThrow('disk full');
  });

  it('writes nothing without addresses', async () => {
    let calls = 0;
    const notify = webhookNotifier({
      urls: [],
      consoleUrl: () => 'http://console',
      outbox: {
        add: () => {
          calls++;
          return Promise.resolve();
        },
      },
    });
    await notify(change, {} as ConsoleKysely);
    expect(calls).toBe(0);
  });
});

describe('redactedTarget and webhookUrlSecrets', () => {
  it('shows the origin and hides any path or query', () => {
    expect(redactedTarget('https://hooks.slack.com/services/T0/B0/XyZ')).toBe(
      'https://hooks.slack.com/…',
    );
    expect(redactedTarget('http://127.0.0.1:9999/hook')).toBe('http://127.0.0.1:9999/…');
    expect(redactedTarget('https://a.example/?token=abc')).toBe('https://a.example/…');
    expect(redactedTarget('https://a.example/')).toBe('https://a.example/');
  });

  it('lists the whole URLs and the long paths as secrets', () => {
    expect(
      webhookUrlSecrets([
        'https://hooks.slack.com/services/T0/B0/XyZ',
        'http://127.0.0.1:9999/hook',
      ]),
    ).toEqual([
      'https://hooks.slack.com/services/T0/B0/XyZ',
      '/services/T0/B0/XyZ',
      'http://127.0.0.1:9999/hook',
    ]);
  });
});
