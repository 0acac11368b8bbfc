import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { accessLog, type ConsoleEnv } from './access-log.ts';
import { auditLookups } from './audit-recorder.ts';
import type { AuditStore } from './audit-trail.ts';
import { noAuth, type AuthFactory } from './auth/console-auth.ts';
import { consoleErrors } from './console-error.ts';
import { apiOriginCheck, hostCheck, type HostPolicy } from './host-check.ts';
import type { Forward } from './proxy.ts';
import { countingRecords, createMetrics, type ConsoleMetrics } from './metrics.ts';
import { makeRedactor } from './redact.ts';
import { SESSION_PATH } from '../src/contract/session.ts';
import { appLogger, type Logger } from './log.ts';
import { requestIds } from './request-id.ts';
import { healthz, metricsRoute, readyz } from './routes/health.ts';
import { rawPath } from './request-path.ts';
import { apiRoutes } from './routes/api.ts';
import type { DeliveriesSource } from './routes/deliveries.ts';
import { watchRoutes } from './routes/watch.ts';
import type { WatchStore } from './transfer-watch.ts';
import { robotsTxt, spaFallback, staticFiles } from './routes/spa.ts';
import { securityHeaders } from './security-headers.ts';
import { transferStatusRecorder, type HistoryStore } from './transfer-history.ts';
import { upstreamSecrets, type Upstream } from './upstreams.ts';

export interface AppOptions {
  /** Built by upstreams.ts, credentials included. */
  upstreams: { rtr: Upstream; hostway: Upstream };
  /** How a request reaches each upstream: e.g. the Hostway one is shared with the watcher. */
  forward: { rtr: Forward; hostway: Forward };
  timeoutMs: number;
  staticDir: string;
  /** Where transfer statuses seen through the proxy are recorded, and history is read from. */
  history: HistoryStore;
  /**
   * Where every lookup is recorded and /api/audit reads from. Default: none (no trail, no
   * route): only for tests that are about something else; main.ts always passes one.
   */
  audit?: AuditStore;
  /** The webhook outbox GET /api/notifications/deliveries reads. Default: no such route. */
  deliveries?: DeliveriesSource;
  /** The watch list GET /api/watch reads and a person's watch / stop writes. Default: none. */
  watch?: WatchStore;
  /** Where failures that lose nothing visibly are counted. Default: a fresh set. */
  metrics?: ConsoleMetrics;
  /** The console's own names besides loopback (ALLOWED_HOSTS, PUBLIC_URL). Default: none. */
  hosts?: HostPolicy;
  /** METRICS_TOKEN: GET /metrics then needs it as a bearer token (see routes/health.ts). */
  metricsToken?: string;
  /**
   * Secrets to redact besides the upstream credentials and METRICS_TOKEN (which the app adds
   * itself), e.g. SESSION_SECRET, OIDC_CLIENT_SECRET.
   */
  secrets?: readonly string[];
  /** TRUST_PROXY: the client address and scheme come from X-Forwarded-For / -Proto. */
  trustProxy?: boolean;
  /**
   * Receives one line per request (and a few diagnostics), with fields (request id, user …);
   * secrets are already redacted.
   */
  logger: Logger;
  /** Who may ask (server/auth/console-auth.ts). Default: AUTH_MODE=none, the local operator. */
  auth?: AuthFactory;
}

/** Builds the console's HTTP app: the order of the middleware and the routes. Pure: no listen. */
export function createApp(options: AppOptions): Hono<ConsoleEnv> {
  const { upstreams, history } = options;
  const { metricsToken, trustProxy = false } = options;
  const redact = makeRedactor([
    ...upstreamSecrets(Object.values(upstreams)),
    ...(metricsToken ? [metricsToken] : []),
    ...(options.secrets ?? []),
  ]);
  const log = appLogger(options.logger, redact);
  const consoleError = consoleErrors(redact);
  const metrics = options.metrics ?? createMetrics();
  const hosts = options.hosts ?? { allowedHosts: [] };
  const auth = (options.auth ?? noAuth)({ consoleError, log });

  const app = new Hono<ConsoleEnv>();
  // First: every answer, the log line and every error body carry the request's id.
  app.use(requestIds(redact));
  app.use(accessLog(log, { metrics, trustProxy }));
  app.use(securityHeaders({ publicOrigin: hosts.publicOrigin }));
  // Probes and scrapers address the console by whatever name reaches it (a pod IP): answered
  // for every Host, without sign-in (PROBE_PATHS). They read no upstream and write nothing.
  app.get('/healthz', healthz);
  app.get('/readyz', readyz(history, metrics));
  app.get(
    '/metrics',
    metricsRoute({ metrics, token: metricsToken, trustProxy, hosts, consoleError }),
  );
  // Before anything else runs: a request for another name, or an API request from another
  // site's page, reaches no route, no upstream and no database.
  app.use(hostCheck(hosts, consoleError));
  app.use(apiOriginCheck(hosts, consoleError));
  // Who is asking. Sign-in's own pages (and the development provider) need no session; after
  // authenticate, every request has a user or has been answered 401/403/302, so nothing below
  // (API, upstreams, database, the SPA) runs for someone the console has not let in.
  app.route('/', auth.routes);
  app.use(auth.authenticate);
  app.get(SESSION_PATH, auth.session);
  // Only clients that accept compression pay for the middleware (browsers always do).
  const compressResponses = compress();
  app.use((c, next) => (c.req.header('accept-encoding') ? compressResponses(c, next) : next()));
  app.onError((error, c) => {
    log(`internal error on ${c.req.method} ${rawPath(c)}: ${error.stack ?? String(error)}`, {
      level: 'error',
    });
    return consoleError(c, 500, 'ConsoleInternalError', 'The console server failed unexpectedly.');
  });

  // Inside compression: it reads the answer as the route made it.
  if (options.audit) {
    app.use(auditLookups({ audit: options.audit, consoleError, metrics, log }));
  }
  if (options.watch) {
    app.use(watchRoutes({ watch: options.watch, audit: options.audit, hosts, consoleError, log }));
  }
  app.all(
    '*',
    apiRoutes({
      upstreams,
      forward: options.forward,
      timeoutMs: options.timeoutMs,
      history,
      audit: options.audit,
      deliveries: options.deliveries,
      onTransferStatus: transferStatusRecorder(countingRecords(history, metrics), log, metrics),
      consoleError,
      redact,
      log,
      metrics,
    }),
  );
  app.get('/robots.txt', robotsTxt);
  app.use(staticFiles(options.staticDir));
  app.all('*', spaFallback(options.staticDir));
  return app;
}
