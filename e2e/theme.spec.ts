import type { Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations } from './fixtures.ts';

const themeSelect = (page: Page) => page.getByRole('combobox', { name: 'Theme' });
const htmlTheme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);
const bodyBackground = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('the choice is remembered across reloads and overrides the system setting', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await expect(themeSelect(page)).toHaveValue('system');
  expect(await htmlTheme(page)).toBe('light');
  const light = await bodyBackground(page);

  await themeSelect(page).selectOption({ label: 'Dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const dark = await bodyBackground(page);
  expect(dark).not.toBe(light);

  await page.reload({ waitUntil: 'domcontentloaded' });
  // At DOMContentLoaded the theme is already set and painted from the stylesheet.
  expect(await htmlTheme(page)).toBe('dark');
  expect(await bodyBackground(page)).toBe(dark);
  await expect(themeSelect(page)).toHaveValue('dark');

  await themeSelect(page).selectOption({ label: 'Light' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
  expect(await htmlTheme(page)).toBe('light');
  await expect(themeSelect(page)).toHaveValue('light');
});

test('"System" follows prefers-color-scheme, also when it changes', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/processes/46069000');
  await expect(page.getByRole('heading', { level: 1, name: 'Process 46069000' })).toBeVisible();
  expect(await htmlTheme(page)).toBe('dark');
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe(
    'dark',
  );
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('no flash: the theme is set by a blocking script before the stylesheet, without the app', async ({
  page,
}) => {
  const response = await page.request.get('/processes/46069000');
  const html = await response.text();
  const themeScript = html.indexOf('<script src="/theme.js"></script>');
  expect(themeScript, 'a classic, synchronous script (no defer, async or module)').toBeGreaterThan(
    0,
  );
  expect(themeScript).toBeLessThan(html.indexOf('<link rel="stylesheet"'));
  expect(themeScript).toBeLessThan(html.indexOf('<script type="module"'));
  expect(themeScript).toBeLessThan(html.indexOf('<body'));

  // Without the app's JavaScript, the page still gets the remembered theme: nothing waits for
  // React to pick it.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  await themeSelect(page).selectOption({ label: 'Dark' });
  const dark = await bodyBackground(page);
  await page.route('**/assets/*.js', (route) => route.abort());
  await page.reload({ waitUntil: 'domcontentloaded' });
  expect(await htmlTheme(page)).toBe('dark');
  expect(await bodyBackground(page)).toBe(dark);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(0);
});

test.describe('axe-core finds nothing in either theme', () => {
  test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-US' });
  const pages: [string, string, (page: Page) => Promise<void>][] = [
    [
      'home',
      '/',
      async (page) => {
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      },
    ],
    [
      'a failed process',
      '/processes/46069000',
      async (page) => {
        await expect(page.getByTestId('process-status')).toContainText('Failed');
        await expect(page.getByRole('group', { name: 'Command' })).toBeVisible();
      },
    ],
    [
      'a running process',
      '/processes/1000015',
      async (page) => {
        await expect(page.getByTestId('process-status')).toContainText('Running');
        await expect(page.getByRole('group', { name: 'Command' })).toBeVisible();
      },
    ],
    [
      'a transfer',
      '/transfers/acct12345/test.com',
      async (page) => {
        await expect(page.getByTestId('transfer-status')).toBeVisible();
        await expect(page.getByRole('list', { name: 'Transfer phases' })).toBeVisible();
        await expect(page.getByText('Loading the observed history…')).toHaveCount(0);
      },
    ],
    [
      'a bulk lookup',
      '/transfers/acct12345?domains=test.com,active.com',
      async (page) => {
        await expect(page.getByText('2 of 2 looked up')).toBeVisible();
      },
    ],
  ];
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const [name, path, ready] of pages) {
      test(`${name}, ${colorScheme}`, async ({ page }) => {
        // No pulsing: axe measures contrast on what is on screen at that instant.
        await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
        await page.goto(path);
        await ready(page);
        expect(await htmlTheme(page)).toBe(colorScheme);
        await expectNoAxeViolations(page);
      });
    }
  }
});
