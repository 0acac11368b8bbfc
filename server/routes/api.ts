import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode, StatusCode } from 'hono/utils/http-status';
import { AUDIT_PATH } from '../../src/contract/audit.ts';
import { DOMAIN_CHECK_PATH } from '../../src/contract/domain-check.ts';
import { DELIVERIES_PATH } from '../../src/contract/notifications.ts';
import {
  HISTORY_HEADER,
  HISTORY_NOT_RECORDED,
  HISTORY_REASON_HEADER,
} from '../../src/contract/history-header.ts';
import { parseProcessListQuery, processListSearch } from '../../src/contract/process-list-query.ts';
import type { TransferHistory } from '../../src/contract/transfer-history.ts';
import type { ConsoleEnv } from '../access-log.ts';
import type { AuditStore } from '../audit-trail.ts';
import type { ConsoleError } from '../console-error.ts';
import type { Logger } from '../log.ts';
import { upstreamErrorKind, type ConsoleMetrics } from '../metrics.ts';
import type { Forward, LimitedForward } from '../proxy.ts';
import type { Redactor } from '../redact.ts';
import { isApiRequest, rawPath } from '../request-path.ts';
import { transferStatusPath, type HistoryStore, type RecordOutcome } from '../transfer-history.ts';
import { judgeUpstreamAnswer, JSON_CONTENT_TYPE, upstreamExcerpt } from '../upstream-answer.ts';
import type { Upstream } from '../upstreams.ts';
import {
  validateAccount,
  validateDomain,
  validateFields,
  validateProcessId,
} from '../validation.ts';
import { auditRoute } from './audit.ts';
import { deliveriesRoute, type DeliveriesSource } from './deliveries.ts';
import { bulkLookupsRoute } from './bulk-lookups.ts';

/** Lookups of one bulk request in flight at once when the Hostway forwarder has no limiter. */
const DEFAULT_BULK_CONCURRENCY = 6;
import { domainNamesRoute } from './domain-names.ts';

export interface ApiOptions {
  upstreams: { rtr: Upstream; hostway: Upstream };
  /** How a request reaches each upstream (see proxy.ts: forward, limitForward). */
  forward: { rtr: Forward; hostway: Forward };
  timeoutMs: number;
  history: Pick<HistoryStore, 'history'>;
  /** The audit trail `GET /api/audit` reads; without one, that route does not exist. */
  audit?: Pick<AuditStore, 'query'>;
  /** The webhook outbox `GET /api/notifications/deliveries` reads; without one, no route. */
  deliveries?: DeliveriesSource;
  /**
   * Called with every 200 answer of the Hostway transfer status endpoint, before it is sent
   * (a single lookup's and each of a bulk lookup's).
   */
  onTransferStatus: (
    accountNumber: string,
    domainName: string,
    body: Uint8Array,
  ) => Promise<RecordOutcome>;
  consoleError: ConsoleError;
  redact: Redactor;
  log: Logger;
  /** Upstream latency and errors by API. Default: not counted. */
  metrics?: Pick<ConsoleMetrics, 'upstream'>;
}

type ApiRoute =
  | { api: 'rtr'; processId: string }
  | { api: 'rtr-list' }
  | { api: 'hostway'; accountNumber: string; domainName: string }
  | { api: 'history'; accountNumber: string; domainName: string }
  | { api: 'bulk-lookups'; accountNumber: string }
  | { api: 'domain-names' }
  | { api: 'audit' }
  | { api: 'deliveries' };

/**
 * Matches the RAW request path against the allowed routes: the two forwarded ones, the
 * console's own transfer history, domain-name check and audit trail. Anything odd — an encoded `/` or `\`, a
 * `.`/`..` segment (also percent-encoded), an empty segment, an extra or missing segment —
 * matches nothing. Segments are not decoded: they are validated as sent.
 */
export function matchApiRoute(path: string): ApiRoute | undefined {
  if (/%2f|%5c|\\/i.test(path)) return undefined;
  const s = path.split('/').slice(1);
  if (s.some((x) => x === '' || /^(?:\.|%2e){1,2}$/i.test(x))) return undefined;
  if (s.length === 4 && s.join('/') === 'api/rtr/v2/processes') return { api: 'rtr-list' };
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
  if (s.length === 4 && s[0] === 'api' && s[1] === 'transfers' && s[3] === 'lookups') {
    return { api: 'bulk-lookups', accountNumber: s[2] ?? '' };
  }
  if (s.length === 5 && s[0] === 'api' && s[1] === 'transfers' && s[4] === 'history') {
    return { api: 'history', accountNumber: s[2] ?? '', domainName: s[3] ?? '' };
  }
  if (path === DOMAIN_CHECK_PATH) return { api: 'domain-names' };
  if (path === AUDIT_PATH) return { api: 'audit' };
  if (path === DELIVERIES_PATH) return { api: 'deliveries' };
  return undefined;
}

/**
 * What a forwarded route sends upstream: the path (and for a process the one `fields` parameter
 * it passes on; for the process list the query rebuilt from validated values) once every part is
 * valid, or why not. Pure, so it can be proven over any input.
 */
export function upstreamRequest(
  route: Extract<ApiRoute, { api: 'rtr' | 'rtr-list' | 'hostway' }>,
  query: URLSearchParams,
): { api: 'rtr' | 'hostway'; target: string } | { invalid: string } {
  if (route.api === 'rtr-list') {
    const parsed = parseProcessListQuery(query);
    if (!parsed.ok) return { invalid: parsed.message };
    const search = processListSearch(parsed.query);
    return { api: 'rtr', target: `/v2/processes${search === '' ? '' : `?${search}`}` };
  }
  if (route.api === 'rtr') {
    const invalid = validateProcessId(route.processId) ?? validateFields(query);
    if (invalid) return { invalid };
    const fields = query.get('fields');
    return {
      api: 'rtr',
      target: `/v2/processes/${route.processId}${fields === null ? '' : `?fields=${fields}`}`,
    };
  }
  const invalid = validateAccount(route.accountNumber) ?? validateDomain(route.domainName);
  if (invalid) return { invalid };
  return { api: 'hostway', target: transferStatusPath(route.accountNumber, route.domainName) };
}

/** `/api/*`: an allow-list; nothing else is ever forwarded. Other paths go to `next`. */
export function apiRoutes(options: ApiOptions): MiddlewareHandler<ConsoleEnv> {
  const { upstreams, forward, timeoutMs, consoleError, redact, metrics } = options;
  const log = (line: string) => options.log(line, { level: 'warn' });
  const domainNames = domainNamesRoute(consoleError, redact);
  const audit = options.audit && auditRoute(options.audit, consoleError);
  const deliveries = options.deliveries && deliveriesRoute(options.deliveries, consoleError);
  const hostwayForward = forward.hostway as Partial<LimitedForward> & Forward;
  const bulkLookups = bulkLookupsRoute({
    upstream: upstreams.hostway,
    forward: forward.hostway,
    // The limiter's own concurrency: a bulk request fills its slots, never its queue.
    concurrency: hostwayForward.concurrency ?? DEFAULT_BULK_CONCURRENCY,
    timeoutMs,
    onTransferStatus: options.onTransferStatus,
    consoleError,
    redact,
    log,
    metrics,
  });

  const api = async (c: Context<ConsoleEnv>) => {
    const path = rawPath(c);
    const route = matchApiRoute(path);
    if (!route) {
      return consoleError(c, 404, 'ConsoleNotFound', `The console has no API route ${path}.`);
    }
    // A write-free POST: a domain-name check, answered by the console itself.
    if (route.api === 'domain-names') {
      if (c.req.method === 'POST') return domainNames(c);
      c.header('Allow', 'POST');
      const message = `${c.req.method} is not allowed on ${path}: send the names with POST, as JSON.`;
      return consoleError(c, 405, 'ConsoleMethodNotAllowed', message);
    }
    // Many transfer statuses in one request (NDJSON): a POST because the list is long.
    if (route.api === 'bulk-lookups') {
      if (c.req.method === 'POST') return bulkLookups(c, route.accountNumber);
      c.header('Allow', 'POST');
      const message = `${c.req.method} is not allowed on ${path}: send the domains with POST, as JSON.`;
      return consoleError(c, 405, 'ConsoleMethodNotAllowed', message);
    }
    // HEAD is refused like any other method: it would cost an upstream call for nothing.
    if (c.req.method !== 'GET') {
      c.header('Allow', 'GET');
      const message = `${c.req.method} is not allowed on ${path}: the console only reads (GET).`;
      return consoleError(c, 405, 'ConsoleMethodNotAllowed', message);
    }

    // The console's own records: answered from the database, never forwarded.
    if (route.api === 'audit') {
      if (audit) return audit(c);
      return consoleError(c, 404, 'ConsoleNotFound', `The console has no API route ${path}.`);
    }
    if (route.api === 'deliveries') {
      if (deliveries) return deliveries(c);
      return consoleError(c, 404, 'ConsoleNotFound', `The console has no API route ${path}.`);
    }
    const query = new URL(c.req.url).searchParams;
    if (route.api === 'history') {
      const { accountNumber, domainName } = route;
      const invalid = validateAccount(accountNumber) ?? validateDomain(domainName);
      if (invalid) return consoleError(c, 400, 'ConsoleInvalidInput', invalid);
      const observations = await options.history.history(accountNumber, domainName);
      const body: TransferHistory = { accountNumber, domainName, observations };
      return c.json(body, 200);
    }

    const request = upstreamRequest(route, query);
    if ('invalid' in request) return consoleError(c, 400, 'ConsoleInvalidInput', request.invalid);
    const { api: which, target } = request;
    const upstream = upstreams[which];
    // If the browser goes away, the request is dropped (while waiting for a slot) or cancelled.
    const result = await forward[which](upstream, target, timeoutMs, c.req.raw.signal);

    c.set('upstreamMs', result.durationMs);
    if (result.kind === 'response' || result.kind === 'too-large') {
      c.set('upstreamStatus', result.status);
    }
    // A response is judged below: a refused body, a 5xx or a 429 is counted there.
    if (result.kind !== 'response') metrics?.upstream(which, result, upstreamErrorKind(result));
    c.header('Server-Timing', `upstream;dur=${result.durationMs}`);
    switch (result.kind) {
      case 'cancelled':
        // Nobody is listening any more; 499 ("client closed request") is for the access log.
        return c.body(null, 499 as StatusCode);
      case 'timeout':
        log(
          `upstream timeout${result.sent === false ? ' (never sent: waited for a free slot)' : ''}: ${upstream.name} GET ${safeUrl(upstream.baseUrl + target)}`,
        );
        return consoleError(
          c,
          504,
          'UpstreamTimeout',
          `The ${upstream.name} did not answer within ${seconds(timeoutMs)}${result.sent === false ? ' (the console had too many requests for it waiting)' : ''}. Try again in a moment.`,
        );
      case 'too-large':
        log(
          `upstream answer too large: ${upstream.name} GET ${safeUrl(upstream.baseUrl + target)}: over ${result.limitBytes} bytes`,
        );
        return consoleError(
          c,
          502,
          'UpstreamBadResponse',
          `The ${upstream.name} answered more than ${megabytes(result.limitBytes)} (UPSTREAM_MAX_BYTES); the console stopped reading it.`,
          { upstreamStatus: result.status },
        );
      case 'busy':
        c.header('Retry-After', String(result.retryAfterS));
        return consoleError(
          c,
          503,
          'UpstreamQueueFull',
          `Too many requests are waiting for the ${upstream.name}. Try again in ${result.retryAfterS} s.`,
        );
      case 'paused':
        c.header('Retry-After', String(result.retryAfterS));
        return consoleError(
          c,
          429,
          'UpstreamRateLimited',
          `The ${upstream.name} asked the console to slow down; nothing is sent to it for ${result.retryAfterS} s. Try again then.`,
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
        // Judged as the browser would get it, after redaction.
        const body = redact.bytes(result.body);
        const answer = { ...result, body };
        const verdict = judgeUpstreamAnswer(answer);
        if (!verdict.ok) {
          metrics?.upstream(which, result, 'bad-response');
          log(
            `upstream bad response: ${upstream.name} GET ${safeUrl(upstream.baseUrl + target)} answered ${verdict.problem}`,
          );
          return consoleError(
            c,
            502,
            'UpstreamBadResponse',
            `The ${upstream.name} answered ${verdict.problem}; the console passes on only JSON. Try again in a moment; if it persists, the API may be having trouble.`,
            { upstreamStatus: verdict.upstreamStatus, upstreamExcerpt: upstreamExcerpt(answer) },
          );
        }
        metrics?.upstream(
          which,
          result,
          result.status >= 500 ? '5xx' : result.status === 429 ? 'rate-limited' : undefined,
        );
        if (route.api === 'hostway' && verdict.status === 200) {
          // Recorded as the browser sees it: the history is served to browsers too.
          const outcome = await options.onTransferStatus(
            route.accountNumber,
            route.domainName,
            body,
          );
          if (!outcome.recorded && outcome.reason) {
            c.header(HISTORY_HEADER, HISTORY_NOT_RECORDED);
            c.header(HISTORY_REASON_HEADER, outcome.reason);
          }
        }
        if (verdict.retryAfter !== undefined) c.header('Retry-After', verdict.retryAfter);
        c.header('Content-Type', JSON_CONTENT_TYPE);
        return c.body(body, verdict.status as ContentfulStatusCode);
      }
    }
  };

  return async (c, next) => {
    if (!isApiRequest(c)) return next();
    // Customer data: keep it out of browser and intermediary caches.
    c.header('Cache-Control', 'no-store');
    return api(c);
  };
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

function megabytes(bytes: number): string {
  return `${Number((bytes / 1024 / 1024).toFixed(2))} MiB`;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
