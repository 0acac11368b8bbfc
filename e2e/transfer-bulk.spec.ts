import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, recordApiRequests } from './fixtures.ts';

const ACCOUNT = 'acct12345';
const COUNT = 100;
const DOMAINS = Array.from({ length: COUNT }, (_, i) => `bulk-${i + 1}.com`);
/** The sandbox answers 404 for every 25th bulk domain. */
const NOT_FOUND = DOMAINS.filter((_, i) => (i + 1) % 25 === 0);
const BULK_URL = `/transfers/${ACCOUNT}?domains=${DOMAINS.join(',')}`;
/** The browser keeps at most this many lookups in flight (BULK_CONCURRENCY). */
const MAX_IN_FLIGHT = 6;

const results = (page: Page) => page.getByRole('region', { name: 'Transfer results' });
const progress = (page: Page) => page.getByRole('progressbar');
const dataRows = (page: Page) =>
  results(page)
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });

/** Counts /api/hostway requests in flight from the page's point of view, and the peak. */
function trackHostwayConcurrency(page: Page) {
  const stats = { inFlight: 0, max: 0, started: 0 };
  const isHostway = (url: string) => new URL(url).pathname.startsWith('/api/hostway/');
  page.on('request', (request) => {
    if (!isHostway(request.url())) return;
    stats.started++;
    stats.inFlight++;
    stats.max = Math.max(stats.max, stats.inFlight);
  });
  const settled = (request: { url(): string }) => {
    if (isHostway(request.url())) stats.inFlight--;
  };
  page.on('requestfinished', settled);
  page.on('requestfailed', settled);
  return stats;
}

test.describe('bulk lookup of 100 domains', () => {
  test('opens cold, looks everything up 6 at a time, links rows and exports', async ({ page }) => {
    const stats = trackHostwayConcurrency(page);
    await page.goto(BULK_URL);
    await expect(
      page.getByRole('heading', { level: 2, name: `${COUNT} domains on account ${ACCOUNT}` }),
    ).toBeVisible();
    // "No transfer order" is an answer, not a failed lookup.
    await expect(progress(page)).toHaveAccessibleName(
      `${COUNT} of ${COUNT} looked up · ${NOT_FOUND.length} with no transfer order`,
      { timeout: 20_000 },
    );
    await expect(progress(page)).toHaveAttribute('value', String(COUNT));
    expect(stats.started, 'one request per domain').toBe(COUNT);
    expect(stats.max, 'peak of hostway requests in flight').toBeLessThanOrEqual(MAX_IN_FLIGHT);
    expect(stats.max, 'the lookups do run in parallel').toBeGreaterThan(1);
    await expect(page.getByText(`Showing ${COUNT} of ${COUNT}`)).toBeVisible();

    // Rows stream in as rows of a table, each linking to its transfer page.
    const first = dataRows(page).first();
    await expect(first.getByRole('link', { name: 'bulk-1.com', exact: true })).toHaveAttribute(
      'href',
      `/transfers/${ACCOUNT}/bulk-1.com`,
    );
    await expect(first.getByRole('cell').nth(1)).toHaveText(/\(\d+\)$/);
    await expectNoAxeViolations(page);

    // Nothing failed, so there is nothing to retry.
    await expect(page.getByRole('button', { name: /^Retry/ })).toHaveCount(0);

    // The export has a header and one line per domain, those without a transfer order included.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`transfers-${ACCOUNT}.csv`);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(COUNT + 1);
    expect(lines[0]).toBe(
      'domain,domain (unicode),code,status,phase,outcome,description,approval mail,status changed,error',
    );
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(DOMAINS);
    expect(lines.find((line) => line.startsWith('bulk-25.com,'))).toMatch(/,No transfer order$/);

    // A row's link opens that transfer's page.
    await first.getByRole('link', { name: 'bulk-1.com', exact: true }).click();
    await expect(page).toHaveURL(`/transfers/${ACCOUNT}/bulk-1.com`);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Transfer of bulk-1.com' }),
    ).toBeVisible();
    expect(stats.max).toBeLessThanOrEqual(MAX_IN_FLIGHT);
  });

  test('filters by outcome and phase, kept in the URL', async ({ page }) => {
    // Opened cold with a filter in the URL: the view is reproduced.
    await page.goto(`${BULK_URL}&outcome=no-order`);
    await expect(progress(page)).toHaveAccessibleName(/^100 of 100 looked up/, {
      timeout: 20_000,
    });
    const outcome = page.getByRole('combobox', { name: 'Outcome' });
    const phase = page.getByRole('combobox', { name: 'Phase' });
    await expect(outcome).toHaveValue('no-order');
    await expect(page.getByText(`Showing ${NOT_FOUND.length} of ${COUNT}`)).toBeVisible();
    await expect(dataRows(page).getByRole('link')).toHaveText(NOT_FOUND);
    for (const row of await dataRows(page).all()) {
      await expect(row).toContainText('No transfer order');
      await expect(row.getByRole('button')).toHaveCount(0);
    }

    // The export can be what the filter shows, or everything.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: `Export shown (${NOT_FOUND.length})` }).click();
    const shown = await readFile(await (await downloading).path(), 'utf8');
    expect(
      shown
        .split('\r\n')
        .filter(Boolean)
        .slice(1)
        .map((line) => line.split(',')[0]),
    ).toEqual(NOT_FOUND);
    await expect(page.getByRole('button', { name: `Export all (${COUNT})` })).toBeVisible();

    await outcome.selectOption({ label: 'All' });
    await expect(page).not.toHaveURL(/outcome=/);
    await expect(page.getByText(`Showing ${COUNT} of ${COUNT}`)).toBeVisible();
    await phase.selectOption({ label: 'Registry' });
    await expect(page).toHaveURL(/[?&]phase=registry(&|$)/);
    const showing = page.getByText(/^Showing \d+ of 100$/);
    await expect(showing).not.toHaveText(`Showing ${COUNT} of ${COUNT}`);
    const registryCount = Number((await showing.textContent())?.match(/Showing (\d+)/)?.[1]);
    expect(registryCount).toBeGreaterThan(0);
    for (const row of await dataRows(page).all()) {
      await expect(row.getByRole('cell').nth(2)).toHaveText('Registry');
    }

    // Both filters at once: registry failures only.
    await outcome.selectOption({ label: 'Transfer failed' });
    await expect(page).toHaveURL(/[?&]phase=registry(&|$)/);
    await expect(page).toHaveURL(/[?&]outcome=failed(&|$)/);
    await expect(showing).not.toHaveText(`Showing ${registryCount} of ${COUNT}`);
    for (const row of await dataRows(page).all()) {
      await expect(row.getByRole('cell').nth(2)).toHaveText('Registry');
      await expect(row.getByRole('cell').nth(1)).toHaveText(
        /^(Failed: the registry|Rejected by the registry|Rejected by the losing registrar)/,
      );
    }
  });

  test('a pasted list reports duplicates, corrections and invalid entries', async ({ page }) => {
    await page.goto('/');
    const requests = recordApiRequests(page);
    const form = page.getByRole('region', { name: 'Many transfers at once' });
    await form.getByLabel('Account number').fill(ACCOUNT);
    await form.getByLabel('Domain names').fill('a.com, www.active.com, active.com, bad..com');
    await form.getByRole('button', { name: 'Look up all' }).click();

    await expect(page).toHaveURL(
      `/transfers/${ACCOUNT}?domains=${encodeURIComponent('a.com,www.active.com,active.com,bad..com')}`,
    );
    const corrections = page.getByRole('region', { name: 'Input corrections' });
    await expect(corrections.getByRole('listitem')).toHaveText([
      'showing active.com for www.active.com',
      '"bad..com" is not a valid domain name.',
    ]);
    await expect(corrections).toContainText('Not looked up (1):');
    await expect(corrections).toContainText('1 duplicate entry was dropped.');

    await expect(
      page.getByRole('heading', { level: 2, name: `2 domains on account ${ACCOUNT}` }),
    ).toBeVisible();
    await expect(progress(page)).toHaveAccessibleName(
      '2 of 2 looked up · 1 with no transfer order',
    );
    await expect(dataRows(page).getByRole('link')).toHaveText(['a.com', 'active.com']);
    await expect(dataRows(page).nth(0)).toContainText('No transfer order');
    await expect(dataRows(page).nth(1)).toContainText(
      'Transferred: the domain is active here (14)',
    );
    expect(requests.filter((p) => p.startsWith('/api/hostway/')).sort()).toEqual([
      `/api/hostway/accounts/${ACCOUNT}/domains/transfers/a.com`,
      `/api/hostway/accounts/${ACCOUNT}/domains/transfers/active.com`,
    ]);
  });
});
