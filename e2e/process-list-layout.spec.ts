import type { Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations } from './fixtures.ts';

// The list's filters come in a chunk of their own, after the page's first render (the bundle
// budget, scripts/bundle-budget.ts). Until they arrive their place is held, so that the rows,
// which may already be on screen, do not move down when the form appears. Measured as the
// browser does, as cumulative layout shift (CLS), on a cold deep link whose filters' chunk is
// held back until the rows are shown: the worst case, without a timer.

test.use({ timezoneId: 'Europe/Amsterdam', locale: 'en-US' });

/** Google's "good" CLS is 0.1; a page that holds every lazy part's place stays near 0. */
const MAX_CLS = 0.02;

const FILTERS_CHUNK = /\/assets\/process-list-filters-[\w-]+\.js$/;

interface LayoutShiftEntry extends PerformanceEntry {
  value: number;
  hadRecentInput: boolean;
  sources?: { node?: Node | null }[];
}

declare global {
  interface Window {
    layoutShifts?: { value: number; sources: string[] }[];
    layoutShiftObserver?: PerformanceObserver;
  }
}

/** Records every layout shift not caused by input, from the start of the document. */
async function observeLayoutShifts(page: Page) {
  await page.addInitScript(() => {
    const shifts: { value: number; sources: string[] }[] = [];
    const record = (entries: PerformanceEntryList) => {
      for (const entry of entries as LayoutShiftEntry[]) {
        if (entry.hadRecentInput) continue;
        const sources = (entry.sources ?? []).map((source) => {
          const node = source.node;
          return node instanceof Element
            ? `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}.${node.className.toString().split(' ').slice(0, 3).join('.')}`
            : String(node?.nodeName);
        });
        shifts.push({ value: entry.value, sources });
      }
    };
    const observer = new PerformanceObserver((list) => record(list.getEntries()));
    observer.observe({ type: 'layout-shift', buffered: true });
    window.layoutShifts = shifts;
    window.layoutShiftObserver = observer;
  });
}

/** The page's CLS so far (one session window is all a page this short has), with its shifts. */
async function cumulativeLayoutShift(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ cls: number; shifts: { value: number; sources: string[] }[] }>((resolve) => {
        // Two frames: a shift is reported once the frame that made it has been painted.
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            const shifts = window.layoutShifts!;
            const pending = window.layoutShiftObserver!.takeRecords() as LayoutShiftEntry[];
            for (const entry of pending) {
              if (!entry.hadRecentInput) shifts.push({ value: entry.value, sources: [] });
            }
            resolve({ cls: shifts.reduce((sum, s) => sum + s.value, 0), shifts: [...shifts] });
          }),
        );
      }),
  );
}

/** Holds the filters' chunk (its modulepreload and its import) until `release()`. */
async function holdFiltersChunk(page: Page) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held: string[] = [];
  await page.route(FILTERS_CHUNK, async (route) => {
    held.push(new URL(route.request().url()).pathname);
    await released;
    await route.continue();
  });
  return { release, held };
}

const top = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .first()
    .evaluate((element) => element.getBoundingClientRect().top + window.scrollY);

const DESKTOP = { name: 'desktop', width: 1280, height: 720 }; // lg and up: one line per row of the form
const TABLET = { name: 'tablet', width: 768, height: 1024 }; // md: statuses on two lines, rows in sight

// Each link in both themes, each at both breakpoints where the rows are in sight on first load.
const CASES = [
  { search: '?status=FAILED', viewport: DESKTOP, colorScheme: 'light', axe: true },
  { search: '', viewport: DESKTOP, colorScheme: 'dark', axe: false },
  { search: '?status=FAILED', viewport: TABLET, colorScheme: 'dark', axe: false },
  { search: '', viewport: TABLET, colorScheme: 'light', axe: false },
] as const;

for (const { search, viewport, colorScheme, axe } of CASES) {
  test(`a cold /processes${search} keeps its rows in place while the filters load (${viewport.name}, ${colorScheme})`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await observeLayoutShifts(page);
    const filters = await holdFiltersChunk(page);

    await page.goto(`/processes${search}`);
    // The rows are shown before the filters' code has arrived, the placeholder in its place.
    await expect(page.getByTestId('process-row').first()).toBeVisible();
    await expect(page.getByRole('status').getByText('Loading the filters…')).toBeVisible();
    await expect(page.getByRole('form', { name: 'Filter processes' })).toHaveCount(0);
    expect(filters.held.length).toBeGreaterThan(0);
    const before = { count: await top(page, 'result-count'), row: await top(page, 'process-row') };
    // The placeholder is a labelled loading state, nothing an assistive technology trips on.
    if (axe) await expectNoAxeViolations(page);

    filters.release();
    await expect(page.getByRole('form', { name: 'Filter processes' })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: 'Failed' })).toBeChecked({
      checked: search !== '',
    });
    // The header's lazy part (who is signed in) arrives by itself: its shift counts too.
    await expect(page.getByTestId('user-menu')).toBeVisible();

    const { cls, shifts } = await cumulativeLayoutShift(page);
    test.info().annotations.push({ type: 'CLS', description: cls.toFixed(4) });
    expect(cls, `layout shifts: ${JSON.stringify(shifts)}`).toBeLessThan(MAX_CLS);
    expect(await top(page, 'result-count')).toBe(before.count);
    expect(await top(page, 'process-row')).toBe(before.row);
  });
}

// The header's account part (who is signed in) loads after the page. At widths where the header
// wraps, its arrival used to push every page down by a line (CLS 0.19 at 1024×768).
for (const width of [1280, 1024, 900, 640, 480]) {
  test(`the header keeps its height when who is signed in arrives (${width} px wide)`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    await observeLayoutShifts(page);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/session', async (route) => {
      await released;
      await route.continue();
    });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const mainTop = () =>
      page.locator('main').evaluate((element) => element.getBoundingClientRect().top);
    const before = await mainTop();
    release();
    await expect(page.getByTestId('user-menu')).toBeVisible();
    const { cls, shifts } = await cumulativeLayoutShift(page);
    test.info().annotations.push({ type: 'CLS', description: cls.toFixed(4) });
    expect(await mainTop()).toBe(before);
    expect(cls, `layout shifts: ${JSON.stringify(shifts)}`).toBeLessThan(MAX_CLS);
  });
}
