import { expect, expectNoAxeViolations, test } from './fixtures.ts';

test.describe('/domains/:domainName', () => {
  test('opens cold with its processes, asks for an account, then shows the transfer', async ({
    page,
  }) => {
    await page.goto('/domains/example.com');
    await expect(page.getByRole('heading', { level: 1, name: 'example.com' })).toBeVisible();
    const processes = page.getByRole('region', { name: 'Processes' });
    await expect(processes.getByRole('link', { name: '1000010' })).toBeVisible();
    await expect(processes.getByRole('row')).toHaveCount(2); // the header and the one process
    // No account in the URL and none remembered in this fresh browser: it asks.
    const transfer = page.getByRole('region', { name: 'Transfer' });
    await transfer.getByLabel('Account number').fill('acct12345');
    await transfer.getByRole('button', { name: 'Show the transfer' }).click();
    await expect(page).toHaveURL(/\/domains\/example\.com\?account=acct12345$/);
    await expect(transfer.getByRole('link', { name: 'Open the transfer page' })).toHaveAttribute(
      'href',
      '/transfers/acct12345/example.com',
    );
    await expect(transfer.getByRole('heading', { name: 'Observed by the console' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('links to it from a domain process and from a transfer page', async ({ page }) => {
    await page.goto('/processes/1000010');
    await page.getByRole('link', { name: 'Everything about example.com' }).click();
    await expect(page).toHaveURL(/\/domains\/example\.com$/);
    await page.goto('/transfers/acct12345/test.com');
    await page.getByRole('link', { name: 'Everything about test.com' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'test.com' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Processes' })).toContainText(
      'No process has test.com as its identifier',
    );
  });

  test('redirects www. and upper case to the registrable domain, and refuses a non-domain', async ({
    page,
  }) => {
    await page.goto('/domains/www.Example.com');
    await expect(page).toHaveURL(/\/domains\/example\.com\?from=www\.Example\.com$/);
    await expect(page.getByRole('status').filter({ hasText: 'Showing' })).toContainText(
      'www.Example.com',
    );
    await page.goto('/domains/not a domain');
    await expect(page.getByRole('heading', { level: 1, name: 'Not a domain name' })).toBeVisible();
  });
});
