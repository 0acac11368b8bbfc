import { test as base, expect, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import { SESSION_PATH } from '../src/contract/session.ts';

/**
 * Every test fails on a page error or an unexpected console error. Chromium logs each non-2xx
 * fetch as "Failed to load resource"; error-state tests expect those, so they are ignored.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        if (message.text().startsWith('Failed to load resource')) return;
        errors.push(message.text());
      });
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * For tests whose upstream answers 429: the console then pauses that upstream for everyone
 * (issue 9), which would fail whatever other test uses it meanwhile. playwright.config.ts runs
 * them on their own, after the rest.
 */
export const PAUSES_UPSTREAM_TAG = '@pauses-upstream';
export const PAUSES_UPSTREAM = { tag: PAUSES_UPSTREAM_TAG };

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, 'axe-core violations').toEqual([]);
}

/**
 * Records the /api requests the page makes, to prove that invalid input sends none. The
 * header's one question of who is signed in (/api/session) is not a lookup and is left out.
 */
export function recordApiRequests(page: Page): string[] {
  const paths: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/') && url.pathname !== SESSION_PATH) {
      paths.push(url.pathname);
    }
  });
  return paths;
}
