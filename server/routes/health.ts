import { createHash, timingSafeEqual } from 'node:crypto';
import type { Handler } from 'hono';
import type { Liveness, Readiness } from '../../src/contract/readiness.ts';
import { clientOf, isLoopbackAddress } from '../client-address.ts';
import type { ConsoleError } from '../console-error.ts';
import { isOwnHost, type HostPolicy } from '../host-check.ts';
import type { ConsoleMetrics } from '../metrics.ts';
import { localPort } from '../request-path.ts';
import type { HistoryStore } from '../transfer-history.ts';

/*
 * What a probe or a scraper asks, by whatever name reaches the console (a pod IP): answered
 * before the host check and without sign-in. None reads an upstream; none holds a secret.
 */

/** The paths answered here: they must be exempt from sign-in. */
export const PROBE_PATHS = ['/healthz', '/readyz', '/metrics'] as const;

/** `GET /healthz`: the process answers. Nothing else is looked at. */
export const healthz: Handler = (c) => {
  c.header('Cache-Control', 'no-store');
  const body: Liveness = { status: 'ok' };
  return c.json(body, 200);
};

/** `GET /readyz`: the database's state (ok / read-only / missing / corrupt): 200 or 503. */
export function readyz(history: Pick<HistoryStore, 'health'>, metrics: ConsoleMetrics): Handler {
  return async (c) => {
    const database = await history.health();
    const ready = database.state === 'ok';
    const body: Readiness = {
      ready,
      ...(ready
        ? {}
        : {
            reason: `The database is ${database.state}${database.detail ? `: ${database.detail}` : ''}.`,
          }),
      database,
      counters: { historyWritesFailed: metrics.historyWritesFailed.value },
    };
    c.header('Cache-Control', 'no-store');
    return c.json(body, ready ? 200 : 503);
  };
}

export interface MetricsRouteOptions {
  metrics: ConsoleMetrics;
  /** METRICS_TOKEN: when set, `Authorization: Bearer <token>` is required, from loopback too. */
  token: string | undefined;
  /** TRUST_PROXY: the client is the forwarded address (see client-address.ts). */
  trustProxy: boolean;
  hosts: HostPolicy;
  consoleError: ConsoleError;
}

/**
 * `GET /metrics`: Prometheus text. Without METRICS_TOKEN, only for a loopback client that names
 * the console by one of its own names (a DNS-rebinding page reaches loopback under a name of
 * its own). With METRICS_TOKEN, for the bearer of the token, from anywhere; loopback alone is
 * then not enough: a reverse proxy or another local user's process also comes from loopback.
 */
export function metricsRoute({
  metrics,
  token,
  trustProxy,
  hosts,
  consoleError,
}: MetricsRouteOptions): Handler {
  const expected = token === undefined ? undefined : digest(token);
  return async (c) => {
    c.header('Cache-Control', 'no-store');
    let refused: string | undefined;
    if (expected) {
      const match = /^Bearer[ ]+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
      if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
        refused = 'it needs Authorization: Bearer with the METRICS_TOKEN';
      }
    } else if (!isLoopbackAddress(clientOf(c, trustProxy).address)) {
      refused = `it answers only loopback clients (set METRICS_TOKEN to scrape from elsewhere)`;
    } else if (!isOwnHost(c.req.header('host'), hosts, localPort(c))) {
      refused = 'the request names another host';
    }
    if (refused) {
      return consoleError(c, 403, 'ConsoleForbidden', `The metrics were refused: ${refused}.`);
    }
    c.header('Content-Type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics(), 200);
  };
}

// Both sides hashed: equal lengths for timingSafeEqual, and the token's length is not timed.
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
