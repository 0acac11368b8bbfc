import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

/**
 * The console server goes away while a live page is open: its refresh fails, and any code the
 * page would still fetch fails too. The page keeps what it last knew, says that it may be out
 * of date, stops looking live, and recovers without a reload once the server is back.
 */
const statusBadge = (page: Page) => page.getByTestId('process-status');
const liveDot = (page: Page) => page.getByTestId('live-dot');

/** Every request to the console server fails, as when it is down. */
async function serverDown(page: Page) {
  await page.route('**/api/**', (route) => route.abort('connectionrefused'));
  await page.route('**/assets/**', (route) => route.abort('connectionrefused'));
}

test('a running process keeps its last status when refreshes fail, then recovers', async ({
  page,
}) => {
  await page.goto('/processes/1000015');
  await expect(page.getByRole('heading', { level: 1, name: 'Process 1000015' })).toBeVisible();
  await expect(statusBadge(page)).toContainText('Running');
  await expect(page.getByText(/^Live · updated just now/)).toBeVisible();
  await expect(liveDot(page)).toHaveAttribute('data-state', 'live');
  await expect(liveDot(page)).toHaveClass(/animate-pulse/);
  // Every section's code is here before the server goes away.
  await expect(page.getByRole('group', { name: 'Command' })).toBeVisible();

  await serverDown(page);
  await page.getByRole('button', { name: 'Refresh now' }).click();

  // While the retries run, the page already stops claiming to be live.
  await expect(liveDot(page)).toHaveAttribute('data-state', 'failing');
  await expect(liveDot(page)).not.toHaveClass(/animate-pulse/);
  await expect(page.getByText(/^Refresh failing · updated/)).toBeVisible();

  // After the retries: the last status stays, marked as possibly out of date.
  const banner = page.getByTestId('refresh-failed');
  await expect(banner).toContainText('The last refresh failed; the data below may be out of date', {
    timeout: 15_000,
  });
  await expect(banner).toContainText('The console server could not be reached');
  await expect(page.getByRole('heading', { level: 1, name: 'Process 1000015' })).toBeVisible();
  await expect(statusBadge(page)).toContainText('Running');
  await expect(page.getByRole('region', { name: 'Money' })).toBeVisible();
  await expect(page.getByText(/could not be loaded/)).toHaveCount(0);
  await expect(liveDot(page)).not.toHaveClass(/animate-pulse/);

  // The full explanation is code the page does not have yet: it says so in place, and the
  // status stays.
  await banner.getByText('What went wrong').click();
  const note = banner.getByTestId('section-load-error');
  await expect(note).toContainText('its explanation could not be loaded either');
  await expect(page.getByText('This page could not be loaded')).toHaveCount(0);
  await expect(statusBadge(page)).toContainText('Running');

  // The server is back: the explanation's code loads on retry, the refresh works again.
  await page.unrouteAll();
  await note.getByRole('button', { name: 'Retry' }).click();
  await expect(banner.getByRole('heading', { name: 'Connection problem' })).toBeVisible();
  await banner.getByRole('button', { name: 'Retry now' }).click();
  await expect(page.getByTestId('refresh-failed')).toHaveCount(0);
  await expect(liveDot(page)).toHaveAttribute('data-state', 'live');
  await expect(page.getByText(/^Live · updated just now/)).toBeVisible();
});

test('a section whose code cannot be fetched says so in place and loads on retry', async ({
  page,
}) => {
  // The home page first, so that the process page's own code is not fetched yet.
  await page.goto('/');
  await page.route('**/assets/json-view-*.js', (route) => route.abort('connectionrefused'));
  const box = page.getByRole('banner').getByRole('combobox', { name: /^Search/ });
  await box.fill('1000015');
  await box.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Process 1000015' })).toBeVisible();
  await expect(statusBadge(page)).toContainText('Running');
  const command = page.getByRole('region', { name: 'Command' });
  await expect(command.getByTestId('section-load-error')).toContainText(
    'This section could not be loaded',
  );
  await expect(page.getByText('This page could not be loaded')).toHaveCount(0);

  await page.unrouteAll();
  await command.getByRole('button', { name: 'Retry' }).click();
  await expect(command.getByRole('group', { name: 'Command' })).toBeVisible();
  await expect(command.getByTestId('section-load-error')).toHaveCount(0);
});
