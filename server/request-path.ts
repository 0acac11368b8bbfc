import type { Context } from 'hono';

/** The request path as the client sent it (no normalisation of `..` or `%2e`), without query. */
export function rawPath(c: Context): string {
  const incoming = (c.env as { incoming?: { url?: string } } | undefined)?.incoming;
  const raw = incoming?.url ?? new URL(c.req.url).pathname;
  const path = raw.split('?')[0] ?? '';
  return path.startsWith('/') ? path : new URL(raw, 'http://x').pathname;
}

const API_PREFIX = /^\/+api(?:\/|$)/;

/** Whether the request is for the console's API (as sent, or as Hono normalised it). */
export function isApiRequest(c: Context): boolean {
  return API_PREFIX.test(rawPath(c)) || API_PREFIX.test(c.req.path);
}

/** The port of the socket the request arrived on; undefined outside @hono/node-server. */
export function localPort(c: Context): number | undefined {
  const incoming = (c.env as { incoming?: { socket?: { localPort?: number } } } | undefined)
    ?.incoming;
  return incoming?.socket?.localPort;
}
