import { readFile } from 'node:fs/promises';
import type { APIRequestContext, Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, recordApiRequests } from './fixtures.ts';

// Fixed zone and locale: the dates below do not depend on the machine.
test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-US' });

const rows = (page: Page) => page.getByTestId('process-row');
const count = (page: Page) => page.getByTestId('result-count');
const shownIds = async (page: Page) =>
  (await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-process-id')))).map(
    Number,
  );

/** What the API itself answers for `search`: the rows and total the page must show. */
async function fromApi(request: APIRequestContext, search: string) {
  const response = await request.get(`/api/rtr/v2/processes?${search}&fields=id,status`);
  expect(response.status()).toBe(200);
  const body = (await response.json()) as {
    entities: { id: number; status: string }[];
    pagination: { total: number };
  };
  return { ids: body.entities.map((p) => p.id), body };
}

test('a cold deep link with filters and an order reproduces the list, with its total', async ({
  page,
}) => {
  const search = 'status:in=FAILED,IN_DOUBT&order=-createdDate';
  const { ids, body } = await fromApi(page.request, `${search}&limit=25`);
  expect(ids.length).toBeGreaterThanOrEqual(3);
  // The sandbox's catalogue: the SDK example and two fixtures are failed or in doubt.
  expect(ids).toEqual(expect.arrayContaining([46069000, 1000007, 1000008]));

  await page.goto(`/processes?${search}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Processes' })).toBeVisible();
  await expect(rows(page)).toHaveCount(ids.length);
  expect(await shownIds(page)).toEqual(ids);
  const total = body.pagination.total;
  await expect(count(page)).toHaveText(`Showing 1–${ids.length} of ${total} processes.`);
  for (const badge of await page.getByTestId('process-status').all()) {
    expect(['FAILED', 'IN_DOUBT']).toContain(await badge.getAttribute('data-status'));
  }
  // The form shows the link's filter; the Created column sorts newest first.
  await expect(page.getByRole('checkbox', { name: 'Failed' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'In doubt' })).toBeChecked();
  await expect(page.getByRole('columnheader', { name: /Created/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(
    rows(page)
      .first()
      .getByRole('link', { name: String(ids[0]) }),
  ).toHaveAttribute('href', `/processes/${ids[0]}`);
});

test('changing a filter updates the URL and the rows', async ({ page }) => {
  await page.goto('/processes?status=FAILED');
  const failed = await fromApi(page.request, 'status=FAILED&limit=25');
  await expect(rows(page)).toHaveCount(failed.ids.length);

  await page.getByRole('checkbox', { name: 'In doubt' }).check();
  await expect(page).toHaveURL(/\/processes\?status:in=FAILED,IN_DOUBT$/);
  const both = await fromApi(page.request, 'status:in=FAILED,IN_DOUBT&limit=25');
  await expect(rows(page)).toHaveCount(both.ids.length);
  expect(await shownIds(page)).toEqual(both.ids);

  // Typing replaces the URL once the person pauses; the list follows.
  await page.getByLabel('Identifier', { exact: true }).fill('taken-name');
  await expect(page).toHaveURL(/identifier:like=%25taken-name%25/);
  await expect(rows(page)).toHaveCount(1);
  expect(await shownIds(page)).toEqual([1000007]);

  // A quick filter is a new history entry; Back returns to the typed filter.
  await page.getByRole('button', { name: 'Waiting for action' }).click();
  await expect(page).toHaveURL(/\/processes\?status=SUSPENDED$/);
  await expect(page.getByRole('checkbox', { name: 'Suspended' })).toBeChecked();
  await page.goBack();
  await expect(page).toHaveURL(/identifier:like=%25taken-name%25/);
  await expect(page.getByLabel('Identifier', { exact: true })).toHaveValue('taken-name');
});

test('a picked date is the start of that day in the chosen time zone', async ({ page }) => {
  await page.goto('/processes?tz=utc');
  await page
    .getByRole('group', { name: 'Created' })
    .getByLabel('From (that day on)')
    .fill('2026-11-01');
  await expect(page).toHaveURL(/createdDate:gte=2026-11-01T00%3A00%3A00Z/);
  await page.goto('/processes?tz=Europe/Amsterdam');
  await page
    .getByRole('group', { name: 'Created' })
    .getByLabel('From (that day on)')
    .fill('2026-11-01');
  await expect(page).toHaveURL(/createdDate:gte=2026-10-31T23%3A00%3A00Z/);
  await expect(page.getByText('Days start at midnight in Europe/Amsterdam').first()).toBeVisible();
});

test('sorting and paging change the URL and the rows', async ({ page }) => {
  const first = await fromApi(page.request, 'limit=5');
  const total = first.body.pagination.total;
  await page.goto('/processes?limit=5');
  await expect(count(page)).toHaveText(`Showing 1–5 of ${total} processes.`);
  expect(await shownIds(page)).toEqual(first.ids);

  await page.getByRole('link', { name: 'Next →' }).click();
  await expect(page).toHaveURL(/\/processes\?offset=5&limit=5$/);
  const second = await fromApi(page.request, 'offset=5&limit=5');
  await expect(count(page)).toHaveText(`Showing 6–10 of ${total} processes.`);
  expect(await shownIds(page)).toEqual(second.ids);

  await page.getByRole('link', { name: 'Id: sort descending' }).click();
  await expect(page).toHaveURL(/\/processes\?order=-id&limit=5$/);
  const sorted = await fromApi(page.request, 'order=-id&limit=5');
  await expect(page.getByRole('columnheader', { name: /^Id:/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect.poll(() => shownIds(page)).toEqual(sorted.ids);
  const ids = await shownIds(page);
  expect([...ids].sort((a, b) => b - a)).toEqual(ids);

  await page.goBack();
  await expect(page).toHaveURL(/offset=5&limit=5$/);
  await expect.poll(() => shownIds(page)).toEqual(second.ids);
});

test('a failed list request keeps the last rows on screen, says so, and Retry recovers', async ({
  page,
}) => {
  const first = await fromApi(page.request, 'limit=5');
  await page.goto('/processes?limit=5');
  await expect(rows(page)).toHaveCount(5);
  expect(await shownIds(page)).toEqual(first.ids);

  // The console cannot be reached any more (the page retries, then gives up).
  await page.route('**/api/rtr/v2/processes?**', (route) => route.abort('connectionrefused'));
  await page.getByRole('link', { name: 'Next →' }).click();
  await expect(page).toHaveURL(/\/processes\?offset=5&limit=5$/);
  const banner = page.getByTestId('refresh-failed');
  await expect(banner).toContainText(
    'The last refresh failed; the rows below (the last list that loaded) may be out of date',
    { timeout: 30_000 },
  );
  // The rows of the first page are still there: nothing the person was reading is lost.
  expect(await shownIds(page)).toEqual(first.ids);

  await page.unroute('**/api/rtr/v2/processes?**');
  const second = await fromApi(page.request, 'offset=5&limit=5');
  await banner.getByRole('button', { name: 'Retry now' }).click();
  await expect.poll(() => shownIds(page)).toEqual(second.ids);
  await expect(banner).toHaveCount(0);
});

test('an invalid filter is explained, naming the parameter, and nothing is requested', async ({
  page,
}) => {
  const requests = recordApiRequests(page);
  await page.goto('/processes?status=BOGUS&order=-createdDate');
  await expect(
    page.getByRole('heading', { name: 'This process list filter cannot be used' }),
  ).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('status');
  await expect(page.getByRole('alert')).toContainText('a status is one of NEW');
  await expect(page.getByRole('alert')).toContainText('Nothing was requested.');
  expect(requests.filter((path) => path.startsWith('/api/rtr/'))).toEqual([]);

  await page.getByRole('link', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/processes$/);
  await expect(rows(page).first()).toBeVisible();
  expect(requests.filter((path) => path.startsWith('/api/rtr/'))).toEqual([
    '/api/rtr/v2/processes',
  ]);
});

test('no match is explained with how to widen the search', async ({ page }) => {
  await page.goto('/processes?identifier:eq=nothing-like-this.example');
  await expect(page.getByText('No processes match', { exact: true })).toBeVisible();
  await expect(page.getByText(/Widen the search/)).toBeVisible();
});

test('export downloads a CSV of the current filter whose rows match', async ({ page }) => {
  const search = 'status:in=FAILED,IN_DOUBT&order=-createdDate';
  const { ids } = await fromApi(page.request, `${search}&limit=100`);
  await page.goto(`/processes?${search}&limit=2`);
  await expect(rows(page)).toHaveCount(2);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^processes-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.split('\r\n').filter(Boolean);
  expect(lines[0]).toMatch(
    /^id,status,type,action,identifier,createdDate,created \(Europe\/Amsterdam\),updatedDate,updated \(Europe\/Amsterdam\),.*billables,billable quantity,billable amount \(minor units\)$/,
  );
  // Every row of the filter, not just the page on screen, in the list's order.
  expect(lines.slice(1).map((line) => Number(line.split(',')[0]))).toEqual(ids);
  await expect(page.getByText(`Downloaded ${ids.length} rows.`)).toBeVisible();
});

test.describe('axe-core finds nothing on the list in either theme', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(colorScheme, async ({ page }) => {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await page.goto('/processes?status:in=FAILED,IN_DOUBT,RUNNING&order=-createdDate');
      await expect(rows(page).first()).toBeVisible();
      await expect(page.getByRole('group', { name: 'Status' })).toBeVisible();
      await expectNoAxeViolations(page);
    });
  }
});
