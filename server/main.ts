import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { SandboxClock } from '../sandbox/clock.ts';
import { createApp } from './app.ts';
import { setupAuth, type AuthSetup } from './auth/setup.ts';
import { ConfigError, loadConfig, type ConsoleConfig } from './config.ts';
import { createConsoleServer } from './http-server.ts';
import { keepOutputErrorsHarmless, safeWrite } from './output.ts';
import { limitForward, makeForward } from './proxy.ts';
import { makeRedactor } from './redact.ts';
import { createCheckpointJob } from './history-checkpoint.ts';
import { batchedWriter, createLogger, resolveLogFormat, type Logger } from './log.ts';
import { countingRecords, createMetrics } from './metrics.ts';
import { createAuditPruneJob } from './audit-prune.ts';
import { auditStore } from './audit-trail.ts';
import { openConsoleDatabase } from './database.ts';
import { historyStore } from './transfer-history.ts';
import { watchStore } from './transfer-watch.ts';
import { createTransferWatcher, type TransferWatcher } from './transfer-watcher.ts';
import {
  createWebhookDelivery,
  type BackoffPolicy,
  type WebhookDelivery,
} from './webhook-delivery.ts';
import { redactedTarget, webhookNotifier, webhookUrlSecrets } from './webhook-notifier.ts';
import { webhookOutbox } from './webhook-outbox.ts';
import { hostwayUpstream, rtrUpstream, upstreamSecrets, type Upstream } from './upstreams.ts';

export interface RunningConsole {
  /** Base URL of the console, e.g. http://127.0.0.1:8080 (no trailing slash). */
  url: string;
  /** What each API is served by: 'sandbox' or the configured URL (never a credential). */
  upstreams: { rtr: string; hostway: string };
  /** Base URL of the embedded sandbox, when one was started. */
  sandboxUrl: string | undefined;
  /** Absolute path of the transfer history database. */
  historyFile: string;
  /** The transfer watcher (its timer runs when intervalS > 0); runOnce() for tests. */
  watcher: TransferWatcher;
  /** The webhook delivery worker (NOTIFY_WEBHOOK_URLS); runOnce() for tests. */
  webhooks: WebhookDelivery;
  /** How to sign in, for the start banner (the development provider's test users …). */
  signIn: string[];
  close(): Promise<void>;
}

export interface StartOptions {
  /**
   * Receives the access log and diagnostics, with their fields. Default: pino on stdout, JSON
   * lines or pretty ones (LOG_FORMAT, see log.ts), batched, every line redacted.
   */
  logger?: Logger;
  /**
   * The embedded sandbox's clock, for tests that move simulated time by hand. Default: one made
   * from SANDBOX_EPOCH and SANDBOX_TIME_SCALE.
   */
  sandboxClock?: SandboxClock;
  /** The webhook retry schedule, for tests that cannot wait 10 s. Default: DEFAULT_BACKOFF. */
  webhookBackoff?: BackoffPolicy;
}

/** Shutdown lets requests in flight finish for this long, then closes their connections. */
export const SHUTDOWN_GRACE_MS = 10_000;

// One batch per turn of the event loop, whatever the format; EPIPE never takes the server down.
const stdoutLines = batchedWriter((text) => safeWrite(process.stdout, text));
process.once('exit', stdoutLines.flush);

/**
 * Starts the console: the transfer history store under config.dataDir, an embedded sandbox for
 * every API without a configured URL, the HTTP server on config.host:config.port (port 0 picks a
 * free port) and the transfer watcher.
 */
export async function startConsole(
  config: ConsoleConfig,
  options: StartOptions = {},
): Promise<RunningConsole> {
  // Fails early, with the path (or the URL without its password) in the message, when the
  // database is not usable.
  const database = await openConsoleDatabase(config);
  // One database for all stores; history.close() closes it. Each new observation writes its
  // webhook deliveries to the outbox in its own transaction.
  const outbox = webhookOutbox(database);
  let consoleUrl = config.publicOrigin ?? '';
  let webhooks: WebhookDelivery | undefined = undefined;
  const history = historyStore(database, {
    onNewObservation:
      config.webhooks.urls.length > 0
        ? webhookNotifier({
            urls: config.webhooks.urls,
            consoleUrl: () => consoleUrl,
            outbox,
          })
        : undefined,
    // Only a configured webhook puts rows in the outbox; without one, a kick would only look.
    afterNewObservation: config.webhooks.urls.length > 0 ? () => webhooks?.kick() : undefined,
  });
  const audit = auditStore(database);
  const watch = watchStore(database, {
    finalKeepMs: config.watchFinalKeepH * 3_600_000,
    maxNotFound: config.watchMaxNotFound,
    intervalS: config.transferWatchIntervalS,
    stuckAfter: config.stuckAfter,
  });
  let sandbox:
    { url: string; rtrUrl: string; hostwayUrl: string; close(): Promise<void> } | undefined;
  let rtr: Upstream | undefined = config.rtr
    ? rtrUpstream(config.rtr.url, config.rtr.apiKey)
    : undefined;
  let hostway: Upstream | undefined = config.hostway
    ? hostwayUpstream(config.hostway.url, config.hostway.authorization)
    : undefined;

  if (!rtr || !hostway) {
    try {
      const { startSandbox, SANDBOX_RTR_API_KEY, SANDBOX_HOSTWAY_AUTHORIZATION } =
        await import('../sandbox/server.ts');
      const { createClock } = await import('../sandbox/clock.ts');
      const started = await startSandbox({
        port: 0,
        host: '127.0.0.1',
        latencyMs: config.sandbox.latencyMs,
        slowDelayMs: config.sandbox.slowDelayMs,
        clock:
          options.sandboxClock ??
          createClock({ epoch: config.sandbox.epoch, scale: config.sandbox.timeScale }),
      });
      sandbox = started;
      rtr ??= rtrUpstream(started.rtrUrl, SANDBOX_RTR_API_KEY);
      hostway ??= hostwayUpstream(started.hostwayUrl, SANDBOX_HOSTWAY_AUTHORIZATION);
    } catch (error) {
      await history.close();
      throw error;
    }
  }

  // One limiter per upstream; the Hostway one serves browsers' lookups and the watcher's.
  const send = makeForward({ maxBytes: config.upstreamMaxBytes });
  const limits = { queueMax: config.upstreamQueueMax };
  const rtrForward = limitForward(config.rtrConcurrency, send, limits);
  const hostwayForward = limitForward(config.transferConcurrency, send, limits);
  const metrics = createMetrics({ processMetrics: true });

  // The app is made once the server listens: sign-in may need the console's own URL (its port)
  // and socket. Nothing is answered before: 'listening' comes before any connection's request.
  let app: ReturnType<typeof createApp> | undefined = undefined;
  const server = createConsoleServer((request, env) =>
    app
      ? app.fetch(request, env)
      : new Response('Starting.\n', { status: 503, headers: { 'Retry-After': '1' } }),
  );
  let address: AddressInfo;
  let auth: AuthSetup;
  try {
    address = await new Promise<AddressInfo>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new Error(
            `Cannot listen on ${config.host}:${config.port}: ${error.code ?? error.message}`,
          ),
        ),
      );
      server.listen(config.port, config.host, () => resolve(server.address() as AddressInfo));
    });
    const ownUrl = `http://${urlHost(config.host)}:${address.port}`;
    consoleUrl = config.publicOrigin ?? ownUrl;
    auth = await setupAuth(config.auth, {
      publicOrigin: config.publicOrigin ?? ownUrl,
      publicOriginConfigured: config.publicOrigin !== undefined,
      listening: { host: config.host, port: address.port },
    });
  } catch (error) {
    await new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
    await sandbox?.close();
    await history.close();
    throw error;
  }
  // Every secret the console holds besides the upstream credentials (METRICS_TOKEN, sign-in's),
  // for the app's redactor and the log's last redaction of each whole line.
  const secrets = [
    ...(config.metricsToken ? [config.metricsToken] : []),
    ...auth.secrets,
    ...(config.webhooks.secret ? [config.webhooks.secret] : []),
    ...webhookUrlSecrets(config.webhooks.urls),
  ];
  const redact = makeRedactor([...upstreamSecrets([rtr, hostway]), ...secrets]);
  const logger =
    options.logger ??
    createLogger({
      format: resolveLogFormat(config.logFormat, process.stdout.isTTY === true),
      colorize: process.stdout.isTTY === true,
      redact,
      write: stdoutLines.write,
    });
  app = createApp({
    metrics,
    upstreams: { rtr, hostway },
    timeoutMs: config.upstreamTimeoutMs,
    staticDir: config.staticDir,
    history,
    audit,
    deliveries: { outbox, configured: config.webhooks.urls.length > 0 },
    watch,
    forward: { rtr: rtrForward, hostway: hostwayForward },
    hosts: { allowedHosts: config.allowedHosts, publicOrigin: config.publicOrigin },
    metricsToken: config.metricsToken,
    trustProxy: config.trustProxy,
    secrets,
    logger,
    auth: auth.factory,
  });

  const watcher = createTransferWatcher({
    history: countingRecords(history, metrics),
    watch,
    upstream: hostway,
    forward: hostwayForward,
    timeoutMs: config.upstreamTimeoutMs,
    intervalS: config.transferWatchIntervalS,
    // Half the slots at most, so a browser's lookup never waits behind a whole run.
    parallelism: Math.max(1, Math.floor(config.transferConcurrency / 2)),
    logger: (line) => logger(redact.text(line)),
    onRun: metrics.watcherRun,
  });
  watcher.start();
  const delivery = createWebhookDelivery({
    outbox,
    secret: config.webhooks.secret,
    targets: config.webhooks.urls,
    backoff: options.webhookBackoff,
    // Every line is a failed attempt or a failed write: worth a warning.
    logger: (line) => logger(redact.text(line), { level: 'warn' }),
    onOutcome: (outcome) => metrics.webhookAttempt(outcome),
    onPending: (count) => metrics.webhookPending(count),
    releaseLeasesAtStart: database.dialect === 'sqlite',
  });
  webhooks = delivery;
  // Rows left by an earlier run (or a crash) are sent now; a failure to read them is logged.
  await delivery.start().catch((error: unknown) => {
    logger(redact.text(`webhook delivery did not start: ${String(error)}`));
  });
  const checkpoints = createCheckpointJob({ history, logger });
  checkpoints.start();
  const auditPruning = createAuditPruneJob({
    audit,
    retentionDays: config.auditRetentionDays,
    logger,
  });
  auditPruning.start();

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await watcher.stop();
      auditPruning.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Stop accepting; let in-flight requests finish, drop idle keep-alive sockets, cut the
        // rest after the grace period.
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
      });
      // After the server: requests still in flight may record what they got (and queue their
      // webhooks). Deliveries in flight are cut off and recorded; what is left waits in the
      // outbox for the next start.
      await delivery.stop();
      checkpoints.stop();
      checkpoints.runOnce();
      await history.close();
      await auth.close();
      await sandbox?.close();
    })());

  return {
    url: `http://${urlHost(config.host)}:${address.port}`,
    upstreams: {
      rtr: config.rtr ? config.rtr.url : 'sandbox',
      hostway: config.hostway ? config.hostway.url : 'sandbox',
    },
    sandboxUrl: sandbox?.url,
    historyFile: history.file,
    watcher,
    webhooks: delivery,
    signIn: auth.banner,
    close,
  };
}

/**
 * What main() prints once the console is listening. Its links use PUBLIC_URL when it is set:
 * that is the address people reach the console by (the listening one may be 0.0.0.0 behind a
 * proxy, or not reachable from a browser at all).
 */
export function startBanner(
  running: RunningConsole,
  config: Pick<ConsoleConfig, 'transferWatchIntervalS' | 'transferConcurrency'> &
    Partial<Pick<ConsoleConfig, 'webhooks' | 'publicOrigin' | 'host'>>,
): string {
  const base = config.publicOrigin ?? running.url;
  // running.url is this machine's own way in; bound to every address, say so rather than
  // name only the loopback one.
  const listening =
    config.host !== undefined && bindsEveryAddress(config.host)
      ? `every address, port ${new URL(running.url).port}`
      : running.url;
  const describe = (value: string) =>
    value === 'sandbox' ? `built-in sandbox (${running.sandboxUrl})` : value;
  const interval = config.transferWatchIntervalS;
  const watcher =
    interval === 0
      ? 'off (TRANSFER_WATCH_INTERVAL_S=0)'
      : `re-checks unfinished transfers every ${interval} s${interval >= 60 ? ` (${formatSeconds(interval)})` : ''}`;
  return [
    '',
    base === running.url
      ? `Registrar Console: ${base}`
      : `Registrar Console: ${base} (listening on ${listening})`,
    `  Realtime Register API: ${describe(running.upstreams.rtr)}`,
    `  Hostway API:           ${describe(running.upstreams.hostway)}, at most ${config.transferConcurrency} request(s) at once`,
    `  Transfer history:      ${running.historyFile}`,
    `  Transfer watcher:      ${watcher}`,
    ...(config.webhooks ? [`  Webhooks:              ${describeWebhooks(config.webhooks)}`] : []),
    ...running.signIn,
    '',
    '  Try:',
    `    ${base}/processes/46069000`,
    `    ${base}/processes/1000003`,
    `    ${base}/transfers/acct12345/test.com`,
    `    ${base}/transfers/acct12345/moving-1.com`,
    '',
    '',
  ].join('\n');
}

/** The addresses as they may be shown: origin and `/…` (a hook URL's path is its secret). */
function describeWebhooks({ urls, secret }: ConsoleConfig['webhooks']): string {
  if (urls.length === 0) return 'off (NOTIFY_WEBHOOK_URLS is not set)';
  const signed = secret ? 'signed (X-Console-Signature)' : 'unsigned (no NOTIFY_WEBHOOK_SECRET)';
  return `every status change to ${urls.map(redactedTarget).join(', ')}, ${signed}`;
}

function formatSeconds(total: number): string {
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h && `${h} h`, m && `${m} min`, s && `${s} s`].filter(Boolean).join(' ');
}

/** HOST values that listen on every address of the machine. */
const bindsEveryAddress = (host: string) => host === '0.0.0.0' || host === '::' || host === '';

function urlHost(host: string): string {
  if (bindsEveryAddress(host)) return host === '::' ? '[::1]' : '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

async function main(): Promise<void> {
  keepOutputErrorsHarmless();
  let config: ConsoleConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      safeWrite(process.stderr, `${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  for (const warning of config.warnings) safeWrite(process.stderr, `warning: ${warning}\n`);

  const running = await startConsole(config);
  safeWrite(process.stdout, startBanner(running, config));

  let signalled = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(1); // a second Ctrl-C: stop now
    signalled = true;
    safeWrite(process.stdout, `${signal} received, shutting down\n`);
    // Requests get SHUTDOWN_GRACE_MS; closing the database and the sandbox a few seconds more.
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS + 5000).unref();
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        safeWrite(process.stderr, `shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
