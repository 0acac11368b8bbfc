// @vitest-environment node
// The console as a whole, with its embedded sandbox on a clock the test moves by hand, and a
// real webhook receiver on loopback.
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  deliveriesPageSchema,
  transferStatusChangedSchema,
} from '../src/contract/notifications.ts';
import { HAPPY_PATH, LIFECYCLE_STEP_DURATION_MS } from '../sandbox/fixtures/transfers.ts';
import { loadConfig } from './config.ts';
import { startConsole, type RunningConsole } from './main.ts';
import { startTestReceiver, type TestReceiver } from './webhook-test-receiver.ts';

const SECRET = 'webhook-secret-0123';
const EPOCH = new Date('2026-12-02T09:00:00.000Z');

let dir: string;
let receiver: TestReceiver;
let running: RunningConsole | undefined;
let simulatedMs: number;
let logs: string[];
const sandboxClock = { epoch: EPOCH, now: () => new Date(EPOCH.getTime() + simulatedMs) };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'console-webhooks-'));
  receiver = await startTestReceiver();
  simulatedMs = 0;
  logs = [];
});
afterEach(async () => {
  await running?.close();
  running = undefined;
  await receiver.stop();
  await rm(dir, { recursive: true, force: true });
});

const start = (env: Record<string, string> = {}) =>
  startConsole(
    loadConfig({
      PORT: '0',
      DATA_DIR: dir,
      TRANSFER_WATCH_INTERVAL_S: '0',
      NOTIFY_WEBHOOK_URLS: receiver.url,
      NOTIFY_WEBHOOK_SECRET: SECRET,
      PUBLIC_URL: 'https://console.example.com',
      ALLOWED_HOSTS: '127.0.0.1',
      ...env,
    }),
    {
      logger: (line) => logs.push(line),
      sandboxClock,
      webhookBackoff: { baseMs: 200, capMs: 400, giveUpAfterMs: 60_000 },
    },
  );

const lookup = async (domain: string) => {
  const res = await fetch(
    `${running!.url}/api/hostway/accounts/acct12345/domains/transfers/${domain}`,
  );
  expect(res.status).toBe(200);
  return (await res.json()) as { status: number };
};
const validSignature = (hook: { body: Buffer; headers: Record<string, unknown> }) =>
  hook.headers['x-console-signature'] ===
  `sha256=${createHmac('sha256', SECRET).update(hook.body).digest('hex')}`;

describe('webhooks from a running console', () => {
  it('sends exactly one signed delivery per change, whoever observed it', async () => {
    running = await start();
    const seen: number[] = [];
    // A person's lookups (twice each) and the watcher, over every step of the moving transfer:
    // its lifecycle starts at the first lookup; each step, the watcher looks twice.
    for (let step = 0; step < HAPPY_PATH.length + 2; step++) {
      const code = HAPPY_PATH[Math.min(step, HAPPY_PATH.length - 1)] as number;
      const stepMs = LIFECYCLE_STEP_DURATION_MS[code] ?? 3_600_000;
      seen.push((await lookup('moving-7.com')).status);
      await lookup('moving-7.com');
      simulatedMs += stepMs / 2;
      await running.watcher.runOnce();
      simulatedMs += stepMs / 2;
      await running.watcher.runOnce();
    }
    expect(seen).toEqual([...HAPPY_PATH, 14, 14]);
    await running.webhooks.runOnce();
    const hooks = receiver.received;
    const events = hooks.map((hook) => transferStatusChangedSchema.parse(hook.json));
    expect(events.map((e) => e.to.code)).toEqual([...HAPPY_PATH]);
    expect(hooks.every(validSignature)).toBe(true);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(events[0]?.from).toBeNull();
    events.slice(1).forEach((event, i) => expect(event.from?.code).toBe(events[i]?.to.code));
    expect(events[0]).toMatchObject({
      accountNumber: 'acct12345',
      domainName: 'moving-7.com',
      phase: 'eligibility',
      url: 'https://console.example.com/transfers/acct12345/moving-7.com',
    });
    expect(events.at(-1)).toMatchObject({ phase: 'active', to: { name: 'ACTIVE' } });
    // Both observers took part: the history says who saw each status first.
    const history = (await (
      await fetch(`${running.url}/api/transfers/acct12345/moving-7.com/history`)
    ).json()) as { observations: { source: string }[] };
    expect(new Set(history.observations.map((o) => o.source))).toEqual(
      new Set(['lookup', 'watcher']),
    );

    // The overview's list: every delivery, newest first, the address without its path.
    const res = await fetch(`${running.url}/api/notifications/deliveries?limit=5`);
    const text = await res.text();
    const page = deliveriesPageSchema.parse(JSON.parse(text));
    expect(page.counts).toEqual({ pending: 0, delivered: HAPPY_PATH.length, failed: 0 });
    expect(page.configured).toBe(true);
    expect(page.deliveries.map((d) => d.to.code)).toEqual([...HAPPY_PATH].reverse().slice(0, 5));
    expect(page.deliveries[0]).toMatchObject({
      state: 'delivered',
      attempts: 1,
      target: `${new URL(receiver.url).origin}/…`,
    });
    expect(text).not.toContain('/hook');
    expect(text).not.toContain(SECRET);

    // Counted in the metrics, the route by its name.
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    expect(metrics).toContain(
      `console_webhook_attempts_total{outcome="delivered"} ${HAPPY_PATH.length}`,
    );
    expect(metrics).toContain('console_webhook_pending 0');
    expect(metrics).toMatch(
      /console_http_requests_total\{route="notification-deliveries",method="GET",status="200"\} 1/,
    );
  });

  it('delivers later, with the same id, when the receiver was down for a while', async () => {
    running = await start();
    await receiver.stop();
    await lookup('moving-8.com');
    await running.webhooks.runOnce();
    const [pending] = deliveriesPageSchema.parse(
      await (await fetch(`${running.url}/api/notifications/deliveries`)).json(),
    ).deliveries;
    expect(pending).toMatchObject({ state: 'pending', attempts: 1, lastError: 'ECONNREFUSED' });
    // Still down at the next attempt (it comes by itself, on the worker's timer).
    const attempted = async (n: number) => {
      for (;;) {
        const page = deliveriesPageSchema.parse(
          await (await fetch(`${running!.url}/api/notifications/deliveries`)).json(),
        );
        if ((page.deliveries[0]?.attempts ?? 0) >= n) return page.deliveries[0];
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await attempted(2);
    await receiver.start();
    const [hook] = await receiver.waitFor(1);
    expect(hook?.json.id).toBe(pending?.eventId);
    expect(hook && validSignature(hook)).toBe(true);
    await running.webhooks.runOnce();
    expect((await attempted(3))?.state).toBe('delivered');
    expect(receiver.received).toHaveLength(1);
    // The failed attempts were logged with the address's origin only.
    const failures = logs.filter((line) => line.startsWith(`webhook ${pending?.eventId}`));
    expect(failures.length).toBeGreaterThanOrEqual(2);
    expect(failures[0]).toContain(
      `to ${new URL(receiver.url).origin}/…: attempt 1 failed (ECONNREFUSED)`,
    );
    expect(logs.join('\n')).not.toContain(receiver.url);
    expect(logs.join('\n')).not.toContain(SECRET);
  });

  it('sends nothing and serves an empty list without NOTIFY_WEBHOOK_URLS', async () => {
    running = await start({ NOTIFY_WEBHOOK_URLS: '', NOTIFY_WEBHOOK_SECRET: '' });
    await lookup('moving-9.com');
    await running.webhooks.runOnce();
    expect(receiver.received).toEqual([]);
    const page = deliveriesPageSchema.parse(
      await (await fetch(`${running.url}/api/notifications/deliveries`)).json(),
    );
    expect(page).toEqual({
      deliveries: [],
      counts: { pending: 0, delivered: 0, failed: 0 },
      configured: false,
    });
  });

  it('refuses a bad limit or an unknown parameter', async () => {
    running = await start();
    for (const query of ['limit=0', 'limit=201', 'limit=x', 'limit=1&limit=2', 'other=1']) {
      const res = await fetch(`${running.url}/api/notifications/deliveries?${query}`);
      expect(res.status, query).toBe(400);
      expect(await res.json()).toMatchObject({ type: 'ConsoleInvalidInput' });
    }
    const post = await fetch(`${running.url}/api/notifications/deliveries`, { method: 'POST' });
    expect(post.status).toBe(405);
    await post.body?.cancel();
  });
});
