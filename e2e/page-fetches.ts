import type { Page } from '@playwright/test';

declare global {
  interface Window {
    __consoleApiFetches?: string[];
  }
}

/**
 * Logs, inside the page, every `fetch` of an /api path the page's own code makes (but the
 * session question), and returns
 * a reader of that log (since the last navigation).
 *
 * Why not Playwright's request events: those arrive asynchronously, so "no request was made"
 * could only be checked after a sleep. A `fetch` call, however, happens in the same task as
 * the timer or render that starts it: once `page.clock.fastForward()` has returned (it runs
 * the due timers inside the page) or the page shows its answer, the log is complete, and the
 * next `page.evaluate` reads it without waiting for anything.
 */
export async function recordPageFetches(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const log: string[] = [];
    window.__consoleApiFetches = log;
    const original = window.fetch;
    window.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
      const href =
        typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const url = new URL(href, window.location.href);
      // The header's question of who is signed in (SESSION_PATH) is not a lookup.
      if (url.pathname.startsWith('/api/') && url.pathname !== '/api/session') {
        log.push(url.pathname);
      }
      return original.call(this, input, init);
    };
  });
  return () => page.evaluate(() => [...(window.__consoleApiFetches ?? [])]);
}
