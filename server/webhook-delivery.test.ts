// @vitest-environment node
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type ConsoleDatabase } from './database.ts';
import {
  createWebhookDelivery,
  DEFAULT_BACKOFF,
  nextAttemptAt,
  retryDelayMs,
  type WebhookDelivery,
} from './webhook-delivery.ts';
import { startTestReceiver, type TestReceiver } from './webhook-test-receiver.ts';
import { webhookOutbox, type WebhookOutbox } from './webhook-outbox.ts';

describe('the back-off schedule', () => {
  it('doubles from 10 s up to 1 h, each wait between half and all of it (equal jitter)', () => {
    const low = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => retryDelayMs(n, () => 0));
    const high = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => retryDelayMs(n, () => 1));
    expect(high).toEqual([
      10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000, 1_280_000, 2_560_000, 3_600_000,
    ]);
    expect(low).toEqual(high.map((ms) => ms / 2));
    expect(retryDelayMs(1000, () => 0.5)).toBe(2_700_000);
  });

  it('is never later than 24 h after the event, and none follows then', () => {
    const created = new Date('2026-12-02T00:00:00Z');
    const nearEnd = new Date(created.getTime() + DEFAULT_BACKOFF.giveUpAfterMs - 60_000);
    expect(nextAttemptAt(created, 30, nearEnd, { random: () => 1 })?.getTime()).toBe(
      created.getTime() + DEFAULT_BACKOFF.giveUpAfterMs,
    );
    const atEnd = new Date(created.getTime() + DEFAULT_BACKOFF.giveUpAfterMs);
    expect(nextAttemptAt(created, 31, atEnd)).toBeUndefined();
  });

  it('waits at least a Retry-After, at most an hour of it', () => {
    const created = new Date('2026-12-02T00:00:00Z');
    const wait = (retryAfterMs: number) =>
      nextAttemptAt(created, 1, created, { random: () => 0, retryAfterMs })!.getTime() -
      created.getTime();
    expect(wait(120_000)).toBe(120_000);
    expect(wait(1000)).toBe(5000);
    expect(wait(99 * 3_600_000)).toBe(3_600_000);
  });

  it('makes about 30 attempts in 24 h with the default policy', () => {
    const created = new Date('2026-12-02T00:00:00Z');
    let now = created;
    let attempts = 1;
    for (;;) {
      const next = nextAttemptAt(created, attempts, now, { random: () => 0.5 });
      if (!next) break;
      now = next;
      attempts++;
    }
    expect(attempts).toBeGreaterThan(25);
    expect(attempts).toBeLessThan(50);
    expect(now.getTime() - created.getTime()).toBe(DEFAULT_BACKOFF.giveUpAfterMs);
  });
});

describe('createWebhookDelivery', () => {
  const SECRET = 'webhook-secret-0123';
  const T0 = new Date('2026-12-02T09:00:00.000Z');
  let dir: string;
  let database: ConsoleDatabase;
  let outbox: WebhookOutbox;
  let receiver: TestReceiver;
  let delivery: WebhookDelivery | undefined;
  let clock: number;
  const logs: string[] = [];
  const outcomes: string[] = [];

  const add = (eventId: string, url = receiver.url) =>
    database.transaction((trx) =>
      outbox.add(trx, [
        {
          eventId,
          targetUrl: url,
          body: JSON.stringify({ event: 'transfer.status_changed', id: eventId, text: 'é' }),
          accountNumber: 'acct12345',
          domainName: 'moving-1.com',
          createdAt: new Date(clock).toISOString(),
        },
      ]),
    );
  const make = (options: { concurrency?: number; timeoutMs?: number } = {}) =>
    (delivery = createWebhookDelivery({
      outbox,
      secret: SECRET,
      logger: (line) => logs.push(line),
      onOutcome: (outcome) => outcomes.push(outcome),
      now: () => new Date(clock),
      random: () => 1,
      ...options,
    }));

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'console-delivery-'));
    database = await openDatabase(dir);
    outbox = webhookOutbox(database);
    receiver = await startTestReceiver();
    clock = T0.getTime();
    logs.length = 0;
    outcomes.length = 0;
  });
  afterEach(async () => {
    await receiver.stop();
    await delivery?.stop();
    delivery = undefined;
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('POSTs the stored body, signed, and records it delivered', async () => {
    await add('evt-1');
    await make().runOnce();
    expect(receiver.received).toHaveLength(1);
    const [hook] = receiver.received;
    expect(hook?.body.toString()).toBe(
      JSON.stringify({ event: 'transfer.status_changed', id: 'evt-1', text: 'é' }),
    );
    expect(hook?.headers['content-type']).toBe('application/json');
    expect(hook?.headers['x-console-delivery']).toBe('evt-1');
    expect(hook?.headers['x-console-signature']).toBe(
      `sha256=${createHmac('sha256', SECRET).update(hook!.body).digest('hex')}`,
    );
    expect(await outbox.counts()).toEqual({ pending: 0, delivered: 1, failed: 0 });
    expect(outcomes).toEqual(['delivered']);
    // Delivered once: another run sends nothing.
    await delivery!.runOnce();
    expect(receiver.received).toHaveLength(1);
  });

  it('sends no signature without a secret', async () => {
    await add('evt-1');
    delivery = createWebhookDelivery({ outbox, logger: () => {}, now: () => new Date(clock) });
    await delivery.runOnce();
    expect(receiver.received[0]?.headers['x-console-signature']).toBeUndefined();
  });

  it('retries a 503 and a receiver that is down, with the same id, after the back-off', async () => {
    receiver.status = 503;
    await add('evt-1');
    await make().runOnce();
    expect(receiver.received).toHaveLength(1);
    const [row] = await outbox.recent(1);
    expect(row).toMatchObject({ state: 'pending', attempts: 1, lastError: 'HTTP 503' });
    expect(row?.nextAttemptAt).toBe(new Date(clock + 10_000).toISOString());
    // Not due yet: nothing is sent.
    clock += 9_999;
    await delivery!.runOnce();
    expect(receiver.received).toHaveLength(1);
    // Down: refused connections are retried too (20 s later with random() = 1).
    await receiver.stop();
    clock += 1;
    await delivery!.runOnce();
    expect((await outbox.recent(1))[0]).toMatchObject({ attempts: 2, lastError: 'ECONNREFUSED' });
    await receiver.start();
    receiver.status = 204;
    clock += 20_000;
    await delivery!.runOnce();
    expect(receiver.received.map((r) => r.json.id)).toEqual(['evt-1', 'evt-1']);
    expect(receiver.received[1]?.headers['x-console-delivery']).toBe('evt-1');
    expect(await outbox.counts()).toEqual({ pending: 0, delivered: 1, failed: 0 });
    expect(outcomes).toEqual(['retry', 'retry', 'delivered']);
    expect(logs.join('\n')).toContain('http://127.0.0.1:');
    expect(logs.join('\n')).not.toContain('/hook');
  });

  it('gives up 24 h after the event and records it failed', async () => {
    receiver.status = 500;
    await add('evt-1');
    make();
    const created = clock;
    for (let i = 0; i < 100; i++) {
      await delivery!.runOnce();
      const [row] = await outbox.recent(1);
      if (row?.state !== 'pending') break;
      clock = Date.parse(row.nextAttemptAt ?? '');
    }
    const [row] = await outbox.recent(1);
    expect(row).toMatchObject({ state: 'failed', lastError: 'HTTP 500', nextAttemptAt: null });
    expect(Date.parse(row!.lastAttemptAt!)).toBe(created + 24 * 3_600_000);
    expect(receiver.received.length).toBe(row!.attempts);
    expect(new Set(receiver.received.map((r) => r.json.id))).toEqual(new Set(['evt-1']));
    expect(outcomes.at(-1)).toBe('failed');
    expect(logs.at(-1)).toMatch(/gave up after \d+ attempt\(s\) \(HTTP 500\)/);
  });

  it('cuts an attempt off after its timeout, and sends at most `concurrency` at once', async () => {
    receiver.hang = true;
    for (let i = 1; i <= 7; i++) await add(`evt-${i}`);
    make({ concurrency: 3, timeoutMs: 300 });
    const run = delivery!.runOnce();
    await receiver.waitFor(3);
    // While three hang, no fourth has started.
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.received).toHaveLength(3);
    await run;
    // Each attempt timed out; none is lost, each will be tried again.
    expect(receiver.received).toHaveLength(7);
    expect(await outbox.counts()).toEqual({ pending: 7, delivered: 0, failed: 0 });
    expect((await outbox.recent(1))[0]?.lastError).toBe('no answer within 300 ms');
  });

  it('does not send to an address no longer configured: it is recorded failed', async () => {
    await add('evt-1');
    await add('evt-2', `${receiver.url}-removed`);
    delivery = createWebhookDelivery({
      outbox,
      targets: [receiver.url],
      logger: (line) => logs.push(line),
      now: () => new Date(clock),
    });
    await delivery.runOnce();
    expect(receiver.received.map((r) => r.json.id)).toEqual(['evt-1']);
    expect((await outbox.recent(1))[0]).toMatchObject({
      eventId: 'evt-2',
      state: 'failed',
      lastError: 'the address is no longer in NOTIFY_WEBHOOK_URLS',
    });
  });

  it('does not follow a redirect: it is a failed attempt', async () => {
    receiver.status = 302;
    await add('evt-1');
    await make().runOnce();
    expect((await outbox.recent(1))[0]).toMatchObject({ state: 'pending', lastError: 'HTTP 302' });
  });

  it('after start, sends what was left, and what is queued when kicked; stop cuts attempts in flight and records them', async () => {
    await add('evt-1');
    // A lease left by a killed process is released at start.
    await outbox.claimDue(new Date(clock), 1, 3_600_000);
    const worker = make({ timeoutMs: 120_000 });
    await worker.start();
    await receiver.waitFor(1);
    await add('evt-2');
    worker.kick();
    await receiver.waitFor(2);
    receiver.hang = true;
    await add('evt-3');
    worker.kick();
    await receiver.waitFor(3);
    // The receiver holds evt-3: stop does not wait for it (no timeout in this test would end it
    // before the test's own), it cuts it off and records the attempt.
    await worker.stop();
    const states = (await outbox.recent(5)).map((r) => [r.eventId, r.state, r.lastError]);
    expect(states).toEqual([
      ['evt-3', 'pending', 'cut off: the console stopped'],
      ['evt-2', 'delivered', null],
      ['evt-1', 'delivered', null],
    ]);
    // Stopped: nothing more is sent.
    await add('evt-4');
    worker.kick();
    await worker.runOnce();
    expect(receiver.received).toHaveLength(3);
  });
});
