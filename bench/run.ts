// `npm run bench`: measures the console against its floors on this machine, each comparison
// side by side in the same run, and prints ratios. Not part of CI: wall-clock numbers vary.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from '@playwright/test';
import autocannon from 'autocannon';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.ts';
import { precompress } from '../scripts/precompress.ts';
import { criticalFiles, gzipSize, type Manifest } from '../scripts/bundle-budget.ts';
import { loadConfig } from '../server/config.ts';
import { startConsole } from '../server/main.ts';
import { openDatabase } from '../server/database.ts';
import { SANDBOX_RTR_API_KEY } from '../sandbox/server.ts';
import { spawnService } from './services.ts';
import { benchDatabase } from './database.ts';
import { TABLE_FIELDS } from '../src/features/processes/lib/list-query.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;
const results: string[] = [];
function report(line: string) {
  console.log(line);
  results.push(line);
}

function vite(...args: string[]) {
  execFileSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', ...args, '--logLevel', 'error'],
    {
      stdio: 'inherit',
    },
  );
}

function bundleBytes(dist: string, module?: string) {
  const manifest = JSON.parse(
    readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'),
  ) as Manifest;
  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry)!;
  return criticalFiles(manifest, module ?? entry).reduce(
    (sum, f) => sum + gzipSize(join(dist, f)),
    0,
  );
}

async function benchBundle(work: string) {
  vite('build');
  precompress('dist');
  const floorDist = join(work, 'floor-dist');
  vite(
    'build',
    'bench/floor',
    '--config',
    'vite.config.ts',
    '--outDir',
    floorDist,
    '--emptyOutDir',
  );
  const floor = bundleBytes(floorDist);
  report(
    `\n1. Bundle floor (gzip JS+CSS before first render; hello-world with the same deps: ${kb(floor)})`,
  );
  for (const [route, module] of [
    ['/processes/:id', 'src/app/routes/process-route.tsx'],
    ['/processes (list)', 'src/app/routes/process-list-route.tsx'],
    ['/transfers/:acct/:domain', 'src/app/routes/transfer-route.tsx'],
    ['/transfers/:acct (bulk)', 'src/app/routes/bulk-transfers-route.tsx'],
  ] as const) {
    const bytes = bundleBytes('dist', module);
    report(
      `   ${route.padEnd(26)} ${kb(bytes).padStart(9)}  = ${(bytes / floor).toFixed(3)} × floor (target ≤ 1.10)`,
    );
  }
}

/** The console in this process, on a free port, with its sandbox, quiet and without a watcher. */
function startBenchConsole(dataDir: string, env: Record<string, string> = {}) {
  return startConsole(
    loadConfig({
      PORT: '0',
      STATIC_DIR: 'dist',
      DATA_DIR: dataDir,
      TRANSFER_WATCH_INTERVAL_S: '0',
      ...env,
    }),
    { logger: () => {} },
  );
}

/**
 * navigation start → first element with data-status (the process status; on the list, the
 * first row's status badge) in the DOM.
 */
async function timeToStatus(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('[data-status]')) {
        (window as unknown as { contentAt: number }).contentAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { contentAt?: number }).contentAt);
  const at = await page.evaluate(() => (window as unknown as { contentAt: number }).contentAt);
  await context.close();
  return at;
}

async function benchDeepLink(browser: Browser, work: string) {
  const staticDir = join(work, 'static');
  await cp('dist', staticDir, { recursive: true });
  await cp('bench/static-probe', staticDir, { recursive: true });
  const running = await startBenchConsole(join(work, 'data-deeplink'), { STATIC_DIR: staticDir });
  try {
    const spa: number[] = [];
    const probe: number[] = [];
    const list: number[] = [];
    const listProbe: number[] = [];
    const listLink = '/processes?status:in=FAILED,IN_DOUBT&order=-createdDate';
    // What the list page asks for that link (a page of 25, the table's fields).
    const listApi = `/api/rtr/v2/processes?status:in=FAILED,IN_DOUBT&order=-createdDate&limit=25&fields=${TABLE_FIELDS}`;
    for (let i = 0; i < RUNS; i++) {
      // Interleaved so that all see the same machine conditions.
      spa.push(await timeToStatus(browser, `${running.url}/processes/46069000`));
      probe.push(await timeToStatus(browser, `${running.url}/static-probe.html`));
      list.push(await timeToStatus(browser, `${running.url}${listLink}`));
      listProbe.push(
        await timeToStatus(
          browser,
          `${running.url}/static-probe.html?api=${encodeURIComponent(listApi)}`,
        ),
      );
    }
    report(`\n2. Deep link, cold (navigation start → status visible, median of ${RUNS})`);
    report(
      `   console /processes/46069000 ${ms(median(spa))}; static probe ${ms(median(probe))}; ratio ${(median(spa) / median(probe)).toFixed(2)} (target ≤ 1.5)`,
    );
    report(
      `   console ${listLink} (first row) ${ms(median(list))}; static probe of the same list JSON ${ms(median(listProbe))}; ratio ${(median(list) / median(listProbe)).toFixed(2)} (target ≤ 1.5)`,
    );
  } finally {
    await running.close();
  }
}

/**
 * Records, in the page's own clock, when the progress bar first shows every domain looked up
 * (`window.allAnsweredAt`) and when a form was submitted (`window.submittedAt`). Waiting for the
 * bar from Node instead (polling) would add up to a polling interval and a round trip to the
 * figure, and polling often would add main-thread work to what is measured.
 */
async function observeBulkProgress(page: import('@playwright/test').Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { allAnsweredAt?: number; submittedAt?: number };
    document.addEventListener('submit', () => (w.submittedAt = performance.now()), true);
    new MutationObserver(() => {
      if (w.allAnsweredAt !== undefined) return;
      const bar = document.querySelector('progress');
      if (bar && bar.max > 0 && bar.value === bar.max) w.allAnsweredAt = performance.now();
    }).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['value'],
    });
  });
}

/** Waits (from Node, at leisure) until the page has recorded that every domain is answered. */
function allLookedUp(page: import('@playwright/test').Page, timeout: number) {
  return page.waitForFunction(
    () => (window as unknown as { allAnsweredAt?: number }).allAnsweredAt !== undefined,
    undefined,
    { polling: 500, timeout },
  );
}
const pageTimes = (page: import('@playwright/test').Page) =>
  page.evaluate(() => {
    const w = window as unknown as { allAnsweredAt: number; submittedAt?: number };
    return { allAnsweredAt: w.allAnsweredAt, submittedAt: w.submittedAt };
  });

/** Records the longest main-thread task (PerformanceObserver 'longtask') in `window.longest`. */
async function observeLongTasks(page: import('@playwright/test').Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}
/** The bulk request, from its start to its last byte (Resource Timing, the page's clock). */
const bulkRequest = (page: import('@playwright/test').Page) =>
  page.evaluate(() => {
    const entry = performance
      .getEntriesByType('resource')
      .find((e) => /\/api\/transfers\/[^/]+\/lookups$/.test(e.name)) as PerformanceResourceTiming;
    return { start: entry.startTime, end: entry.responseEnd };
  });
const longestTask = (page: import('@playwright/test').Page) =>
  page.evaluate(() => (window as unknown as { longest: number }).longest);

/**
 * 500 domains at 100 ms upstream latency, two ways, each run on its own account (the history
 * of one does not make the next one cheaper):
 * - as a person does it: the home page is open, they paste the list and press "Look up all";
 *   from that submit to every answer shown on the bulk page (the route's code, its checks,
 *   the request, the stream, the rendering). This is the figure the target is for.
 * - a cold link: navigation start to every answer shown, which also counts the browser
 *   loading and starting the app (the deep-link benchmark's subject, about 0.4 s here).
 * All times are the page's own clock (performance.now()).
 */
async function benchBulk(browser: Browser, work: string) {
  const latencyMs = 100;
  const count = 500;
  const concurrency = 8;
  const running = await startBenchConsole(join(work, 'data-bulk'), {
    SANDBOX_LATENCY_MS: String(latencyMs),
    TRANSFER_CONCURRENCY: String(concurrency),
  });
  try {
    const submitted: number[] = [];
    const cold: number[] = [];
    const streams: number[] = [];
    const beforeRequest: number[] = [];
    const afterLastByte: number[] = [];
    const longest: number[] = [];
    const runs = Math.min(RUNS, 3);
    const domains = Array.from({ length: count }, (_, i) => `bulk-${i + 1}.com`);
    for (let run = 0; run < runs; run++) {
      // A person's way: paste the list on the home page and submit.
      let context = await browser.newContext();
      let page = await context.newPage();
      await observeLongTasks(page);
      await observeBulkProgress(page);
      await page.goto(`${running.url}/`);
      await page.waitForLoadState('networkidle');
      const form = page.getByRole('region', { name: 'Many transfers at once' });
      await form.getByLabel('Account number').fill(`acct${run}`);
      await form.getByLabel('Domain names').fill(domains.join('\n'));
      await page.evaluate(() => {
        performance.clearResourceTimings();
        (window as unknown as { longest: number }).longest = 0;
      });
      await form.getByRole('button', { name: 'Look up all' }).click();
      await allLookedUp(page, 120_000);
      const times = await pageTimes(page);
      const request = await bulkRequest(page);
      submitted.push(times.allAnsweredAt - times.submittedAt!);
      streams.push(request.end - request.start);
      beforeRequest.push(request.start - times.submittedAt!);
      afterLastByte.push(times.allAnsweredAt - request.end);
      longest.push(await longestTask(page));
      await context.close();

      // A cold link to the same list (another account).
      context = await browser.newContext();
      page = await context.newPage();
      await observeBulkProgress(page);
      await page.goto(`${running.url}/`);
      await page.waitForLoadState('networkidle');
      await page.goto(`${running.url}/transfers/acct${run}cold?domains=${domains.join(',')}`);
      await allLookedUp(page, 120_000);
      cold.push((await pageTimes(page)).allAnsweredAt);
      await context.close();
    }
    const ideal = (count / concurrency) * latencyMs;
    const ratio = (xs: number[]) => (median(xs) / ideal).toFixed(2);
    report(
      `\n3. Bulk: ${count} domains, ${latencyMs} ms upstream latency, TRANSFER_CONCURRENCY=${concurrency} (one NDJSON request; median of ${runs}; ideal ${ms(ideal)})`,
    );
    report(
      `   "Look up all" submitted → every answer shown ${ms(median(submitted))}; ratio ${ratio(submitted)} (target ≤ 1.10); runs ${submitted.map(ms).join(', ')}; longest main-thread task ${ms(median(longest))}`,
    );
    report(
      `   of which submit → request sent ${ms(median(beforeRequest))}, the request (sent → last byte) ${ms(median(streams))} = ${ratio(streams)} × ideal, last byte → shown ${ms(median(afterLastByte))}`,
    );
    report(
      `   cold link, navigation start → every answer shown ${ms(median(cold))}; ratio ${ratio(cold)} (includes loading the app)`,
    );
  } finally {
    await running.close();
  }
}

/**
 * 5,000 domains opened cold from a fragment link, at no upstream latency (the answers arrive as
 * fast as the console can give them: the page's worst case), then sorted and scrolled: the
 * longest main-thread task of each part.
 */
async function benchBulkLarge(browser: Browser, work: string) {
  const count = 5_000;
  const running = await startBenchConsole(join(work, 'data-bulk-large'), {
    TRANSFER_CONCURRENCY: '8',
  });
  try {
    const { deflateRawSync } = await import('node:zlib');
    const domains = Array.from({ length: count }, (_, i) => `bulk-${i + 1}.com`).join(',');
    const fragment = deflateRawSync(domains).toString('base64url');
    const context = await browser.newContext();
    const page = await context.newPage();
    await observeLongTasks(page);
    await observeBulkProgress(page);
    await page.goto(`${running.url}/`);
    await page.waitForLoadState('networkidle');
    await page.goto(`${running.url}/transfers/acct12345#dz=${fragment}`);
    await allLookedUp(page, 300_000);
    const total = (await pageTimes(page)).allAnsweredAt;
    const loading = await longestTask(page);
    await page.evaluate(() => ((window as unknown as { longest: number }).longest = 0));
    await page.getByRole('button', { name: 'Changed' }).click();
    await page.waitForURL(/sort=changed/);
    await page.getByRole('button', { name: 'Status' }).click();
    await page.waitForURL(/sort=status/);
    await page.getByRole('combobox', { name: 'Outcome' }).selectOption('in-progress');
    await page.waitForURL(/outcome=in-progress/);
    await page.getByRole('combobox', { name: 'Outcome' }).selectOption('');
    const table = page.getByRole('region', { name: 'Transfer results' });
    for (let i = 0; i < 20; i++) {
      await table.evaluate((el, y) => el.scrollTo(0, y), i * 10_000);
      await page.waitForTimeout(16);
    }
    await page.waitForTimeout(200);
    const interacting = await longestTask(page);
    await context.close();
    report(`\n3b. Bulk: ${count} domains from a fragment link, no upstream latency`);
    report(
      `   all looked up in ${ms(total)}; longest main-thread task while loading ${ms(loading)}, while sorting, filtering and scrolling ${ms(interacting)} (target ≤ 50 ms)`,
    );
  } finally {
    await running.close();
  }
}

async function cannon(url: string, headers: Record<string, string>) {
  const result = await autocannon({ url, connections: 50, duration: 10, headers });
  return result.requests.average;
}

async function benchProxy(work: string) {
  // Sandbox and console in processes of their own, so that neither shares the load generator's
  // event loop (in one process the comparison would measure that, not the proxy).
  const sandbox = await spawnService(
    'sandbox/main.ts',
    { SANDBOX_PORT: '18081', SANDBOX_HOST: '127.0.0.1' },
    /18081/,
  );
  const consoleServer = await spawnService(
    'server/main.ts',
    {
      PORT: '18080',
      HOST: '127.0.0.1',
      STATIC_DIR: 'dist',
      DATA_DIR: join(work, 'data-proxy'),
      RTR_API_URL: 'http://127.0.0.1:18081/rtr',
      RTR_API_KEY: SANDBOX_RTR_API_KEY,
      TRANSFER_WATCH_INTERVAL_S: '0',
    },
    /127\.0\.0\.1:18080/,
  );
  try {
    const direct = await cannon('http://127.0.0.1:18081/rtr/v2/processes/46069000', {
      authorization: `ApiKey ${SANDBOX_RTR_API_KEY}`,
    });
    const proxied = await cannon('http://127.0.0.1:18080/api/rtr/v2/processes/46069000', {});
    report(
      `\n4. Proxy overhead (autocannon, 50 connections, 10 s each, loopback, separate processes)`,
    );
    report(
      `   through the console ${proxied.toFixed(0)} req/s; straight to the sandbox ${direct.toFixed(0)} req/s; ratio ${(proxied / direct).toFixed(2)} (target ≥ 0.7)`,
    );
  } finally {
    consoleServer.kill();
    sandbox.kill();
  }
}

/**
 * What a cold deep link really downloads until the page settles (network idle), lazy sections
 * included: every script and stylesheet response, counted as the gzip size of the built file so
 * that it compares with the budget test (scripts/bundle-budget.ts).
 */
async function benchPageWeight(browser: Browser, work: string) {
  const running = await startBenchConsole(join(work, 'data-weight'));
  try {
    report(`\n6. Page weight (gzip JS+CSS fetched by a cold deep link until network idle)`);
    for (const path of [
      '/processes/46069000',
      '/processes/1000003',
      '/transfers/acct12345/test.com',
      '/transfers/acct12345/example.co.uk',
      '/transfers/acct12345?domains=test.com,active.com,example.co.uk',
      '/',
    ]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const files = new Set<string>();
      page.on('response', (response) => {
        const type = response.request().resourceType();
        if (type === 'script' || type === 'stylesheet') files.add(new URL(response.url()).pathname);
      });
      await page.goto(running.url + path, { waitUntil: 'networkidle' });
      await context.close();
      const bytes = [...files].reduce((sum, file) => sum + gzipSize(join('dist', file)), 0);
      report(
        `   ${path.padEnd(64)} ${kb(bytes).padStart(9)} in ${files.size} files (budget 150 KB)`,
      );
    }
  } finally {
    await running.close();
  }
}

/** navigation start → billables table rendered with its totals row. */
async function timeToBillables(browser: Browser, url: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('rowheader', { name: /^Total \(/ }).waitFor();
  const at = await page.evaluate(() => performance.now());
  await context.close();
  return at;
}

async function benchBillables(browser: Browser, work: string) {
  const running = await startBenchConsole(join(work, 'data-billables'));
  try {
    const big: number[] = [];
    const small: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      big.push(await timeToBillables(browser, `${running.url}/processes/1000013`));
      small.push(await timeToBillables(browser, `${running.url}/processes/1000017`));
    }
    report(`\n5. Billables (navigation start → table with totals rendered, median of ${RUNS})`);
    report(
      `   2,000 billables ${ms(median(big))}; 10 billables ${ms(median(small))}; ratio ${(median(big) / median(small)).toFixed(2)} (target ≤ 3)`,
    );
  } finally {
    await running.close();
  }
}

/**
 * DATA_DIR with `pairs` transfers recorded, 1 to 4 statuses each, in every phase (straight into
 * the table, in one transaction: the bench measures reading the overview, not writing it).
 */
async function seedWatchedPairs(dataDir: string, pairs: number) {
  const database = await openDatabase(dataDir);
  const db = database.sqlite!;
  const insert = db.prepare(
    `INSERT INTO transfer_observation (account_number, domain_name, status, description,
       status_change_date, first_seen_at, last_seen_at, seen_count, source)
     VALUES (?, ?, ?, ?, '', ?, ?, 1, 'watcher')`,
  );
  const path = [1, 3, 7, 6, 8, 9, 10, 14];
  const start = Date.now() - 30 * 24 * 3600 * 1000;
  db.transaction(() => {
    for (let i = 0; i < pairs; i++) {
      const steps = 1 + (i % 4);
      const offset = i % (path.length - steps + 1);
      for (let step = 0; step < steps; step++) {
        const at = new Date(start + (i % 500) * 3_600_000 + step * 86_400_000).toISOString();
        const code = path[offset + step]!;
        insert.run(`acct${i % 50}`, `pair-${i}.com`, code, `code ${code}`, at, at);
      }
    }
  })();
  await database.close();
}

/** navigation start → the overview's first row in the DOM. */
async function timeToOverviewRows(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page
    .getByRole('table', { name: 'Transfers the console has seen' })
    .getByRole('rowheader')
    .first()
    .waitFor();
  const at = await page.evaluate(() => performance.now());
  await context.close();
  return at;
}

async function benchOverview(browser: Browser, work: string) {
  const pairs = 10_000;
  const dataDir = join(work, 'data-overview');
  await seedWatchedPairs(dataDir, pairs);
  const running = await startBenchConsole(dataDir);
  try {
    const api: number[] = [];
    const filtered: number[] = [];
    const page: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      const answer = (await (await fetch(`${running.url}/api/watch`)).json()) as { total: number };
      api.push(performance.now() - t);
      if (answer.total !== pairs)
        throw new Error(`the overview lists ${answer.total} pairs, not ${pairs}`);
      t = performance.now();
      await (await fetch(`${running.url}/api/watch?stuck=true&order=-changes&q=pair-1`)).json();
      filtered.push(performance.now() - t);
      page.push(await timeToOverviewRows(browser, `${running.url}/transfers`));
    }
    report(`\n7. Overview with ${pairs.toLocaleString('en-GB')} watched pairs (median of ${RUNS})`);
    report(
      `   GET /api/watch (first 100 rows + counts) ${ms(median(api))}; filtered and ordered ${ms(median(filtered))}; /transfers navigation start → rows ${ms(median(page))}`,
    );
  } finally {
    await running.close();
  }
}

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'console-bench-'));
  report(`Registrar Console benchmark — ${new Date().toISOString()}`);
  report(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    // BENCH_ONLY=deeplink,bulk runs a subset (names: bundle deeplink bulk bulk-large proxy billables
    // weight overview database).
    const only = process.env.BENCH_ONLY?.split(',');
    const wanted = (name: string) => !only || only.includes(name);
    if (wanted('bundle')) await benchBundle(work);
    if (wanted('deeplink')) await benchDeepLink(browser, work);
    if (wanted('bulk')) await benchBulk(browser, work);
    if (wanted('bulk-large')) await benchBulkLarge(browser, work);
    if (wanted('proxy')) await benchProxy(work);
    if (wanted('billables')) await benchBillables(browser, work);
    if (wanted('weight')) await benchPageWeight(browser, work);
    if (wanted('overview')) await benchOverview(browser, work);
    if (wanted('database')) await benchDatabase(report);
  } finally {
    await browser.close();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
