// The bundle budget, two figures per route, both gzip bytes of JS + CSS, from Vite's manifest:
// - first render: what the browser must fetch before the route renders (the entry, its static
//   imports, the route's lazy chunk and its static imports, and their CSS);
// - settled: that plus every lazy section the page loads by itself once it renders: the dynamic
//   imports of those chunks, followed transitively, except the ones listed in ON_DEMAND (loaded
//   only on a person's action or a condition such as an error) and the other routes' pages.
// Run after `vite build`; exits 1 when a route is over either budget. Deterministic: same build,
// same bytes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

export interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export interface RouteBudget {
  route: string;
  /** The source file of the route's lazy page module. */
  module: string;
  firstRender: number;
  settled: number;
}

// Settled: 150 KB for every route. First render: 125 KB for the process list (issue 11), and
// for the others what they weighed on 2026-12-02 plus 1 to 2 KB, so that what a page gains is
// a decision (raise its figure here, say why in BENCHMARKS.md) rather than a drift up to a
// common ceiling. The project-wide ceiling stays 135 KB: no route's figure may exceed it.
export const FIRST_RENDER_CEILING = 135_000;
const SETTLED = 150_000;

/** The routes the budget covers, with their first-render budgets (gzip bytes). */
export const ROUTE_BUDGETS: readonly RouteBudget[] = [
  {
    route: '/processes/:processId',
    module: 'src/app/routes/process-route.tsx',
    firstRender: 127_000,
  },
  { route: '/processes', module: 'src/app/routes/process-list-route.tsx', firstRender: 125_000 },
  {
    route: '/transfers/:accountNumber/:domainName',
    module: 'src/app/routes/transfer-route.tsx',
    firstRender: 127_000,
  },
  {
    route: '/transfers/:accountNumber',
    module: 'src/app/routes/bulk-transfers-route.tsx',
    firstRender: 123_000,
  },
  {
    route: '/domains/:domainName',
    module: 'src/app/routes/domain-route.tsx',
    firstRender: 133_000,
  },
  { route: '/', module: 'src/app/routes/home-route.tsx', firstRender: 121_000 },
  { route: '/audit', module: 'src/app/routes/audit-route.tsx', firstRender: 124_000 },
  { route: '/transfers', module: 'src/app/routes/overview-route.tsx', firstRender: 127_000 },
].map((route) => ({ ...route, settled: SETTLED }));

/**
 * Lazy modules a page never loads by itself, so "settled" leaves them out: each one says when it
 * is loaded. Anything lazy and not listed here counts, so a new lazy section is counted until
 * someone says why it should not be. The router's pages are never followed from one another.
 */
export const ON_DEMAND: Readonly<Record<string, string>> = {
  'src/components/error-panel.tsx': 'shown only when a request or a section fails',
  'src/lib/csv.ts': 'loaded when someone presses "Export CSV" (bulk transfers, audit trail)',
  'src/features/processes/components/process-list-export.tsx':
    'the process list\'s export, loaded when someone presses "Export CSV"',
  'src/features/transfers/components/history-error.tsx':
    'shown only when the observed history of a transfer fails to load',
  'src/features/transfers/components/not-recorded-notice.tsx':
    'shown only when the console could not record a status (its database failed)',
  'src/app/routes/not-found-route.tsx': 'the page for a path no route matches',
  'src/features/search/interpret.ts':
    "the search box's readings, loaded when someone first focuses or points at the box",
};

export interface RouteFiles {
  /** JS and CSS fetched before the route renders. */
  firstRender: string[];
  /** firstRender plus the lazy sections the page always loads. */
  settled: string[];
  /** The source modules of those lazy sections, in the order they were found. */
  lazySections: string[];
}

/** Files (JS and CSS) needed before `module` renders, starting from the HTML entry. */
export function criticalFiles(manifest: Manifest, module: string): string[] {
  return routeFiles(manifest, module, { onDemand: {}, otherRoutes: [] }).firstRender;
}

/** Both figures' files for the route whose page module is `module`. */
export function routeFiles(
  manifest: Manifest,
  module: string,
  options: { onDemand: Readonly<Record<string, string>>; otherRoutes: readonly string[] },
): RouteFiles {
  const chunk = (key: string) => {
    const found = manifest[key];
    if (!found) throw new Error(`${key} is not in the build manifest`);
    return found;
  };
  for (const key of [...Object.keys(options.onDemand), ...options.otherRoutes]) chunk(key);

  const files = new Set<string>();
  const reached: string[] = [];
  const visit = (key: string) => {
    const found = chunk(key);
    if (files.has(found.file)) return;
    files.add(found.file);
    reached.push(key);
    found.css?.forEach((css) => files.add(css));
    found.imports?.forEach(visit);
  };
  const entries = Object.keys(manifest).filter((key) => manifest[key]!.isEntry);
  entries.forEach(visit);
  visit(module);
  const firstRender = [...files].sort();

  const skip = new Set([...Object.keys(options.onDemand), ...options.otherRoutes, module]);
  const lazySections: string[] = [];
  // `reached` grows while it is walked: a lazy section's own chunks are followed in turn.
  for (let i = 0; i < reached.length; i++) {
    for (const lazy of chunk(reached[i]!).dynamicImports ?? []) {
      if (skip.has(lazy) || files.has(chunk(lazy).file)) continue;
      lazySections.push(lazy);
      visit(lazy);
    }
  }
  return { firstRender, settled: [...files].sort(), lazySections };
}

export function gzipSize(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1).padStart(6)} KB`;

function main() {
  const dist = process.argv[2] ?? 'dist';
  const manifest = JSON.parse(
    readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'),
  ) as Manifest;
  const sizes = new Map<string, number>();
  const total = (files: string[]) =>
    files.reduce((sum, file) => {
      if (!sizes.has(file)) sizes.set(file, gzipSize(join(dist, file)));
      return sum + sizes.get(file)!;
    }, 0);

  let failed = false;
  console.log('Bundle budget (gzip bytes of JS + CSS: before first render / once settled):');
  for (const { route, module, firstRender, settled } of ROUTE_BUDGETS) {
    const otherRoutes = ROUTE_BUDGETS.map((r) => r.module).filter((m) => m !== module);
    const files = routeFiles(manifest, module, { onDemand: ON_DEMAND, otherRoutes });
    const first = total(files.firstRender);
    const all = total(files.settled);
    const ok = first <= firstRender && all <= settled;
    failed ||= !ok;
    console.log(
      `  ${ok ? 'ok  ' : 'OVER'} ${route.padEnd(40)} first render ${kb(first)} / ${firstRender / 1000} KB${first > firstRender ? ' OVER' : ''}` +
        `   settled ${kb(all)} / ${settled / 1000} KB${all > settled ? ' OVER' : ''}`,
    );
    for (const lazy of files.lazySections) console.log(`         + lazy ${lazy}`);
  }
  console.log('  Not counted (on demand only):');
  for (const [module, why] of Object.entries(ON_DEMAND)) console.log(`    ${module}: ${why}`);
  if (failed) {
    console.error('A route is over its bundle budget: code-split what it does not need to render.');
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
