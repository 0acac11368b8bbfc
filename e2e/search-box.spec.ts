import { expect, expectNoAxeViolations, recordApiRequests, test } from './fixtures.ts';
import type { Page } from '@playwright/test';

const search = (page: Page) => page.getByRole('banner').getByRole('combobox', { name: /^Search/ });
const options = (page: Page) => page.getByRole('listbox', { name: 'Search suggestions' });

test('/ and Ctrl+K focus the search box from any page; Esc closes the list, then leaves', async ({
  page,
}) => {
  await page.goto('/processes/1000004');
  await expect(page.getByRole('heading', { level: 1, name: 'Process 1000004' })).toBeVisible();
  await page.locator('body').press('/');
  await expect(search(page)).toBeFocused();
  await search(page).press('Escape');
  await expect(search(page)).not.toBeFocused();
  await page.keyboard.press('Control+k');
  await expect(search(page)).toBeFocused();
  await search(page).fill('acme-widgets.com');
  await expect(search(page)).toHaveAttribute('aria-expanded', 'true');
  await search(page).press('Escape');
  await expect(search(page)).toHaveAttribute('aria-expanded', 'false');
  await expect(search(page)).toBeFocused();
  await search(page).press('Escape');
  await expect(search(page)).not.toBeFocused();
});

test('says what Enter opens as you type, and requests nothing until then', async ({ page }) => {
  await page.goto('/');
  const requests = recordApiRequests(page);
  const box = search(page);
  await box.fill('"<jane@acme-widgets.com>".');
  await expect(box).toHaveAccessibleDescription('Enter opens acme-widgets.com.');
  await expect(options(page).getByRole('option')).toHaveText([
    /acme-widgets\.com.*from the address/,
    /Search processes for/,
  ]);
  // ↓ highlights the first choice, ↓ again the next; Enter opens the highlighted one.
  await box.press('ArrowDown');
  await expect(options(page).getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await box.press('ArrowDown');
  const textSearch = page.getByRole('option', { name: /Search processes for/ });
  await expect(textSearch).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute(
    'aria-activedescendant',
    (await textSearch.getAttribute('id'))!,
  );
  await expectNoAxeViolations(page);
  expect(requests).toEqual([]);
  await box.press('Enter');
  await expect(page).toHaveURL(/\/processes\?q=/);
});

test('offers several pasted ids one by one and opens none on Enter alone', async ({ page }) => {
  await page.goto('/');
  const box = search(page);
  await box.fill('1000004, 1000007');
  await expect(box).toHaveAccessibleDescription('2 choices: pick one with ↓ and Enter.');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/$/);
  await expect(options(page).getByRole('option')).toHaveCount(2);
  await box.press('ArrowDown');
  await box.press('ArrowDown');
  await box.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Process 1000007' })).toBeVisible();
});

test('opens account/domain as that transfer', async ({ page }) => {
  await page.goto('/');
  await search(page).fill('acct12345/Test.com');
  await expect(search(page)).toHaveAccessibleDescription('Enter opens Transfer of test.com.');
  await search(page).press('Enter');
  await expect(page).toHaveURL(/\/transfers\/acct12345\/test\.com$/);
});
