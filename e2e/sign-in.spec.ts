import { deflateRawSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations } from './fixtures.ts';

// The second console of playwright.config.ts: AUTH_MODE=oidc with the development provider
// mounted at /dev-oidc, AUTH_ALLOWED_DOMAINS=example.com.
const SIGN_IN_URL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 8181) + 1}`;
test.use({ baseURL: SIGN_IN_URL });
// Each test signs in through the provider and runs axe: more than the default 30 s on a busy machine.
test.describe.configure({ timeout: 60_000 });

/** On the development provider's own page, as a person does it. */
async function signInOnProviderPage(page: Page, email: string, password: string) {
  await expect(page).toHaveURL(/\/dev-oidc\/interaction\//);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function session(page: Page) {
  const res = await page.request.get('/api/session');
  return { status: res.status(), body: (await res.json()) as Record<string, unknown> };
}

test('a signed-out visitor is sent to the provider and, signed in as alice, back to the console', async ({
  page,
}) => {
  await page.goto('/');
  await signInOnProviderPage(page, 'alice@example.com', 'alice');
  await expect(page).toHaveURL(`${SIGN_IN_URL}/`);
  await expect(page.getByRole('main').getByRole('search')).toBeVisible();
  expect(await session(page)).toEqual({
    status: 200,
    body: {
      mode: 'oidc',
      user: { email: 'alice@example.com', name: 'Alice Example', admin: true },
      canSignOut: true,
    },
  });
  await expectNoAxeViolations(page);
});

test('a deep link opened cold goes through sign-in and lands on it', async ({ page }) => {
  await page.goto('/processes/46069000');
  await signInOnProviderPage(page, 'alice@example.com', 'alice');
  await expect(page).toHaveURL(`${SIGN_IN_URL}/processes/46069000`);
  await expect(page.getByRole('heading', { level: 1, name: 'Process 46069000' })).toBeVisible();
  await expect(page.getByTestId('process-status')).toBeVisible();
  await expectNoAxeViolations(page);
  // Her lookup is in the audit trail, under her name (alice is an admin by default here).
  await page.goto('/audit?user=alice@example.com&object=46069000');
  const rows = page.getByRole('table', { name: 'Lookups, newest first' }).getByRole('row');
  await expect(rows.filter({ hasText: 'alice@example.com' }).first()).toContainText('46069000');
});

test('mallory (evil.example) is signed in but not allowed: the page says so, no data; sign-out works', async ({
  page,
}) => {
  const apiRequests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) apiRequests.push(request.url());
  });
  await page.goto('/processes/46069000');
  await signInOnProviderPage(page, 'mallory@evil.example', 'mallory');
  await expect(page).toHaveURL(`${SIGN_IN_URL}/processes/46069000`);
  await expect(page.getByRole('heading', { level: 1, name: 'Not allowed' })).toBeVisible();
  await expect(page.getByText('You are signed in as mallory@evil.example.')).toBeVisible();
  await expect(page.getByText('Process 46069000')).toHaveCount(0);
  expect(apiRequests).toEqual([]);
  expect((await session(page)).status).toBe(403);
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(`${SIGN_IN_URL}/auth/signed-out`);
  await expect(page.getByRole('heading', { level: 1, name: 'Signed out' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign in again' })).toBeVisible();
  expect((await session(page)).status).toBe(401);
  await expectNoAxeViolations(page);
});

test('sign-out from the console’s own page ends alice’s session; the next page asks again', async ({
  page,
}) => {
  await page.goto('/transfers/acct12345/test.com');
  await signInOnProviderPage(page, 'alice@example.com', 'alice');
  await expect(page).toHaveURL(`${SIGN_IN_URL}/transfers/acct12345/test.com`);
  expect((await session(page)).status).toBe(200);
  // The header's Sign out button: a form POST from the console's page.
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(`${SIGN_IN_URL}/auth/signed-out`);
  expect((await session(page)).status).toBe(401);
  const api = await page.request.get('/api/rtr/v2/processes/46069000');
  expect(api.status()).toBe(401);
  expect(((await api.json()) as { type: string }).type).toBe('ConsoleUnauthenticated');
});

test('a session that ends on a bulk link: signing in again comes back to the list in its fragment', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await signInOnProviderPage(page, 'alice@example.com', 'alice');
  await expect(page).toHaveURL(`${SIGN_IN_URL}/`);
  // Long enough for the fragment form; one name the sandbox answers with a 500.
  const domains = [
    ...Array.from({ length: 600 }, (_, i) => `bulk-${i + 1}.com`),
    'registry-failure.com',
  ];
  const fragment = `#dz=${deflateRawSync(domains.join(',')).toString('base64url')}`;
  await page.goto(`/transfers/acct12345${fragment}`);
  const heading = page.getByRole('heading', { level: 2, name: '601 domains on account acct12345' });
  await expect(heading).toBeVisible();
  const retry = page.getByRole('button', { name: 'Retry 1 failed' });
  await expect(retry).toBeVisible({ timeout: 30_000 });

  // The session ends (cookies gone); the next lookup is refused and the page says so.
  await page.context().clearCookies();
  await retry.click();
  await page.getByRole('alert').getByRole('link', { name: 'Sign in again' }).click();
  await signInOnProviderPage(page, 'alice@example.com', 'alice');
  // Back on the same link, fragment included: the list is there and looked up again.
  await expect(page).toHaveURL(`${SIGN_IN_URL}/transfers/acct12345${fragment}`);
  await expect(heading).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveAccessibleName(/^601 of 601 looked up/, {
    timeout: 30_000,
  });
});
