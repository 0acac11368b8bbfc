import type { MiddlewareHandler } from 'hono';
import type { ConsoleError } from './console-error.ts';
import { isApiRequest, localPort } from './request-path.ts';

/*
 * Who may talk to the console. A DNS-rebinding page reaches 127.0.0.1 under its own name, so the
 * Host header must be one of the console's own names; a page of another site may still make the
 * browser send a request (a no-cors GET, a form), so API requests must come from the console's
 * own origin. Both checks run before anything is forwarded or recorded.
 */

export interface HostPolicy {
  /** `name` (any port) or `name:port` (that port only), lower-case: ALLOWED_HOSTS + PUBLIC_URL. */
  allowedHosts: readonly string[];
  /** PUBLIC_URL's origin: the browser's Origin behind a proxy that rewrites Host. */
  publicOrigin?: string;
}

interface ParsedHost {
  name: string;
  port: number | undefined;
}

const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+?)\.?(?::(\d{1,5}))?$/;

/** `name[:port]` as in a Host header (IPv6 in brackets), lower-cased; undefined if malformed. */
export function parseHost(value: string): ParsedHost | undefined {
  const match = HOST_HEADER.exec(value.trim().toLowerCase());
  if (!match?.[1]) return undefined;
  const port = match[2] === undefined ? undefined : Number(match[2]);
  if (port !== undefined && port > 65535) return undefined;
  return { name: match[1], port };
}

/** localhost, 127.0.0.0/8 (plain dotted decimal) and [::1]. */
export function isLoopbackName(name: string): boolean {
  if (name === 'localhost' || name === '[::1]') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  return !!octets && octets.slice(1).every((o) => Number(o) <= 255 && !/^0\d/.test(o));
}

/**
 * Whether a Host header names this console: a loopback name with the port the request came in
 * on (or none), or an allowed name (an entry without a port matches every port).
 */
export function isOwnHost(
  header: string | undefined,
  policy: HostPolicy,
  port: number | undefined,
): boolean {
  if (header === undefined) return false;
  const host = parseHost(header);
  if (!host) return false;
  if (
    isLoopbackName(host.name) &&
    (host.port === undefined || port === undefined || host.port === port)
  ) {
    return true;
  }
  return policy.allowedHosts.some((entry) => {
    const allowed = parseHost(entry);
    if (!allowed || allowed.name !== host.name) return false;
    return allowed.port === undefined || allowed.port === host.port;
  });
}

/** 421 for every request (pages included) whose Host is not one of the console's names. */
export function hostCheck(policy: HostPolicy, consoleError: ConsoleError): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host');
    if (isOwnHost(host, policy, localPort(c))) return next();
    c.header('Cache-Control', 'no-store');
    return consoleError(
      c,
      421,
      'ConsoleMisdirectedRequest',
      `This console does not answer to the host name ${JSON.stringify(host ?? '')}. Open it by its own address: 127.0.0.1 or localhost, or a name listed in ALLOWED_HOSTS or PUBLIC_URL.`,
    );
  };
}

/**
 * 403 for an API request sent by a page of another site (`Sec-Fetch-Site` other than
 * same-origin or none; same-site counts too: a sibling sub-domain is not the console) or with a
 * foreign `Origin`. Requests without these headers (curl, scripts) pass: they cannot be a page
 * borrowing the operator's browser.
 */
export function apiOriginCheck(policy: HostPolicy, consoleError: ConsoleError): MiddlewareHandler {
  return async (c, next) => {
    if (!isApiRequest(c)) return next();
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    let refused: string | undefined;
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      refused = `it was sent by a page of another site (Sec-Fetch-Site: ${site})`;
    } else if (origin !== undefined && !isOwnOrigin(origin, c.req.header('host'), policy)) {
      refused = `it was sent by a page of another origin (${origin})`;
    }
    if (!refused) return next();
    c.header('Cache-Control', 'no-store');
    return consoleError(
      c,
      403,
      'ConsoleForbiddenOrigin',
      `The console's API answers only the console's own pages; this request was refused because ${refused}.`,
    );
  };
}

/** Whether `origin` is the console's: PUBLIC_URL, or the origin of the Host it was reached by. */
export function isOwnOrigin(origin: string, host: string | undefined, policy: HostPolicy): boolean {
  if (policy.publicOrigin !== undefined && origin === policy.publicOrigin) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // includes "null": a sandboxed frame, a file, a redirect across origins
  }
  if (url.origin !== origin || host === undefined) return false;
  const own = parseHost(host);
  const from = parseHost(url.host);
  if (!own || !from) return false;
  return own.name === from.name && own.port === from.port;
}
