import { readFile } from 'node:fs/promises';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, recordApiRequests } from './fixtures.ts';

const ACCOUNT = 'acct12345';
const COUNT = 100;
const DOMAINS = Array.from({ length: COUNT }, (_, i) => `bulk-${i + 1}.com`);
/** The sandbox answers 404 for every 25th bulk domain. */
const NOT_FOUND = DOMAINS.filter((_, i) => (i + 1) % 25 === 0);
const BULK_URL = `/transfers/${ACCOUNT}?domains=${DOMAINS.join(',')}`;
const LOOKUPS_PATH = `/api/transfers/${ACCOUNT}/lookups`;

const results = (page: Page) => page.getByRole('region', { name: 'Transfer results' });
const progress = (page: Page) => page.getByRole('progressbar');
const dataRows = (page: Page) =>
  results(page)
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });

/**
 * The page's transfer lookups: the bulk requests it sends (their domains) and any single
 * status request. The console server applies its own concurrency limit towards Hostway (see
 * server/bulk-lookups.test.ts, which counts at the upstream); the browser sends one request.
 */
function trackLookups(page: Page) {
  const stats = { bulk: [] as string[][], single: 0, contentTypes: [] as (string | undefined)[] };
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/api/hostway/')) stats.single++;
    if (path === LOOKUPS_PATH && request.method() === 'POST') {
      stats.bulk.push((request.postDataJSON() as { domains: string[] }).domains);
    }
  });
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === LOOKUPS_PATH) {
      stats.contentTypes.push(response.headers()['content-type']);
    }
  });
  return stats;
}

test.describe('bulk lookup of 100 domains', () => {
  test('opens cold, looks everything up in one streaming request, links rows and exports', async ({
    page,
  }) => {
    const stats = trackLookups(page);
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
    expect(stats.bulk, 'one bulk request with every domain').toEqual([DOMAINS]);
    expect(stats.single, 'no status requests of their own').toBe(0);
    expect(stats.contentTypes).toEqual(['application/x-ndjson']);
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
    const bulk = trackLookups(page);
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
    expect(requests.filter((p) => p.startsWith('/api/hostway/'))).toEqual([]);
    expect(requests.filter((p) => p === LOOKUPS_PATH)).toHaveLength(1);
    expect(bulk.bulk).toEqual([['a.com', 'active.com']]);
  });

  test('sorts by a column, the order kept in the URL and after a reload', async ({ page }) => {
    await page.goto(`${BULK_URL}&phase=registry`);
    await expect(progress(page)).toHaveAccessibleName(/^100 of 100 looked up/, {
      timeout: 20_000,
    });
    const changed = page.getByRole('columnheader', { name: 'Changed' });
    await changed.getByRole('button').click();
    await expect(page).toHaveURL(/[?&]sort=changed(&|$)/);
    await expect(page).toHaveURL(/[?&]phase=registry(&|$)/);
    await expect(changed).toHaveAttribute('aria-sort', 'ascending');
    const dates = async () =>
      (await dataRows(page)
        .locator('time')
        .evaluateAll((els: Element[]) =>
          els.map((el) => Date.parse(el.getAttribute('datetime') ?? '')),
        )) as number[];
    const ascending = await dates();
    expect(ascending.length).toBeGreaterThan(1);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

    await changed.getByRole('button').click();
    await expect(page).toHaveURL(/[?&]sort=-changed(&|$)/);
    await expect(changed).toHaveAttribute('aria-sort', 'descending');
    await page.reload();
    await expect(progress(page)).toHaveAccessibleName(/^100 of 100 looked up/, {
      timeout: 20_000,
    });
    await expect(page.getByRole('columnheader', { name: 'Changed' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    const descending = await dates();
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
  });
});

test.describe('shared links of long lists', () => {
  const names = (count: number) => Array.from({ length: count }, (_, i) => `bulk-${i + 1}.com`);

  test('a 5,000-domain link (compressed in the fragment) opens cold and looks up every domain', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const domains = names(5_000);
    // Made here with Node's zlib: the page must read what any deflate-raw writer makes.
    const fragment = deflateRawSync(domains.join(',')).toString('base64url');
    const stats = trackLookups(page);
    await page.goto(`/transfers/${ACCOUNT}?outcome=no-order#dz=${fragment}`);
    await expect(
      page.getByRole('heading', { level: 2, name: `5000 domains on account ${ACCOUNT}` }),
    ).toBeVisible();
    await expect(progress(page)).toHaveAccessibleName(
      '5000 of 5000 looked up · 200 with no transfer order',
      { timeout: 90_000 },
    );
    expect(stats.bulk).toHaveLength(1);
    expect(stats.bulk[0]).toEqual(domains);
    await expect(page.getByText('Showing 200 of 5000')).toBeVisible();
    await expect(dataRows(page).first().getByRole('link')).toHaveText('bulk-25.com');
    // The form does not lay out 5,000 lines as the page opens: the list opens on request.
    await expect(page.getByRole('textbox', { name: 'Domain names' })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Show and edit the list' }).click();
    await expect(page.getByRole('textbox', { name: 'Domain names' })).toBeFocused();
    await expect(page.getByRole('textbox', { name: 'Domain names' })).toHaveValue(
      domains.join('\n'),
    );
  });

  test('a pasted long list goes in the fragment; Copy link gives that form, which opens cold', async ({
    page,
    context,
  }) => {
    // Two lookups of 1,500 domains on a 2-core machine that also runs the servers.
    test.setTimeout(120_000);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const domains = names(1_500);
    await page.goto('/');
    const form = page.getByRole('region', { name: 'Many transfers at once' });
    await form.getByLabel('Account number').fill(ACCOUNT);
    await form.getByLabel('Domain names').fill(domains.join('\n'));
    await form.getByRole('button', { name: 'Look up all' }).click();
    await expect(page).toHaveURL(new RegExp(`/transfers/${ACCOUNT}#dz=[A-Za-z0-9_-]+$`));
    await expect(progress(page)).toHaveAccessibleName(/^1500 of 1500 looked up/, {
      timeout: 60_000,
    });

    await page.getByRole('button', { name: 'Copy link to this view' }).click();
    const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
    expect(link.pathname).toBe(`/transfers/${ACCOUNT}`);
    expect(link.searchParams.has('domains')).toBe(false);
    const encoded = new URLSearchParams(link.hash.slice(1)).get('dz')!;
    expect(inflateRawSync(Buffer.from(encoded, 'base64url')).toString()).toBe(domains.join(','));
    // The request line stays far below the 16 KB that a query string of this list exceeded.
    expect(link.pathname.length + link.search.length).toBeLessThan(200);

    const cold = await context.browser()!.newPage();
    await cold.goto(link.href);
    await expect(
      cold.getByRole('heading', { level: 2, name: `1500 domains on account ${ACCOUNT}` }),
    ).toBeVisible();
    await cold.close();
  });

  test('a short list keeps the readable ?domains= form', async ({ page }) => {
    await page.goto('/');
    const form = page.getByRole('region', { name: 'Many transfers at once' });
    await form.getByLabel('Account number').fill(ACCOUNT);
    await form.getByLabel('Domain names').fill('bulk-1.com bulk-2.com');
    await form.getByRole('button', { name: 'Look up all' }).click();
    await expect(page).toHaveURL(`/transfers/${ACCOUNT}?domains=bulk-1.com%2Cbulk-2.com`);
  });
});
