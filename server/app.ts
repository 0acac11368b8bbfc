import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { createPreloadHints } from './preload-hints.ts';
import {
  validateAccount,
  validateDomain,
  validateFields,
  validateProcessId,
} from './validation.ts';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import type { ContentfulStatusCode, StatusCode } from 'hono/utils/http-status';
import { forward, type Forward, type ForwardResult, type Upstream } from './proxy.ts';
import {
  parseTransferStatus,
  transferStatusPath,
  type HistoryStore,
  type Observation,
} from './transfer-history.ts';

export interface AppOptions {
  upstreams: {
    rtr: { baseUrl: string; authorization: string };
    hostway: { baseUrl: string; authorization: string };
  };
  timeoutMs: number;
  staticDir: string;
  /** Where transfer statuses seen through the proxy are recorded, and history is read from. */
  history: HistoryStore;
  /**
   * Sends requests to the Hostway API: the concurrency-limited forwarder shared with the
   * transfer watcher (see limitForward).
   */
  hostwayForward: Forward;
  /** Receives one line per request (and a few diagnostics); secrets are already redacted. */
  logger: (line: string) => void;
}

export type ConsoleErrorType =
  | 'ConsoleInvalidInput'
  | 'ConsoleNotFound'
  | 'ConsoleMethodNotAllowed'
  | 'UpstreamTimeout'
  | 'UpstreamUnreachable'
  | 'ConsoleInternalError';

/** The body of every error the console itself produces (upstream errors pass through as-is). */
export interface ConsoleErrorBody {
  type: ConsoleErrorType;
  message: string;
  source: 'console';
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';

const API_PREFIX = /^\/+api(?:\/|$)/;
const NULL_BODY_STATUS = new Set([204, 205, 304]);

type Vars = { Variables: { upstreamMs?: number } };

type ApiRoute =
  | { api: 'rtr'; processId: string }
  | { api: 'hostway'; accountNumber: string; domainName: string }
  | { api: 'history'; accountNumber: string; domainName: string };

/** The body of `GET /api/transfers/:accountNumber/:domainName/history`. */
export interface TransferHistoryBody {
  accountNumber: string;
  domainName: string;
  observations: Observation[];
}

/**
 * Matches the RAW request path against the allowed routes: the two forwarded ones and the
 * console's own transfer history. Anything odd — an encoded `/` or `\`, a `.`/`..` segment (also
 * percent-encoded), an empty segment, an extra or missing segment — matches nothing. Segments
 * are not decoded: they are validated as sent.
 */
export function matchApiRoute(path: string): ApiRoute | undefined {
  if (/%2f|%5c|\\/i.test(path)) return undefined;
  const s = path.split('/').slice(1);
  if (s.some((x) => x === '' || /^(?:\.|%2e){1,2}$/i.test(x))) return undefined;
  if (s.length === 5 && s.slice(0, 4).join('/') === 'api/rtr/v2/processes') {
    return { api: 'rtr', processId: s[4] ?? '' };
  }
  if (
    s.length === 7 &&
    s.slice(0, 3).join('/') === 'api/hostway/accounts' &&
    s.slice(4, 6).join('/') === 'domains/transfers'
  ) {
    return { api: 'hostway', accountNumber: s[3] ?? '', domainName: s[6] ?? '' };
  }
  if (s.length === 5 && s[0] === 'api' && s[1] === 'transfers' && s[4] === 'history') {
    return { api: 'history', accountNumber: s[2] ?? '', domainName: s[3] ?? '' };
  }
  return undefined;
}

/** Builds the console's HTTP app. Pure: it does not listen. */
export function createApp(options: AppOptions): Hono<Vars> {
  const redact = makeRedactor([
    options.upstreams.rtr.authorization,
    options.upstreams.hostway.authorization,
  ]);
  const log = (line: string) => options.logger(redact.text(line));
  const rtr: Upstream = { name: 'Realtime Register API', ...options.upstreams.rtr };
  const hostway: Upstream = { name: 'Hostway API', ...options.upstreams.hostway };
  const staticRoot = resolve(options.staticDir);

  const consoleError = (
    c: Context,
    status: ContentfulStatusCode,
    type: ConsoleErrorType,
    message: string,
  ) => {
    const body: ConsoleErrorBody = { type, message: redact.text(message), source: 'console' };
    return c.json(body, status);
  };

  // Records a transfer status seen through the proxy. A failure here must never cost the
  // browser its answer: it is logged, and the answer goes out as it came.
  const recordLookup = (accountNumber: string, domainName: string, body: Uint8Array) => {
    try {
      const status = parseTransferStatus(body);
      if (!status) {
        log(
          `transfer status not recorded: the Hostway answer for ${accountNumber}/${domainName} is not a transfer status`,
        );
        return;
      }
      options.history.record(accountNumber, domainName, status, 'lookup');
    } catch (error) {
      log(
        `transfer status not recorded for ${accountNumber}/${domainName}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };

  const app = new Hono<Vars>();

  // Access log: one line per request, whatever happened inside.
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    const ms = Math.round(performance.now() - started);
    const upstreamMs = c.get('upstreamMs');
    const upstream = upstreamMs === undefined ? '' : ` upstream=${upstreamMs}ms`;
    log(`${c.req.method} ${rawPath(c)} ${c.res.status} ${ms}ms${upstream}`);
  });

  // Set before the handler runs: Hono then writes them with the response it creates, instead of
  // turning every response into a full Web Response afterwards (a third of the throughput).
  app.use(async (c, next) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
    await next();
  });

  // Only clients that accept compression pay for the middleware (browsers always do).
  const compressResponses = compress();
  app.use((c, next) => (c.req.header('accept-encoding') ? compressResponses(c, next) : next()));

  app.onError((error, c) => {
    log(`internal error on ${c.req.method} ${rawPath(c)}: ${error.stack ?? String(error)}`);
    return consoleError(c, 500, 'ConsoleInternalError', 'The console server failed unexpectedly.');
  });

  // ---- /api: an allow-list; nothing else is ever forwarded ----
  const api = async (c: Context<Vars>) => {
    const path = rawPath(c);
    const route = matchApiRoute(path);
    if (!route) {
      return consoleError(c, 404, 'ConsoleNotFound', `The console has no API route ${path}.`);
    }
    // HEAD is refused like any other method: it would cost an upstream call for nothing.
    if (c.req.method !== 'GET') {
      c.header('Allow', 'GET');
      const message = `${c.req.method} is not allowed on ${path}: the console only reads (GET).`;
      return consoleError(c, 405, 'ConsoleMethodNotAllowed', message);
    }

    const query = new URL(c.req.url).searchParams;
    if (route.api === 'history') {
      const { accountNumber, domainName } = route;
      const invalid = validateAccount(accountNumber) ?? validateDomain(domainName);
      if (invalid) return consoleError(c, 400, 'ConsoleInvalidInput', invalid);
      const observations = options.history.history(accountNumber, domainName);
      const body: TransferHistoryBody = { accountNumber, domainName, observations };
      return c.json(body, 200);
    }

    let upstream: Upstream;
    let target: string;
    let invalid: string | undefined;
    let result: ForwardResult;
    if (route.api === 'rtr') {
      upstream = rtr;
      invalid = validateProcessId(route.processId) ?? validateFields(query);
      const fields = query.get('fields');
      target = `/v2/processes/${route.processId}${fields === null ? '' : `?fields=${fields}`}`;
      if (invalid) return consoleError(c, 400, 'ConsoleInvalidInput', invalid);
      result = await forward(upstream, target, options.timeoutMs);
    } else {
      upstream = hostway;
      invalid = validateAccount(route.accountNumber) ?? validateDomain(route.domainName);
      target = transferStatusPath(route.accountNumber, route.domainName);
      if (invalid) return consoleError(c, 400, 'ConsoleInvalidInput', invalid);
      // If the browser goes away, the request is dropped (while waiting for a slot) or cancelled.
      result = await options.hostwayForward(upstream, target, options.timeoutMs, c.req.raw.signal);
      if (result.kind === 'response' && result.status === 200) {
        recordLookup(route.accountNumber, route.domainName, result.body);
      }
    }

    c.set('upstreamMs', result.durationMs);
    c.header('Server-Timing', `upstream;dur=${result.durationMs}`);
    switch (result.kind) {
      case 'cancelled':
        // Nobody is listening any more; 499 ("client closed request") is for the access log.
        return c.body(null, 499 as StatusCode);
      case 'timeout':
        log(`upstream timeout: ${upstream.name} GET ${safeUrl(upstream.baseUrl + target)}`);
        return consoleError(
          c,
          504,
          'UpstreamTimeout',
          `The ${upstream.name} did not answer within ${seconds(options.timeoutMs)}. Try again in a moment.`,
        );
      case 'unreachable':
        log(
          `upstream unreachable: ${upstream.name} GET ${safeUrl(upstream.baseUrl + target)}: ${result.detail}`,
        );
        return consoleError(
          c,
          502,
          'UpstreamUnreachable',
          `The console could not reach the ${upstream.name} (${result.summary}). Try again in a moment; if it persists, check the console server's configuration.`,
        );
      case 'response': {
        for (const [name, value] of Object.entries(result.headers))
          c.header(name, redact.text(value));
        const status = result.status as ContentfulStatusCode;
        if (NULL_BODY_STATUS.has(result.status)) return c.body(null, status);
        return c.body(redact.bytes(result.body), status);
      }
    }
  };
  app.all('*', async (c, next) => {
    if (!API_PREFIX.test(rawPath(c)) && !API_PREFIX.test(c.req.path)) return next();
    // Customer data: keep it out of browser and intermediary caches.
    c.header('Cache-Control', 'no-store');
    return api(c);
  });

  // ---- the SPA ----
  const preloadHints = createPreloadHints(staticRoot);
  let staticFiles: MiddlewareHandler | undefined;
  app.use(async (c, next) => {
    if (!staticFiles && existsSync(staticRoot)) {
      staticFiles = serveStatic({
        root: staticRoot,
        // `npm run build` writes .br/.gz beside each asset (scripts/precompress.ts).
        precompressed: true,
        onFound: (file, ctx) => {
          const inAssets = file.startsWith(join(staticRoot, 'assets') + sep);
          ctx.header('Cache-Control', inAssets ? IMMUTABLE : 'no-cache');
        },
      });
    }
    return staticFiles ? staticFiles(c, next) : next();
  });

  app.all('*', async (c) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      c.header('Allow', 'GET, HEAD');
      return c.text('Method not allowed', 405);
    }
    // A missing hashed asset is a real 404: answering index.html would confuse the browser.
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
  });

  return app;
}

/** The request path as the client sent it (no normalisation of `..` or `%2e`), without query. */
function rawPath(c: Context): string {
  const incoming = (c.env as { incoming?: { url?: string } } | undefined)?.incoming;
  const raw = incoming?.url ?? new URL(c.req.url).pathname;
  const path = raw.split('?')[0] ?? '';
  return path.startsWith('/') ? path : new URL(raw, 'http://x').pathname;
}

/** The URL without user-info, for logs. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.href;
  } catch {
    return '(invalid URL)';
  }
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/**
 * Replaces every secret with "[redacted]". Given the Authorization values, it also covers the
 * credential part after the scheme ("ApiKey <key>" → the key) and JSON-escaped forms.
 */
export function makeRedactor(authorizations: string[]) {
  const secrets = new Set<string>();
  for (const auth of authorizations) {
    if (!auth) continue;
    secrets.add(auth);
    const credential = auth.replace(/^[A-Za-z][A-Za-z0-9_-]*\s+/, '');
    if (credential) secrets.add(credential);
  }
  for (const s of [...secrets]) secrets.add(JSON.stringify(s).slice(1, -1));
  // Longest first, so a full "ApiKey <key>" is replaced as a whole.
  const ordered = [...secrets].sort((x, y) => y.length - x.length);
  const needles = ordered.map((s) => Buffer.from(s, 'utf8'));
  const replacement = Buffer.from('[redacted]');

  return {
    text(value: string): string {
      let out = value;
      for (const s of ordered) out = out.split(s).join('[redacted]');
      return out;
    },
    bytes(value: Uint8Array): Uint8Array<ArrayBuffer> {
      let buf = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      for (const needle of needles) {
        if (buf.indexOf(needle) === -1) continue;
        const parts: Buffer[] = [];
        let from = 0;
        for (let at = buf.indexOf(needle); at !== -1; at = buf.indexOf(needle, from)) {
          parts.push(buf.subarray(from, at), replacement);
          from = at + needle.length;
        }
        parts.push(buf.subarray(from));
        buf = Buffer.concat(parts);
      }
      return new Uint8Array(buf);
    },
  };
}
