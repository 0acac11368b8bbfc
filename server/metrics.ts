/*
 * The console's metrics, in Prometheus form (prom-client), one Registry per app so that tests
 * (and two consoles in one process) never share counts. Every label has a bounded set of
 * values: a route name, never the raw path; an HTTP status; an API name; an error kind.
 */
import {
  collectDefaultMetrics,
  Counter as PromCounter,
  Gauge,
  Histogram,
  Registry,
} from 'prom-client';
import type { ForwardResult } from './proxy.ts';
import { matchApiRoute } from './routes/api.ts';
import type { HistoryStore } from './transfer-history.ts';
import type { WatchRunSummary } from './transfer-watcher.ts';

export interface Counter {
  inc(): void;
  readonly value: number;
}

export type UpstreamApi = 'rtr' | 'hostway';

/** Why an upstream request gave no answer the browser could use as it came. */
export type UpstreamErrorKind =
  | 'timeout'
  | 'unreachable'
  | 'bad-response'
  | 'too-large'
  | 'busy'
  | 'paused'
  | 'cancelled'
  | 'rate-limited'
  | '5xx';

export interface ConsoleMetrics {
  readonly registry: Registry;
  /** Transfer statuses answered to a browser but not stored (the database write failed). */
  historyWritesFailed: Counter;
  /** One answered request (the access log calls this). */
  request(method: string, path: string, status: number, seconds: number): void;
  /** What an upstream request came to; `error` when it was not a usable answer. */
  upstream(api: UpstreamApi, result: ForwardResult, error?: UpstreamErrorKind): void;
  /** One watcher run. */
  watcherRun(summary: WatchRunSummary, seconds: number): void;
  /** One history write: a new row, a row seen again, or a failure. */
  historyRecord(source: string, outcome: 'new' | 'unchanged' | 'failed'): void;
  /** Lookups answered but not written to the audit trail (the database write failed). */
  auditWritesFailed: Counter;
  /** One webhook attempt: delivered, failed and retried later, or failed for good. */
  webhookAttempt(outcome: 'delivered' | 'retry' | 'failed'): void;
  /** Webhook deliveries waiting in the outbox. */
  webhookPending(count: number): void;
}

export interface MetricsOptions {
  /** Also the process's own metrics (CPU, memory, event loop, GC): for the running server. */
  processMetrics?: boolean;
}

// Seconds, from a fast loopback answer to the upstream timeout's range.
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30];

export function createMetrics({ processMetrics = false }: MetricsOptions = {}): ConsoleMetrics {
  const registry = new Registry();
  const registers = [registry];
  if (processMetrics) collectDefaultMetrics({ register: registry });

  const requests = new PromCounter({
    name: 'console_http_requests_total',
    help: 'Requests answered, by route (a fixed set of names, never the path), method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    registers,
  });
  const durations = new Histogram({
    name: 'console_http_request_duration_seconds',
    help: 'Time from the request to its answer, by route.',
    labelNames: ['route'] as const,
    buckets: BUCKETS,
    registers,
  });
  const upstreamDurations = new Histogram({
    name: 'console_upstream_request_duration_seconds',
    help: 'Time an upstream request took (sent requests only), by API.',
    labelNames: ['api'] as const,
    buckets: BUCKETS,
    registers,
  });
  const upstreamErrors = new PromCounter({
    name: 'console_upstream_errors_total',
    help: 'Upstream requests without a usable answer, by API and kind.',
    labelNames: ['api', 'kind'] as const,
    registers,
  });
  const watcherRuns = new PromCounter({
    name: 'console_transfer_watcher_runs_total',
    help: 'Runs of the transfer watcher.',
    registers,
  });
  const watcherChecks = new PromCounter({
    name: 'console_transfer_watcher_checks_total',
    help: 'Transfers re-checked by the watcher, by outcome.',
    labelNames: ['outcome'] as const,
    registers,
  });
  const watcherDurations = new Histogram({
    name: 'console_transfer_watcher_run_duration_seconds',
    help: 'How long a watcher run took.',
    buckets: [0.1, 1, 10, 60, 300, 900],
    registers,
  });
  const historyRecords = new PromCounter({
    name: 'console_history_records_total',
    help: 'Transfer status writes to the history, by source (lookup, watcher) and outcome (new row, seen again, failed).',
    labelNames: ['source', 'outcome'] as const,
    registers,
  });
  const writesFailed = new PromCounter({
    name: 'console_history_writes_failed_total',
    help: 'Transfer statuses answered to a browser but not stored (the database write failed).',
    registers,
  });
  let writesFailedValue = 0;
  const auditFailed = new PromCounter({
    name: 'console_audit_writes_failed_total',
    help: 'Lookups answered but not written to the audit trail (the database write failed).',
    registers,
  });
  let auditFailedValue = 0;
  const webhookAttempts = new PromCounter({
    name: 'console_webhook_attempts_total',
    help: 'Webhook delivery attempts, by outcome (delivered; retry: failed, tried again later; failed: the last attempt failed, given up).',
    labelNames: ['outcome'] as const,
    registers,
  });
  const webhookPendingGauge = new Gauge({
    name: 'console_webhook_pending',
    help: 'Webhook deliveries waiting in the outbox (not yet delivered, not given up).',
    registers,
  });

  return {
    registry,
    auditWritesFailed: {
      inc() {
        auditFailedValue++;
        auditFailed.inc();
      },
      get value() {
        return auditFailedValue;
      },
    },
    historyWritesFailed: {
      inc() {
        writesFailedValue++;
        writesFailed.inc();
      },
      get value() {
        return writesFailedValue;
      },
    },
    request(method, path, status, seconds) {
      const route = routeLabel(path);
      requests.inc({ route, method: methodLabel(method), status: String(status) });
      durations.observe({ route }, seconds);
    },
    upstream(api, result, error) {
      const sent =
        result.kind === 'response' ||
        result.kind === 'too-large' ||
        result.kind === 'unreachable' ||
        (result.kind === 'timeout' && result.sent !== false);
      if (sent) upstreamDurations.observe({ api }, result.durationMs / 1000);
      if (error) upstreamErrors.inc({ api, kind: error });
    },
    watcherRun(summary, seconds) {
      watcherRuns.inc();
      watcherDurations.observe(seconds);
      if (summary.changed) watcherChecks.inc({ outcome: 'changed' }, summary.changed);
      if (summary.unchanged) watcherChecks.inc({ outcome: 'unchanged' }, summary.unchanged);
      if (summary.failed) watcherChecks.inc({ outcome: 'failed' }, summary.failed);
    },
    webhookAttempt(outcome) {
      webhookAttempts.inc({ outcome });
    },
    webhookPending(count) {
      webhookPendingGauge.set(count);
    },
    historyRecord(source, outcome) {
      historyRecords.inc({ source: source === 'watcher' ? 'watcher' : 'lookup', outcome });
    },
  };
}

/** The kind of error a forward result is, when it is one (a `response` is judged later). */
export function upstreamErrorKind(result: ForwardResult): UpstreamErrorKind | undefined {
  return result.kind === 'response' ? undefined : result.kind;
}

/** `store` whose `record` also counts what became of each write. */
export function countingRecords<T extends Pick<HistoryStore, 'record'>>(
  store: T,
  metrics: Pick<ConsoleMetrics, 'historyRecord'>,
): T {
  return {
    ...store,
    async record(...args: Parameters<HistoryStore['record']>) {
      const source = args[3];
      try {
        const result = await store.record(...args);
        metrics.historyRecord(source, result.isNew ? 'new' : 'unchanged');
        return result;
      } catch (error) {
        metrics.historyRecord(source, 'failed');
        throw error;
      }
    },
  };
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
function methodLabel(method: string): string {
  return METHODS.has(method) ? method : 'other';
}

const API_ROUTE_LABELS = {
  rtr: 'rtr-process',
  'rtr-list': 'rtr-process-list',
  hostway: 'hostway-transfer',
  history: 'history',
  'bulk-lookups': 'bulk-lookups',
  'domain-names': 'domain-names',
  audit: 'audit',
  deliveries: 'notification-deliveries',
} as const;

/**
 * A fixed name for what the path is for: bounded, whatever a client sends. An API path the
 * console has no route for (an odd segment, a missing part) is 'api-other': it was refused.
 */
export function routeLabel(path: string): string {
  if (path === '/healthz' || path === '/readyz' || path === '/metrics') return path.slice(1);
  if (path === '/api' || path.startsWith('/api/')) {
    const route = matchApiRoute(path);
    if (route) return API_ROUTE_LABELS[route.api];
    if (path === '/api/session') return 'session';
    if (path === '/api/audit' || path.startsWith('/api/audit/')) return 'audit';
    if (path === '/api/watch') return 'watch';
    if (path.startsWith('/api/watch/')) return 'watch-action';
    return 'api-other';
  }
  if (path === '/auth' || path.startsWith('/auth/')) return 'auth';
  if (!path.startsWith('/')) return 'other';
  // Built files: assets/… and top-level files (favicon.svg, robots.txt). Client routes may end in
  // a domain name (/transfers/acct/example.com), so a dot alone does not make a file.
  return path.startsWith('/assets/') || /^\/[^/]+\.[a-z0-9]+$/i.test(path) ? 'static' : 'spa';
}
