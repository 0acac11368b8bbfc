/** Run the sandbox on a real HTTP port (ephemeral by default), for the console server and tests. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createSandboxApp, type SandboxOptions } from './app.ts';
import { createClock } from './clock.ts';
import { SANDBOX_HOSTWAY_AUTHORIZATION, SANDBOX_RTR_API_KEY } from './credentials.ts';

export { SANDBOX_HOSTWAY_AUTHORIZATION, SANDBOX_RTR_API_KEY };

export interface StartSandboxOptions extends Partial<SandboxOptions> {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
}

export interface RunningSandbox {
  /** e.g. `http://127.0.0.1:40123` (no trailing slash). */
  url: string;
  /** Realtime Register base URL: `url + '/rtr'`. */
  rtrUrl: string;
  /** Hostway base URL: `url + '/hostway'`. */
  hostwayUrl: string;
  /** Stop listening and drop every connection, idle or not. */
  close(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startSandbox(opts: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const host = opts.host ?? '127.0.0.1';
  const app = createSandboxApp({
    rtrApiKey: opts.rtrApiKey ?? SANDBOX_RTR_API_KEY,
    hostwayAuthorization: opts.hostwayAuthorization ?? SANDBOX_HOSTWAY_AUTHORIZATION,
    clock: opts.clock ?? createClock(),
    latencyMs: opts.latencyMs,
    slowDelayMs: opts.slowDelayMs,
    faultRate: opts.faultRate,
  });
  const server = createServer(getRequestListener(app.fetch));

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;
  const url = `http://${urlHost(host)}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    rtrUrl: `${url}/rtr`,
    hostwayUrl: `${url}/hostway`,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
