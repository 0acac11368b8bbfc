import { readFile } from 'node:fs/promises';
import { test, expect, expectNoAxeViolations } from './fixtures.ts';

// AUTH_MODE=none: the local operator is the admin. Objects unique to this spec, so rows of other
// specs sharing the data dir do not matter.
const PROCESS = '1000003';
const ACCOUNT = 'acct12345';
const DOMAIN = 'test.com';

test('the audit trail shows the lookups just made, newest first, filters by URL and exports CSV', async ({
  page,
}) => {
  await page.goto(`/processes/${PROCESS}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.goto(`/transfers/${ACCOUNT}/${DOMAIN}`);
  await expect(
    page.getByRole('heading', { level: 1, name: `Transfer of ${DOMAIN}` }),
  ).toBeVisible();

  await page.goto('/audit?tz=utc');
  const table = page.getByRole('table', { name: 'Lookups, newest first' });
  await expect(table).toBeVisible();
  const objects = table.getByRole('row').locator('td:nth-child(4)');
  const texts = await objects.allTextContents();
  const transferAt = texts.indexOf(`${ACCOUNT}/${DOMAIN}`);
  const processAt = texts.indexOf(PROCESS);
  expect(transferAt).toBeGreaterThanOrEqual(0);
  expect(processAt).toBeGreaterThan(transferAt);
  await expectNoAxeViolations(page);

  await page.goto(`/audit?tz=utc&object=${PROCESS}`);
  await expect(page.getByLabel(/Looked up/)).toHaveValue(PROCESS);
  await expect(objects.first()).toHaveText(PROCESS);
  expect(new Set(await objects.allTextContents())).toEqual(new Set([PROCESS]));

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('audit-trail.csv');
  const lines = (await readFile(await file.path(), 'utf8')).split('\r\n').filter(Boolean);
  expect(lines[0]).toBe(
    'time (UTC),user,kind,object,upstream status,console error,answer status,request id',
  );
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines.slice(1))
    expect(line).toMatch(new RegExp(`^[^,]+,local,process,${PROCESS},`));
  await expectNoAxeViolations(page);
});
