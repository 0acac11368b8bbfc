import type { Context } from 'hono';
import { rawPath } from '../request-path.ts';

/*
 * What is answered without sign-in. Probes (an orchestrator has no session; /metrics has its own
 * rule, see server/metrics.ts) and the SPA's static files: the hashed bundles, the theme script
 * and the icon hold code and no data (every datum comes from /api, which needs a session), and
 * the sign-in pages themselves use the theme script and the icon. index.html is NOT here: a
 * page route is where sign-in starts.
 */
export const PUBLIC_PATHS: readonly string[] = [
  '/healthz',
  '/readyz',
  '/metrics',
  '/robots.txt',
  '/favicon.svg',
  '/theme.js',
];

/** Everything under these prefixes is public too. */
export const PUBLIC_PREFIXES: readonly string[] = ['/assets/'];

function isPublicPath(path: string): boolean {
  return PUBLIC_PATHS.includes(path) || PUBLIC_PREFIXES.some((prefix) => path.startsWith(prefix));
}

/**
 * Both the path as sent and as routed must be public: `/assets/../index.html` is sent under
 * /assets/ but routed to /index.html.
 */
export function isPublicRequest(c: Context): boolean {
  return isPublicPath(rawPath(c)) && isPublicPath(c.req.path);
}
