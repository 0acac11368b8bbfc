import type { MiddlewareHandler } from 'hono';
import { isApiRequest } from './request-path.ts';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * What every `/api` answer (and every error Node answers itself) carries: whatever its bytes, it
 * can run neither as a document (sandbox, nothing may load) nor as a script (nosniff + JSON).
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...SECURITY_HEADERS,
  'Content-Security-Policy': "sandbox; default-src 'none'",
};

/** Browsers that saw it over https keep to https for a year, sub-domains included. */
export const HSTS = 'max-age=31536000; includeSubDomains';

// Not documents either: probe and scraper answers get the API's headers.
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Set before the handler runs: Hono then writes them with the response it creates, instead of
 * turning every response into a full Web Response afterwards (a third of the throughput).
 * HSTS when the console's public origin (PUBLIC_URL) is https: it is then reached through TLS
 * (a proxy in front terminates it), and a browser should never try plain http again.
 */
export function securityHeaders({
  publicOrigin,
}: { publicOrigin?: string } = {}): MiddlewareHandler {
  const https = publicOrigin?.startsWith('https://') ?? false;
  const withHsts = (headers: Readonly<Record<string, string>>) =>
    Object.entries(https ? { ...headers, 'Strict-Transport-Security': HSTS } : headers);
  const api = withHsts(API_SECURITY_HEADERS);
  const pages = withHsts(SECURITY_HEADERS);
  return async (c, next) => {
    const headers = isApiRequest(c) || PROBES.has(c.req.path) ? api : pages;
    for (const [name, value] of headers) c.header(name, value);
    await next();
  };
}
