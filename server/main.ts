import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { ConfigError, loadConfig, type ConsoleConfig } from './config.ts';

export interface RunningConsole {
  /** Base URL of the console, e.g. http://127.0.0.1:8080 (no trailing slash). */
  url: string;
  /** What each API is served by: 'sandbox' or the configured URL (never a credential). */
  upstreams: { rtr: string; hostway: string };
  /** Base URL of the embedded sandbox, when one was started. */
  sandboxUrl: string | undefined;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Receives the access log and diagnostics. Default: stdout with an ISO timestamp. */
  logger?: (line: string) => void;
}

const defaultLogger = (line: string) => {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
};

/**
 * Starts the console: an embedded sandbox for every API without a configured URL, then the HTTP
 * server on config.host:config.port (port 0 picks a free port).
 */
export async function startConsole(
  config: ConsoleConfig,
  options: StartOptions = {},
): Promise<RunningConsole> {
  const logger = options.logger ?? defaultLogger;
  let sandbox:
    { url: string; rtrUrl: string; hostwayUrl: string; close(): Promise<void> } | undefined;
  let rtr = config.rtr
    ? { baseUrl: config.rtr.url, authorization: `ApiKey ${config.rtr.apiKey}` }
    : undefined;
  let hostway = config.hostway
    ? { baseUrl: config.hostway.url, authorization: config.hostway.authorization }
    : undefined;

  if (!rtr || !hostway) {
    const { startSandbox, SANDBOX_RTR_API_KEY, SANDBOX_HOSTWAY_AUTHORIZATION } =
      await import('../sandbox/server.ts');
    const { createClock } = await import('../sandbox/clock.ts');
    const started = await startSandbox({
      port: 0,
      host: '127.0.0.1',
      latencyMs: config.sandbox.latencyMs,
      slowDelayMs: config.sandbox.slowDelayMs,
      clock: createClock({ epoch: config.sandbox.epoch, scale: config.sandbox.timeScale }),
    });
    sandbox = started;
    rtr ??= { baseUrl: started.rtrUrl, authorization: `ApiKey ${SANDBOX_RTR_API_KEY}` };
    hostway ??= { baseUrl: started.hostwayUrl, authorization: SANDBOX_HOSTWAY_AUTHORIZATION };
  }

  const app = createApp({
    upstreams: { rtr, hostway },
    timeoutMs: config.upstreamTimeoutMs,
    staticDir: config.staticDir,
    logger,
  });

  let server: ReturnType<typeof serve>;
  let address: AddressInfo;
  try {
    ({ server, address } = await new Promise<{
      server: ReturnType<typeof serve>;
      address: AddressInfo;
    }>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) =>
        resolve({ server: s, address: info }),
      );
      s.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new Error(
            `Cannot listen on ${config.host}:${config.port}: ${error.code ?? error.message}`,
          ),
        ),
      );
    }));
  } catch (error) {
    await sandbox?.close();
    throw error;
  }

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Let in-flight requests finish, drop idle keep-alive sockets, cut the rest after 5 s.
        if ('closeIdleConnections' in server) server.closeIdleConnections();
        setTimeout(() => {
          if ('closeAllConnections' in server) server.closeAllConnections();
        }, 5000).unref();
      });
      await sandbox?.close();
    })());

  return {
    url: `http://${urlHost(config.host)}:${address.port}`,
    upstreams: {
      rtr: config.rtr ? config.rtr.url : 'sandbox',
      hostway: config.hostway ? config.hostway.url : 'sandbox',
    },
    sandboxUrl: sandbox?.url,
    close,
  };
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

async function main(): Promise<void> {
  let config: ConsoleConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  for (const warning of config.warnings) process.stderr.write(`warning: ${warning}\n`);

  const running = await startConsole(config);
  const describe = (value: string) =>
    value === 'sandbox' ? `built-in sandbox (${running.sandboxUrl})` : value;
  process.stdout.write(
    [
      '',
      `Registrar Console: ${running.url}`,
      `  Realtime Register API: ${describe(running.upstreams.rtr)}`,
      `  Hostway API:           ${describe(running.upstreams.hostway)}`,
      '',
      '  Try:',
      `    ${running.url}/processes/46069000`,
      `    ${running.url}/processes/1000003`,
      `    ${running.url}/transfers/acct12345/test.com`,
      `    ${running.url}/transfers/acct12345/moving-1.com`,
      '',
      '',
    ].join('\n'),
  );

  let signalled = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(1); // a second Ctrl-C: stop now
    signalled = true;
    process.stdout.write(`${signal} received, shutting down\n`);
    setTimeout(() => process.exit(1), 10_000).unref();
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
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
