import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { HAPPY_PATH_STEP_STARTS_MS } from '../sandbox/fixtures/transfers.ts';
import type { RunningConsole } from '../server/main.ts';
import { test, expect } from './fixtures.ts';
import { anHourAgo, handMovedClock, startConsoleOnClock } from './hand-moved-clock.ts';

/**
 * moving-<x>.com walks 1 → 3 → 7 → 6 → 8 → 9 → 10 → 14 from the first time the sandbox is asked
 * for it, step i beginning HAPPY_PATH_STEP_STARTS_MS[i] simulated ms later. The sandbox here runs
 * on a clock the test moves by hand (to the next step's start before each refresh), so the test
 * never waits for real time. Each console started here starts that clock again at the same
 * epoch, and its new sandbox is first asked at that epoch, so the status change dates of the
 * steps are the same across restarts: only the history store (DATA_DIR) carries the past.
 */
const ACCOUNT = 'acct12345';
const DOMAIN = 'moving-e2e.com';
const PAGE = `/transfers/${ACCOUNT}/${DOMAIN}?tz=utc`;
const EPOCH = anHourAgo();
const time = handMovedClock(EPOCH);
/** The step the hand-moved clock is at (the first ask is at the epoch). */
let step = 0;

const statusCode = (page: Page) => page.getByTestId('transfer-status');
const historyTable = (page: Page) =>
  page
    .getByRole('region', { name: 'Observed history', exact: true })
    .getByRole('table', { name: /^Statuses observed by the console/ });
const historyRows = (page: Page) =>
  historyTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader') });

/** Each observed status (its row header) with its first-seen time, as the page shows them. */
async function observedHistory(page: Page): Promise<{ status: string; firstSeen: string }[]> {
  const rows = await historyRows(page).all();
  return Promise.all(
    rows.map(async (row) => ({
      status: (await row.getByRole('rowheader').innerText()).split('\n')[0]!.trim(),
      // Cells: description, status changed, first seen, last seen, times seen, source.
      firstSeen: (await row.getByRole('cell').nth(2).innerText()).trim(),
    })),
  );
}

/** Moves the lifecycle on a step at a time until the page shows a status other than `codes`. */
async function refreshUntilStatusNotIn(page: Page, codes: string[]) {
  await expect(async () => {
    step = Math.min(step + 1, HAPPY_PATH_STEP_STARTS_MS.length - 1);
    time.set(HAPPY_PATH_STEP_STARTS_MS[step]!);
    await page.getByRole('button', { name: 'Refresh now' }).click();
    expect(codes).not.toContain(await statusCode(page).innerText());
  }).toPass({ intervals: [300, 500, 500, 1000], timeout: 10_000 });
}

let dataDir: string;
let running: RunningConsole | undefined;

function start() {
  time.set(0);
  step = 0;
  return startConsoleOnClock(dataDir, time.clock, {
    TRANSFER_WATCH_INTERVAL_S: '0',
  });
}

test.beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-transfer-history-'));
});

test.afterEach(async () => {
  await running?.close();
  running = undefined;
});

test.afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

test('the observed history survives a server restart', async ({ page }) => {
  test.setTimeout(60_000);

  // First console: watch the transfer move on at least once.
  running = await start();
  await page.goto(`${running.url}${PAGE}`);
  await expect(
    page.getByRole('heading', { level: 1, name: `Transfer of ${DOMAIN}` }),
  ).toBeVisible();
  const firstStatus = await statusCode(page).innerText();
  expect(firstStatus).not.toBe('ACTIVE (code 14)');
  await refreshUntilStatusNotIn(page, [firstStatus]);
  await expect.poll(async () => historyRows(page).count()).toBeGreaterThanOrEqual(2);
  const before = await observedHistory(page);
  const codesBefore = before.map((o) => o.status);
  expect(new Set(codesBefore).size, 'distinct statuses').toBe(before.length);
  // The history came from the server: a reload shows the same rows.
  await page.reload();
  await expect(statusCode(page)).toBeVisible();
  await expect
    .poll(async () => (await observedHistory(page)).slice(0, before.length))
    .toEqual(before);
  await running.close();
  running = undefined;

  // Second console, same DATA_DIR: the past is still there, and new statuses join it.
  running = await start();
  await page.goto(`${running.url}${PAGE}`);
  await expect(
    page.getByRole('heading', { level: 1, name: `Transfer of ${DOMAIN}` }),
  ).toBeVisible();
  // The new sandbox clock starts the lifecycle again; wait for a status the first console never
  // saw, so that the current one is a new entry.
  await refreshUntilStatusNotIn(page, codesBefore.map(toStatusText));
  const current = await statusCode(page).innerText();

  const currentCode = current.match(/\(code (\d+)\)/)?.[1];
  await expect
    .poll(async () => (await observedHistory(page)).map((o) => o.status))
    .toContainEqual(expect.stringMatching(new RegExp(`\\(${currentCode}\\)$`)));
  const after = await observedHistory(page);
  expect(after.length).toBeGreaterThan(before.length);
  for (const entry of before) {
    expect(after, 'earlier entry kept with its first-seen time').toContainEqual(entry);
  }
  // The timeline marks the current status among the observed ones.
  await expect(
    page
      .getByRole('region', { name: 'Timeline', exact: true })
      .getByRole('listitem')
      .filter({ hasText: '(current status)' })
      .last(),
  ).toContainText(`(${currentCode})`);
});

/** "WHOIS_PEND (1)" (history row) → "WHOIS_PEND (code 1)" (current status line). */
function toStatusText(rowStatus: string): string {
  return rowStatus.replace(/\((\d+)\)$/, '(code $1)');
}
