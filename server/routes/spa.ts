import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Handler, MiddlewareHandler } from 'hono';
import { createPreloadHints } from '../preload-hints.ts';
import { rawPath } from '../request-path.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** An internal console: no search engine may index it, whatever the build contains. */
export const robotsTxt: Handler = (c) => {
  c.header('Cache-Control', 'no-cache');
  return c.text('User-agent: *\nDisallow: /\n', 200);
};

/**
 * The built SPA in `staticDir`: its files, served precompressed, hashed assets as immutable.
 * The directory may appear after start-up (`npm run build` while the server runs).
 */
export function staticFiles(staticDir: string): MiddlewareHandler {
  const staticRoot = resolve(staticDir);
  let serve: MiddlewareHandler | undefined;
  return async (c, next) => {
    if (!serve && existsSync(staticRoot)) {
      serve = serveStatic({
        root: staticRoot,
        // `npm run build` writes .br/.gz beside each asset (scripts/precompress.ts).
        precompressed: true,
        onFound: (file, ctx) => {
          const inAssets = file.startsWith(join(staticRoot, 'assets') + sep);
          ctx.header('Cache-Control', inAssets ? IMMUTABLE : 'no-cache');
        },
      });
    }
    return serve ? serve(c, next) : next();
  };
}

/**
 * Every other path is a client route: index.html, with preload hints for a deep link, so one
 * opened cold works. A missing hashed asset is a real 404: index.html would confuse the browser.
 */
export function spaFallback(staticDir: string): Handler {
  const staticRoot = resolve(staticDir);
  const preloadHints = createPreloadHints(staticRoot);
  return async (c) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      c.header('Allow', 'GET, HEAD');
      return c.text('Method not allowed', 405);
    }
    if (c.req.path.startsWith('/assets/')) return c.text('Not found', 404);
    let html: string;
    try {
      html = await readFile(resolve(staticRoot, 'index.html'), 'utf8');
    } catch {
      c.header('Cache-Control', 'no-store');
      return c.text(
        'The console has not been built yet: index.html is missing from the static directory. Run `npm run build`, then reload this page.\n',
        503,
      );
    }
    c.header('Cache-Control', 'no-cache');
    const hints = preloadHints(rawPath(c));
    if (hints.length > 0) c.header('Link', hints.join(', '));
    return c.html(html, 200);
  };
}
