// The bundle budget: for each route's cold load, the gzip bytes of every JS and CSS file the
// browser must fetch before that route renders (the entry, its static imports, the route's
// lazy chunk and its static imports, and their CSS). Run after `vite build`; exits 1 when a
// route is over budget. Deterministic: same build, same bytes.
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

/** The routes the budget covers, by the source file of their lazy page module. */
export const ROUTE_BUDGETS = [
  { route: '/processes/:processId', module: 'src/app/routes/process-route.tsx', budget: 125_000 },
  {
    route: '/transfers/:accountNumber/:domainName',
    module: 'src/app/routes/transfer-route.tsx',
    budget: 125_000,
  },
  {
    route: '/transfers/:accountNumber',
    module: 'src/app/routes/bulk-transfers-route.tsx',
    budget: 125_000,
  },
  { route: '/', module: 'src/app/routes/home-route.tsx', budget: 180_000 },
] as const;

/** Files (JS and CSS) needed before `module` renders, starting from the HTML entry. */
export function criticalFiles(manifest: Manifest, module: string): string[] {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    chunk.css?.forEach((css) => files.add(css));
    chunk.imports?.forEach(visit);
  };
  const entries = Object.keys(manifest).filter((key) => manifest[key]!.isEntry);
  entries.forEach(visit);
  visit(module);
  return [...files].sort();
}

export function gzipSize(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

function main() {
  const dist = process.argv[2] ?? 'dist';
  const manifest = JSON.parse(
    readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'),
  ) as Manifest;
  let failed = false;
  console.log('Bundle budget (gzip bytes of JS + CSS fetched before the route renders):');
  for (const { route, module, budget } of ROUTE_BUDGETS) {
    const files = criticalFiles(manifest, module);
    const bytes = files.reduce((sum, file) => sum + gzipSize(join(dist, file)), 0);
    const ok = bytes <= budget;
    failed ||= !ok;
    console.log(
      `  ${ok ? 'ok  ' : 'OVER'} ${route.padEnd(40)} ${(bytes / 1000).toFixed(1).padStart(6)} KB / ${budget / 1000} KB  (${files.length} files)`,
    );
  }
  if (failed) {
    console.error('A route is over its bundle budget: code-split what it does not need to render.');
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
