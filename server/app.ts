import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { accessLog, type ConsoleEnv } from './access-log.ts';
import { auditLookups } from './audit-recorder.ts';
import type { AuditStore } from './audit-trail.ts';
import { localUser } from './auth/local-user.ts';
import { consoleErrors } from './console-error.ts';
import { apiOriginCheck, hostCheck, type HostPolicy } from './host-check.ts';
import type { Forward } from './proxy.ts';
import { createMetrics, type ConsoleMetrics } from './metrics.ts';
import { makeRedactor } from './redact.ts';
import { readyz } from './routes/health.ts';
import { rawPath } from './request-path.ts';
import { apiRoutes } from './routes/api.ts';
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
  /** Where failures that lose nothing visibly are counted. Default: a fresh set. */
  metrics?: ConsoleMetrics;
  /** The console's own names besides loopback (ALLOWED_HOSTS, PUBLIC_URL). Default: none. */
  hosts?: HostPolicy;
  /** Receives one line per request (and a few diagnostics); secrets are already redacted. */
  logger: (line: string) => void;
}

/** Builds the console's HTTP app: the order of the middleware and the routes. Pure: no listen. */
export function createApp(options: AppOptions): Hono<ConsoleEnv> {
  const { upstreams, history } = options;
  const redact = makeRedactor(upstreamSecrets(Object.values(upstreams)));
  const log = (line: string) => options.logger(redact.text(line));
  const consoleError = consoleErrors(redact);
  const metrics = options.metrics ?? createMetrics();

  const app = new Hono<ConsoleEnv>();
  app.use(accessLog(log));
  app.use(securityHeaders);
  // Probes address the console by whatever name reaches it (a pod IP): answered for every Host.
  // It reads no upstream and writes nothing.
  app.get('/readyz', readyz(history, metrics));
  // Before anything else runs: a request for another name, or an API request from another
  // site's page, reaches no route, no upstream and no database.
  const hosts = options.hosts ?? { allowedHosts: [] };
  app.use(hostCheck(hosts, consoleError));
  app.use(apiOriginCheck(hosts, consoleError));
  // Who is asking: AUTH_MODE=none for now (sign-in replaces this line).
  app.use(localUser);
  // Only clients that accept compression pay for the middleware (browsers always do).
  const compressResponses = compress();
  app.use((c, next) => (c.req.header('accept-encoding') ? compressResponses(c, next) : next()));
  app.onError((error, c) => {
    log(`internal error on ${c.req.method} ${rawPath(c)}: ${error.stack ?? String(error)}`);
    return consoleError(c, 500, 'ConsoleInternalError', 'The console server failed unexpectedly.');
  });

  // Inside compression: it reads the answer as the route made it.
  if (options.audit) {
    app.use(auditLookups({ audit: options.audit, consoleError, metrics, log }));
  }
  app.all(
    '*',
    apiRoutes({
      upstreams,
      forward: options.forward,
      timeoutMs: options.timeoutMs,
      history,
      audit: options.audit,
      onTransferStatus: transferStatusRecorder(history, log, metrics),
      consoleError,
      redact,
      log,
    }),
  );
  app.get('/robots.txt', robotsTxt);
  app.use(staticFiles(options.staticDir));
  app.all('*', spaFallback(options.staticDir));
  return app;
}
