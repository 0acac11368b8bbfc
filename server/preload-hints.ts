import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isFlatTldName } from '../src/contract/flat-tld-name.ts';
import { validateAccount, validateDomain, validateProcessId } from './validation.ts';

interface ManifestChunk {
  file: string;
  imports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/**
 * `Link` preload hints for a deep link opened cold, so the browser fetches the page's chunks and
 * its API answer alongside the entry script instead of one after the other (entry → router →
 * page chunk → API). Built from Vite's manifest; without one there are simply no hints.
 */
export function createPreloadHints(staticRoot: string) {
  let manifest: Manifest | null | undefined;
  const load = () => {
    if (manifest === undefined) {
      try {
        manifest = JSON.parse(
          readFileSync(join(staticRoot, '.vite', 'manifest.json'), 'utf8'),
        ) as Manifest;
      } catch {
        manifest = null;
      }
    }
    return manifest;
  };

  const modulePreloads = (module: string): string[] => {
    const chunks = load();
    if (!chunks?.[module]) return [];
    const files = new Set<string>();
    const visit = (key: string) => {
      const chunk = chunks[key];
      if (!chunk || files.has(chunk.file)) return;
      files.add(chunk.file);
      chunk.imports?.forEach(visit);
    };
    visit(module);
    return [...files].map((file) => `</${file}>; rel=modulepreload`);
  };

  const fetchPreload = (path: string) => `<${path}>; rel=preload; as=fetch; crossorigin=anonymous`;

  /** Hints for an SPA path whose parameters are valid (same rules as the API); [] otherwise. */
  return function hintsFor(path: string): string[] {
    const process = /^\/processes\/([^/]+)$/.exec(path);
    if (process && !validateProcessId(process[1]!)) {
      return [
        ...modulePreloads('src/app/routes/process-route.tsx'),
        fetchPreload(`/api/rtr/v2/processes/${process[1]}`),
      ];
    }
    if (/^\/processes\/?$/.test(path)) {
      // The table's and the filters' code too: the list requests both as soon as its own code
      // runs, and they would otherwise wait for it. (Its API answer depends on the query string,
      // which the page reads and requests itself.)
      return [
        ...new Set([
          ...modulePreloads('src/app/routes/process-list-route.tsx'),
          ...modulePreloads('src/features/processes/components/process-list-table.tsx'),
          ...modulePreloads('src/features/processes/components/process-list-filters.tsx'),
        ]),
      ];
    }
    const transfer = /^\/transfers\/([^/]+)\/([^/]+)$/.exec(path);
    if (transfer) {
      const account = transfer[1]!;
      const domain = transfer[2]!;
      // Only names the page looks up at once; others wait for the server's domain check
      // (POST /api/domain-names), and an unused preload costs a console warning.
      if (validateAccount(account) || validateDomain(domain) || !isFlatTldName(domain)) return [];
      return [
        ...modulePreloads('src/app/routes/transfer-route.tsx'),
        fetchPreload(`/api/hostway/accounts/${account}/domains/transfers/${domain}`),
        fetchPreload(`/api/transfers/${account}/${domain}/history`),
      ];
    }
    const bulk = /^\/transfers\/([^/]+)$/.exec(path);
    if (bulk && !validateAccount(bulk[1]!)) {
      // The results table and the lookups' code too: a list in the query or the fragment
      // (which the server cannot see) needs them at once, and their chunks would otherwise
      // wait for the route's.
      return [
        ...new Set([
          ...modulePreloads('src/app/routes/bulk-transfers-route.tsx'),
          ...modulePreloads('src/features/transfers/components/bulk-transfers.tsx'),
          ...modulePreloads('src/features/transfers/bulk-runner.ts'),
        ]),
      ];
    }
    return [];
  };
}
