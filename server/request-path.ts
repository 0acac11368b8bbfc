import type { Context } from 'hono';

/** The request path as the client sent it (no normalisation of `..` or `%2e`), without query. */
export function rawPath(c: Context): string {
  const incoming = (c.env as { incoming?: { url?: string } } | undefined)?.incoming;
  const raw = incoming?.url ?? new URL(c.req.url).pathname;
  const path = raw.split('?')[0] ?? '';
  return path.startsWith('/') ? path : new URL(raw, 'http://x').pathname;
}
