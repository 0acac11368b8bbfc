import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Response } from '@playwright/test';
import type { RunningConsole } from '../server/main.ts';
import { test, expect } from './fixtures.ts';
import { recordPageFetches } from './page-fetches.ts';
import { handMovedClock, startConsoleOnClock } from './hand-moved-clock.ts';

/**
 * The page polls every 10 s while a process can still change. The browser's timers are driven
 * by Playwright's clock (fastForward), so no test waits out a real interval; only the sandbox's
 * own clock, which decides when 1000016 completes, runs in real time. Requests are counted
 * inside the page (page-fetches.ts): a poll's fetch happens while fastForward runs the timer,
 * so "no request" is checked right after it, without sleeping.
 */
const INTERVAL_MS = 10_000;

const statusBadge = (page: Page) => page.getByTestId('process-status');
const liveSwitch = (page: Page) => page.getByRole('switch', { name: /^Live updates/ });

/**
 * Stops the page's clock (installed with page.clock.install(), so far running in step with real
 * time): its timers fire only when the test moves time with fastForward.
 */
const pauseClock = (page: Page) => page.clock.pauseAt(Date.now() + 1_000);

/**
 * Once the answer's body has arrived, one more task of the page's: by then the page has taken
 * the answer in, which restarts its 10 s count. (A message, not a timer: the page's timers are
 * stopped.)
 */
async function takenIn(page: Page, answer: Response) {
  await answer.finished();
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
      }),
  );
}

test('refetches every 10 s while running; the pause switch stops and resumes it', async ({
  page,
}) => {
  await page.clock.install();
  const fetches = await recordPageFetches(page);
  await page.goto('/processes/1000015');
  await expect(statusBadge(page)).toContainText('Running');
  await expect(page.getByText(/^Live · updated just now/)).toBeVisible();
  await expect(liveSwitch(page)).toBeChecked();
  // Counted from here on: the clock runs in step with real time until pauseClock, so on a slow
  // machine a load that takes over 10 s already includes the first poll.
  const atLoad = (await fetches()).length;
  expect(atLoad).toBeGreaterThanOrEqual(1);

  // From here on the page's timers run only when the test moves its clock. A refresh now starts
  // the 10 s count from a known instant (React Query restarts the interval on every update).
  await pauseClock(page);
  const refresh = page.getByRole('button', { name: 'Refresh now' });
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/rtr/v2/processes/1000015'));
  await refresh.click();
  // The 10 s count starts when the page has the answer. "Refresh now" enabled again is not
  // proof of that: on a loaded machine the check can run before the click's fetch has even
  // started (seen in CI: the answer came during the first fastForward, so the poll came 9 s
  // late). So: the answer's body has arrived, and the page has had a task to take it in.
  await takenIn(page, await answered);
  await expect(refresh).toBeEnabled();
  expect(await fetches()).toHaveLength(atLoad + 1);
  await page.clock.fastForward(9_000);
  expect(await fetches(), 'no refetch before 10 s').toHaveLength(atLoad + 1);
  // The same reading proves the method: the poll's fetch is in the log as soon as the clock
  // has passed 10 s.
  await page.clock.fastForward(1_100);
  expect(await fetches(), 'the refetch at 10 s').toHaveLength(atLoad + 2);

  await liveSwitch(page).click();
  await expect(liveSwitch(page)).not.toBeChecked();
  await expect(liveSwitch(page)).toHaveText('Live updates: off');
  for (let i = 0; i < 3; i++) await page.clock.fastForward(INTERVAL_MS);
  expect(await fetches(), 'no refetch while paused').toHaveLength(atLoad + 2);
  // The age of the data keeps counting while paused: 30 s since the third answer.
  await expect(page.getByText('Live updates paused · updated 30 s ago')).toBeVisible();

  await liveSwitch(page).click();
  await expect(liveSwitch(page)).toBeChecked();
  await expect(liveSwitch(page)).toHaveText('Live updates: on');
  await page.clock.fastForward(INTERVAL_MS + 100);
  expect(await fetches(), 'polling again once resumed').toHaveLength(atLoad + 3);
  expect(new Set(await fetches())).toEqual(new Set(['/api/rtr/v2/processes/1000015']));
});

test('a final process is not polled', async ({ page }) => {
  await page.clock.install();
  const fetches = await recordPageFetches(page);
  await page.goto('/processes/1000004');
  await expect(statusBadge(page)).toContainText('Completed');
  await expect(
    page.getByText('Final status: this process will not change any more.'),
  ).toBeVisible();
  await expect(liveSwitch(page)).toHaveCount(0);
  const atLoad = await fetches();
  for (let i = 0; i < 3; i++) await page.clock.fastForward(INTERVAL_MS);
  expect(await fetches(), 'nothing after the page loaded').toEqual(atLoad);
  expect(new Set(atLoad)).toEqual(new Set(['/api/rtr/v2/processes/1000004']));
});

test.describe('process 1000016 completing while watched', () => {
  /**
   * 1000016 completes 60 simulated seconds after the sandbox clock's epoch. This console's
   * sandbox runs on a clock the test moves by hand, so the process completes exactly when the
   * test says, however slow the machine is.
   */
  const EPOCH = new Date('2026-11-01T00:00:00Z');
  const time = handMovedClock(EPOCH);
  let running: RunningConsole;
  let dataDir: string;

  test.beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'e2e-polling-'));
    running = await startConsoleOnClock(dataDir, time.clock);
  });

  test.afterAll(async () => {
    await running?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('shows Running and Live, then Completed, announces it, and stops polling', async ({
    page,
  }) => {
    await page.clock.install();
    const fetches = await recordPageFetches(page);
    await page.goto(`${running.url}/processes/1000016`);
    await expect(page.getByRole('heading', { level: 1, name: 'Process 1000016' })).toBeVisible();
    await expect(statusBadge(page)).toContainText('Running');
    await expect(page.getByTestId('status-detail')).toHaveText(
      'Create command sent to the registry, waiting for its answer',
    );
    await expect(page.getByText(/^Live · updated just now/)).toBeVisible();
    await expect(liveSwitch(page)).toBeChecked();
    await expect(page.getByRole('region', { name: 'What it is waiting for' })).toBeVisible();
    const announcer = page.getByRole('main').locator('[aria-live="polite"]');
    await expect(announcer).toHaveText('');
    const atLoad = (await fetches()).length;

    // Still running 30 simulated seconds in: the next poll comes 10 s after the last answer and
    // still says Running.
    await pauseClock(page);
    time.set(30_000);
    const secondAnswer = page.waitForResponse('**/api/rtr/v2/processes/1000016');
    await page.clock.fastForward(INTERVAL_MS);
    expect(await (await secondAnswer).json()).toMatchObject({ status: 'RUNNING' });
    await takenIn(page, await secondAnswer);
    expect(await fetches()).toHaveLength(atLoad + 1);

    // One simulated second past completion: the page's next poll sees it.
    time.set(61_000);
    const thirdAnswer = page.waitForResponse('**/api/rtr/v2/processes/1000016');
    await page.clock.fastForward(INTERVAL_MS);
    expect(await (await thirdAnswer).json()).toMatchObject({ status: 'COMPLETED' });
    expect(await fetches()).toHaveLength(atLoad + 2);
    // Let the page's timers run again so the answer reaches the screen.
    await page.clock.resume();

    await expect(statusBadge(page)).toContainText('Completed');
    await expect(announcer).toHaveText(
      'Status changed from Running to Completed. The operation finished successfully.',
    );
    await expect(page.getByTestId('status-detail')).toHaveText('Domain registered at the registry');
    await expect(
      page.getByText('Final status: this process will not change any more.'),
    ).toBeVisible();
    await expect(liveSwitch(page)).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'What it is waiting for' })).toHaveCount(0);
    await expect(
      page
        .getByRole('region', { name: 'Money' })
        .getByRole('row', { name: 'Charged $10.99', exact: true }),
    ).toBeVisible();

    // Final: no more requests over the next polling intervals.
    const afterCompletion = (await fetches()).length;
    for (let i = 0; i < 3; i++) await page.clock.fastForward(INTERVAL_MS);
    expect(await fetches()).toHaveLength(afterCompletion);
    expect(new Set(await fetches())).toEqual(new Set(['/api/rtr/v2/processes/1000016']));
  });
});
