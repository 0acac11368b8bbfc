// @vitest-environment node
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPreloadHints } from './preload-hints.ts';

function staticDirWithManifest() {
  const dir = mkdtempSync(join(tmpdir(), 'hints-'));
  mkdirSync(join(dir, '.vite'));
  writeFileSync(
    join(dir, '.vite', 'manifest.json'),
    JSON.stringify({
      'index.html': { file: 'assets/index.js', isEntry: true },
      'src/app/routes/process-route.tsx': { file: 'assets/process.js', imports: ['_shared.js'] },
      'src/app/routes/transfer-route.tsx': { file: 'assets/transfer.js', imports: ['_shared.js'] },
      'src/app/routes/bulk-transfers-route.tsx': { file: 'assets/bulk.js' },
      'src/app/routes/process-list-route.tsx': { file: 'assets/list.js', imports: ['_shared.js'] },
      'src/features/processes/components/process-list-table.tsx': {
        file: 'assets/list-table.js',
        imports: ['_shared.js', '_badge.js'],
      },
      'src/features/processes/components/process-list-filters.tsx': {
        file: 'assets/list-filters.js',
        imports: ['_shared.js'],
      },
      '_badge.js': { file: 'assets/badge.js' },
      '_shared.js': { file: 'assets/shared.js' },
    }),
  );
  return dir;
}

describe('preload hints', () => {
  const hintsFor = createPreloadHints(staticDirWithManifest());

  it('preloads the process page chunks and its API answer', () => {
    expect(hintsFor('/processes/46069000')).toEqual([
      '</assets/process.js>; rel=modulepreload',
      '</assets/shared.js>; rel=modulepreload',
      '</api/rtr/v2/processes/46069000>; rel=preload; as=fetch; crossorigin=anonymous',
    ]);
  });

  it('preloads the process list, its table and its filters, each chunk once', () => {
    expect(hintsFor('/processes')).toEqual([
      '</assets/list.js>; rel=modulepreload',
      '</assets/shared.js>; rel=modulepreload',
      '</assets/list-table.js>; rel=modulepreload',
      '</assets/badge.js>; rel=modulepreload',
      '</assets/list-filters.js>; rel=modulepreload',
    ]);
    expect(hintsFor('/processes/')).toEqual(hintsFor('/processes'));
  });

  it('preloads a transfer status and its history only for valid two-label domains', () => {
    expect(hintsFor('/transfers/acct12345/test.com')).toContain(
      '</api/hostway/accounts/acct12345/domains/transfers/test.com>; rel=preload; as=fetch; crossorigin=anonymous',
    );
    expect(hintsFor('/transfers/acct12345/www.test.com')).toEqual([]);
    expect(hintsFor('/transfers/acct12345/-test.com')).toEqual([]);
  });

  it('gives nothing for invalid ids or unknown paths', () => {
    expect(hintsFor('/processes/0123')).toEqual([]);
    expect(hintsFor('/processes/99999999999999999')).toEqual([]);
    expect(hintsFor('/elsewhere')).toEqual([]);
  });

  it('without a manifest still preloads the API answer', () => {
    const none = createPreloadHints(mkdtempSync(join(tmpdir(), 'no-manifest-')));
    expect(none('/processes/1')).toEqual([
      '</api/rtr/v2/processes/1>; rel=preload; as=fetch; crossorigin=anonymous',
    ]);
  });
});
