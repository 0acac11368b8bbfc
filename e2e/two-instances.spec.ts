import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transferStatusChangedSchema } from '../src/contract/notifications.ts';
import { HAPPY_PATH } from '../src/features/transfers/lifecycle.ts';
import { HAPPY_PATH_STEP_STARTS_MS } from '../sandbox/fixtures/transfers.ts';
import type { RunningConsole } from '../server/main.ts';
import { startTestReceiver, type TestReceiver } from '../server/webhook-test-receiver.ts';
import {
  SANDBOX_HOSTWAY_AUTHORIZATION,
  SANDBOX_RTR_API_KEY,
  startSandbox,
  type RunningSandbox,
} from '../sandbox/server.ts';
import { startPostgresCluster, type PostgresCluster } from '../scripts/postgres-cluster.ts';
import { test, expect } from './fixtures.ts';
import { anHourAgo, handMovedClock, startConsoleOnClock } from './hand-moved-clock.ts';

/**
 * Two consoles on one PostgreSQL, in front of one sandbox whose clock the test moves: the shape
 * of a team's deployment behind a load balancer. Their watchers and webhook workers run at the
 * same moments, racing for the same rows; every change must still be recorded once and
 * delivered once, and a deep link must show the same on either console.
 */
const ACCOUNT = 'acct12345';
const DOMAIN = 'moving-two-instances.com';
const time = handMovedClock(anHourAgo());

let cluster: PostgresCluster | undefined;
let sandbox: RunningSandbox | undefined;
let receiver: TestReceiver | undefined;
const consoles: RunningConsole[] = [];
const dataDirs: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  cluster = await startPostgresCluster();
  sandbox = await startSandbox({ clock: time.clock });
  receiver = await startTestReceiver();
  for (const name of ['a', 'b']) {
    const dataDir = mkdtempSync(join(tmpdir(), `e2e-two-instances-${name}-`));
    dataDirs.push(dataDir);
    consoles.push(
      await startConsoleOnClock(dataDir, time.clock, {
        DATABASE_URL: cluster.url,
        RTR_API_URL: sandbox.rtrUrl,
        RTR_API_KEY: SANDBOX_RTR_API_KEY,
        HOSTWAY_API_URL: sandbox.hostwayUrl,
        HOSTWAY_AUTHORIZATION: SANDBOX_HOSTWAY_AUTHORIZATION,
        TRANSFER_WATCH_INTERVAL_S: '0',
        NOTIFY_WEBHOOK_URLS: receiver.url,
      }),
    );
  }
});

test.afterAll(async () => {
  await Promise.all(consoles.map((running) => running.close()));
  await sandbox?.close();
  await receiver?.stop();
  cluster?.stop();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** Both consoles' watchers at once, then both webhook workers at once. */
async function bothRun() {
  const runs = await Promise.all(consoles.map((running) => running.watcher.runOnce()));
  await Promise.all(consoles.map((running) => running.webhooks.runOnce()));
  return runs;
}

test('two consoles on one PostgreSQL record each change once and deliver each webhook once', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const [a, b] = consoles as [RunningConsole, RunningConsole];
  // A person looks the transfer up on console a: its first status.
  await page.goto(`${a.url}/transfers/${ACCOUNT}/${DOMAIN}?tz=utc`);
  await expect(page.getByTestId('transfer-status')).toContainText(`(code ${HAPPY_PATH[0]})`);

  const checked: number[] = [];
  for (let step = 1; step < HAPPY_PATH.length; step++) {
    // The lifecycle started at the first lookup, at simulated time 0.
    time.set(HAPPY_PATH_STEP_STARTS_MS[step]!);
    const runs = await bothRun();
    // One re-check in total per pass, by whichever console claimed the pair.
    checked.push(runs.reduce((sum, run) => sum + run.checked, 0));
  }
  await bothRun();
  expect(checked).toEqual(HAPPY_PATH.slice(1).map(() => 1));

  // Every status once, on both consoles.
  for (const running of consoles) {
    const answer = (await (
      await fetch(`${running.url}/api/transfers/${ACCOUNT}/${DOMAIN}/history`)
    ).json()) as { observations: { status: number }[] };
    expect(answer.observations.map((o) => o.status)).toEqual([...HAPPY_PATH]);
  }

  // One delivery per change, each with its own id, whichever console sent it.
  const events = receiver!.received.map((hook) => transferStatusChangedSchema.parse(hook.json));
  expect(events.map((event) => event.to.code)).toEqual([...HAPPY_PATH]);
  expect(new Set(events.map((event) => event.id)).size).toBe(HAPPY_PATH.length);

  // The deep link shows the whole timeline on either console.
  for (const running of [a, b]) {
    await page.goto(`${running.url}/transfers/${ACCOUNT}/${DOMAIN}?tz=utc`);
    await expect(page.getByTestId('transfer-status')).toContainText(`(code ${HAPPY_PATH.at(-1)})`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Transfer of ${DOMAIN}`);
  }
  // And the overview on b lists the pair console a first saw.
  await page.goto(`${b.url}/transfers?q=${DOMAIN}`);
  await expect(
    page.getByRole('table', { name: 'Transfers the console has seen' }).getByRole('rowheader'),
  ).toHaveCount(1);
});
