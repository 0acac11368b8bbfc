import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { accessLog, type ConsoleEnv } from './access-log.ts';
import { noAuth, type AuthFactory } from './auth/console-auth.ts';
import { consoleErrors } from './console-error.ts';
import { apiOriginCheck, hostCheck, type HostPolicy } from './host-check.ts';
import type { Forward } from './proxy.ts';
import { createMetrics, type ConsoleMetrics } from './metrics.ts';
import { makeRedactor } from './redact.ts';
import { SESSION_PATH } from '../src/contract/session.ts';
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
  /** Where failures that lose nothing visibly are counted. Default: a fresh set. */
  metrics?: ConsoleMetrics;
  /** The console's own names besides loopback (ALLOWED_HOSTS, PUBLIC_URL). Default: none. */
  hosts?: HostPolicy;
  /** Receives one line per request (and a few diagnostics); secrets are already redacted. */
  logger: (line: string) => void;
  /** Who may ask (server/auth/console-auth.ts). Default: AUTH_MODE=none, the local operator. */
  auth?: AuthFactory;
  /** Secrets besides the upstreams' that no answer or log line may carry (SESSION_SECRET …). */
  secrets?: readonly string[];
}

/** Builds the console's HTTP app: the order of the middleware and the routes. Pure: no listen. */
export function createApp(options: AppOptions): Hono<ConsoleEnv> {
  const { upstreams, history } = options;
  const redact = makeRedactor([
    ...upstreamSecrets(Object.values(upstreams)),
    ...(options.secrets ?? []),
  ]);
  const log = (line: string) => options.logger(redact.text(line));
  const consoleError = consoleErrors(redact);
  const metrics = options.metrics ?? createMetrics();
  const auth = (options.auth ?? noAuth)({ consoleError, log });

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
    log(`internal error on ${c.req.method} ${rawPath(c)}: ${error.stack ?? String(error)}`);
    return consoleError(c, 500, 'ConsoleInternalError', 'The console server failed unexpectedly.');
  });

  app.all(
    '*',
    apiRoutes({
      upstreams,
      forward: options.forward,
      timeoutMs: options.timeoutMs,
      history,
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
