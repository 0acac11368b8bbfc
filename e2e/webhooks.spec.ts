import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transferStatusChangedSchema } from '../src/contract/notifications.ts';
import { HAPPY_PATH_STEP_STARTS_MS } from '../sandbox/fixtures/transfers.ts';
import { HAPPY_PATH } from '../src/features/transfers/lifecycle.ts';
import type { RunningConsole } from '../server/main.ts';
import { startTestReceiver, type TestReceiver } from '../server/webhook-test-receiver.ts';
import { test, expect } from './fixtures.ts';
import { anHourAgo, handMovedClock, startConsoleOnClock } from './hand-moved-clock.ts';

/**
 * moving-<x>.com walks 1 → 3 → 7 → 6 → 8 → 9 → 10 → 14 from its first lookup, step i beginning
 * HAPPY_PATH_STEP_STARTS_MS[i] simulated ms later; this console's sandbox runs on a clock the
 * test moves by hand (the first lookup is at its epoch). A
 * person's lookups in the browser and the watcher's runs take turns observing the steps; a test
 * receiver on loopback must get exactly one signed delivery per change.
 */
const ACCOUNT = 'acct12345';
const DOMAIN = 'moving-webhooks.com';
const SECRET = 'e2e-webhook-secret-0123';
const EPOCH = anHourAgo();
const time = handMovedClock(EPOCH);

let dataDir: string;
let receiver: TestReceiver;
let running: RunningConsole | undefined;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-webhooks-'));
  receiver = await startTestReceiver();
  running = await startConsoleOnClock(dataDir, time.clock, {
    TRANSFER_WATCH_INTERVAL_S: '0',
    NOTIFY_WEBHOOK_URLS: receiver.url,
    NOTIFY_WEBHOOK_SECRET: SECRET,
  });
});

test.afterAll(async () => {
  await running?.close();
  await receiver?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a lookup in the browser and watcher runs give one signed delivery per change', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const console = running!;
  const statusCode = page.getByTestId('transfer-status');
  await page.goto(`${console.url}/transfers/${ACCOUNT}/${DOMAIN}?tz=utc`);
  await expect(
    page.getByRole('heading', { level: 1, name: `Transfer of ${DOMAIN}` }),
  ).toBeVisible();
  await expect(statusCode).toContainText(`(code ${HAPPY_PATH[0]})`);

  for (let step = 1; step < HAPPY_PATH.length; step++) {
    time.set(HAPPY_PATH_STEP_STARTS_MS[step]!);
    if (step % 2 === 1) {
      // The watcher sees this step first; the page, refreshed, sees it again (no new delivery).
      await console.watcher.runOnce();
      await page.getByRole('button', { name: 'Refresh now' }).click();
    } else {
      // The person sees this step first; the watcher then sees it again.
      await page.getByRole('button', { name: 'Refresh now' }).click();
      await expect(statusCode).toContainText(`(code ${HAPPY_PATH[step]})`);
      await console.watcher.runOnce();
    }
    await expect(statusCode).toContainText(`(code ${HAPPY_PATH[step]})`);
  }
  // Final: another look by both changes nothing.
  time.advance(24 * 3_600_000);
  await page.reload();
  await expect(statusCode).toContainText('(code 14)');
  await console.watcher.runOnce();
  await console.webhooks.runOnce();

  const hooks = receiver.received;
  const events = hooks.map((hook) => transferStatusChangedSchema.parse(hook.json));
  expect(events.map((event) => event.to.code)).toEqual([...HAPPY_PATH]);
  for (const hook of hooks) {
    expect(hook.headers['x-console-signature']).toBe(
      `sha256=${createHmac('sha256', SECRET).update(hook.body).digest('hex')}`,
    );
  }
  expect(new Set(events.map((event) => event.id)).size).toBe(HAPPY_PATH.length);
  expect(events[0]?.from).toBeNull();
  events.slice(1).forEach((event, i) => expect(event.from?.code).toBe(events[i]?.to.code));
  expect(events.at(-1)).toMatchObject({
    domainName: DOMAIN,
    phase: 'active',
    url: `${console.url}/transfers/${ACCOUNT}/${DOMAIN}`,
  });
  // Who saw each status first: both the person's lookups and the watcher.
  const history = (await (
    await fetch(`${console.url}/api/transfers/${ACCOUNT}/${DOMAIN}/history`)
  ).json()) as { observations: { status: number; source: string }[] };
  // (The page's own 30 s polling may beat the watcher to an odd step on a slow machine.)
  expect(history.observations.map((o) => o.status)).toEqual([...HAPPY_PATH]);
  history.observations.forEach((o, step) => {
    if (step % 2 === 0) expect(o.source).toBe('lookup');
  });
  expect(history.observations.map((o) => o.source)).toContain('watcher');
});
