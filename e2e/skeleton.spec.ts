import { test, expect, expectNoAxeViolations, recordApiRequests } from './fixtures.ts';

test.describe('process deep link', () => {
  test('opens cold and shows the SDK example process', async ({ page }) => {
    await page.goto('/processes/46069000');
    await expect(page.getByRole('heading', { level: 1, name: 'Process 46069000' })).toBeVisible();
    await expect(page.getByTestId('process-status')).toHaveAttribute('data-status', 'FAILED');
    await expect(page.getByTestId('status-detail')).toHaveText('Contact validation failed');
    await expect(page).toHaveTitle('Process 46069000 · Registrar Console');
    await expectNoAxeViolations(page);
  });

  test('explains an unknown process', async ({ page }) => {
    await page.goto('/processes/1234');
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading', { name: 'Not found' })).toBeVisible();
    await expect(alert).toContainText('There is no process 1234');
    await expect(alert.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  });

  test('refuses an invalid id without asking the server', async ({ page }) => {
    const requests = recordApiRequests(page);
    await page.goto('/processes/12abc');
    await expect(page.getByRole('heading', { name: 'Not a process id' })).toBeVisible();
    expect(requests).toEqual([]);
  });
});

test.describe('transfer deep link', () => {
  test('opens cold and shows the Hostway example transfer', async ({ page }) => {
    await page.goto('/transfers/acct12345/test.com');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Transfer of test.com' }),
    ).toBeVisible();
    await expect(page.getByTestId('transfer-status')).toHaveText('CONFIRM_PEND (code 7)');
    await expect(page.getByText('joshbond@usa.net', { exact: true })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('explains a domain without a transfer order', async ({ page }) => {
    await page.goto('/transfers/acct12345/no-transfer.com');
    await expect(page.getByRole('alert')).toContainText(
      'There is no transfer order for no-transfer.com on account acct12345',
    );
  });
});

test('the home page links to sandbox examples and passes axe', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Process 46069000' }).click();
  await expect(page).toHaveURL(/\/processes\/46069000$/);
  await expect(page.getByTestId('process-status')).toHaveAttribute('data-status', 'FAILED');
  await page.goto('/');
  await expectNoAxeViolations(page);
});

test('an unknown page says so', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});
