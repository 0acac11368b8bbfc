import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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

  /** Hints for an SPA path whose parameters already passed validation; [] for any other. */
  return function hintsFor(path: string, isValidDomain: (domain: string) => boolean): string[] {
    const process = /^\/processes\/([1-9]\d{0,15})$/.exec(path);
    if (process && Number.isSafeInteger(Number(process[1]))) {
      return [
        ...modulePreloads('src/app/routes/process-route.tsx'),
        fetchPreload(`/api/rtr/v2/processes/${process[1]}`),
      ];
    }
    const transfer = /^\/transfers\/([A-Za-z0-9_-]{1,64})\/([a-z0-9.-]+)$/.exec(path);
    // Only names the page looks up at once (label.com, .net, .org: see transfer-route.tsx);
    // others wait for the suffix list in the browser, and an unused preload costs a warning.
    if (
      transfer &&
      /^[a-z0-9-]+\.(com|net|org)$/.test(transfer[2]!) &&
      isValidDomain(transfer[2]!)
    ) {
      const [, account, domain] = transfer;
      return [
        ...modulePreloads('src/app/routes/transfer-route.tsx'),
        fetchPreload(`/api/hostway/accounts/${account}/domains/transfers/${domain}`),
        fetchPreload(`/api/transfers/${account}/${domain}/history`),
      ];
    }
    if (/^\/transfers\/[A-Za-z0-9_-]{1,64}$/.test(path)) {
      return modulePreloads('src/app/routes/bulk-transfers-route.tsx');
    }
    return [];
  };
}
