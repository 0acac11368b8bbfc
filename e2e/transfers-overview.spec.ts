import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { HAPPY_PATH_STEP_STARTS_MS } from '../sandbox/fixtures/transfers.ts';
import type { RunningConsole } from '../server/main.ts';
import { expectNoAxeViolations, test, expect } from './fixtures.ts';
import { anHourAgo, handMovedClock, startConsoleOnClock } from './hand-moved-clock.ts';

/**
 * The overview on a console started here, with the sandbox on a clock the test moves by hand
 * (see transfer-history.spec.ts): moving-<x>.com starts its lifecycle at its first lookup and is
 * at step i HAPPY_PATH_STEP_STARTS_MS[i] simulated ms later; the test runs the watcher itself
 * (its timer never fires here).
 */
const ACCOUNT = 'acct12345';
const DOMAIN = 'moving-overview.com';
const EPOCH = anHourAgo();
const time = handMovedClock(EPOCH);

let dataDir: string;
let running: RunningConsole;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'e2e-transfers-overview-'));
  running = await startConsoleOnClock(dataDir, time.clock, {
    // Long enough never to fire during the test; the next check is shown from it.
    TRANSFER_WATCH_INTERVAL_S: '3600',
  });
});

test.afterAll(async () => {
  await running.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const rowOf = (page: Page, domain: string) =>
  page
    .getByRole('table', { name: 'Transfers the console has seen' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: domain }) });

test('a looked-up transfer is on /transfers, the watcher moves it on, and it can be stopped', async ({
  page,
}) => {
  test.setTimeout(60_000);
  // A person looks the transfer up: the console records its first status.
  await page.goto(`${running.url}/transfers/${ACCOUNT}/${DOMAIN}?tz=utc`);
  await expect(
    page.getByRole('heading', { level: 1, name: `Transfer of ${DOMAIN}` }),
  ).toBeVisible();
  const first = await page.getByTestId('transfer-status').innerText();
  const firstCode = first.match(/\(code (\d+)\)/)?.[1];
  expect(firstCode).toBeDefined();

  // The transfer page's link opens the overview filtered to the account.
  await page.getByRole('link', { name: `All transfers of account ${ACCOUNT}` }).click();
  await expect(page).toHaveURL(new RegExp(`/transfers\\?account=${ACCOUNT}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Transfers' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Account' })).toHaveValue(ACCOUNT);
  const row = rowOf(page, DOMAIN);
  await expect(row.getByTestId('overview-status')).toContainText(`(code ${firstCode})`);
  await expect(row.getByTestId('overview-changes')).toHaveText('1');
  await expect(row).toContainText('Watching');

  // The sandbox moves on a step; the watcher (run by hand) sees it; the overview shows it.
  time.set(HAPPY_PATH_STEP_STARTS_MS[1]!);
  expect(await running.watcher.runOnce()).toMatchObject({ checked: 1, changed: 1 });
  await page.reload();
  await expect(row.getByTestId('overview-changes')).toHaveText('2');
  await expect(row.getByTestId('overview-status')).not.toContainText(`(code ${firstCode})`);

  // Filters live in the URL: a pasted link reproduces them, a phase count is a filter.
  await page.goto(`${running.url}/transfers?account=${ACCOUNT}&final=false&q=overview&tz=utc`);
  await expect(rowOf(page, DOMAIN)).toBeVisible();
  await expect(page.getByRole('searchbox', { name: /^Text/ })).toHaveValue('overview');
  await expect(page.getByRole('combobox', { name: 'Final' })).toHaveValue('false');
  await page.goto(`${running.url}/transfers?account=${ACCOUNT}&final=true&tz=utc`);
  await expect(page.getByRole('status').filter({ hasText: 'No transfers match' })).toBeVisible();
  await page.goto(`${running.url}/transfers?account=${ACCOUNT}&tz=utc`);
  const counts = page.getByRole('navigation', { name: 'Transfers per phase' });
  await counts.getByRole('link', { name: /^Active here/ }).click();
  await expect(page).toHaveURL(/phase=active/);
  await expect(page.getByRole('status').filter({ hasText: 'No transfers match' })).toBeVisible();
  await counts.getByRole('link', { name: /^All phases/ }).click();
  await expect(page).not.toHaveURL(/phase=/);
  await expect(rowOf(page, DOMAIN)).toBeVisible();

  // Stop watching: the row says so, and the watcher leaves the pair alone.
  await rowOf(page, DOMAIN)
    .getByRole('button', { name: `Stop watching ${DOMAIN} (${ACCOUNT})` })
    .click();
  await expect(rowOf(page, DOMAIN)).toContainText('stopped by a person');
  await expect(rowOf(page, DOMAIN).getByRole('button', { name: /^Watch / })).toBeVisible();
  time.set(HAPPY_PATH_STEP_STARTS_MS[2]!);
  expect(await running.watcher.runOnce()).toMatchObject({ checked: 0 });
  await page.reload();
  await expect(rowOf(page, DOMAIN).getByTestId('overview-changes')).toHaveText('2');
  await expect(page.getByRole('link', { name: 'Transfers', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );
  // No pulsing: axe measures contrast on what is on screen at that instant; both themes.
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
    await expect(rowOf(page, DOMAIN)).toBeVisible();
    await expectNoAxeViolations(page);
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });

  // Watch again: the next run re-checks it.
  await rowOf(page, DOMAIN)
    .getByRole('button', { name: `Watch ${DOMAIN} (${ACCOUNT})` })
    .click();
  await expect(rowOf(page, DOMAIN)).toContainText('Watching');
  expect(await running.watcher.runOnce()).toMatchObject({ checked: 1, changed: 1 });
});

test('a bad filter in the URL is explained, nothing is requested', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/watch') requests.push(r.url());
  });
  await page.goto(`${running.url}/transfers?phase=waiting`);
  await expect(page.getByRole('alert')).toContainText('phase must be one of');
  expect(requests).toEqual([]);
  await expectNoAxeViolations(page);
});
