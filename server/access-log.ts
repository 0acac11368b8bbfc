import type { MiddlewareHandler } from 'hono';
import { clientOf } from './client-address.ts';
import type { Logger } from './log.ts';
import type { ConsoleMetrics } from './metrics.ts';
import { rawPath } from './request-path.ts';

import type { ConsoleUser } from '../src/contract/session.ts';

/**
 * What middleware and route handlers share per request: the access log's upstream time, the
 * request id (hono/request-id, set first), and the signed-in user (set by the auth middleware;
 * undefined only before it ran or for the few routes that need no sign-in).
 */
export type ConsoleEnv = {
  Variables: {
    upstreamMs?: number;
    upstreamStatus?: number;
    requestId: string;
    user?: ConsoleUser;
    /** What a bulk lookup asked for (`account/a.com,b.com`), for the audit trail. */
    lookupObject?: string;
  };
};

export interface AccessLogOptions {
  /** Counts every answered request by route and status, with its duration. */
  metrics?: Pick<ConsoleMetrics, 'request'>;
  /** TRUST_PROXY: log the forwarded client address and scheme. */
  trustProxy?: boolean;
}

/**
 * One line per request, whatever happened inside: method, raw path (no query), status, time,
 * upstream time; as fields also the request id, the user's e-mail, the client's address and the
 * scheme it used (http or https; the proxy's X-Forwarded-Proto with TRUST_PROXY=1).
 */
export function accessLog(
  log: Logger,
  { metrics, trustProxy = false }: AccessLogOptions = {},
): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const elapsed = performance.now() - started;
    const ms = Math.round(elapsed);
    const upstreamMs = c.get('upstreamMs');
    const upstream = upstreamMs === undefined ? '' : ` upstream=${upstreamMs}ms`;
    const method = c.req.method;
    const path = rawPath(c);
    const status = c.res.status;
    const client = clientOf(c, trustProxy);
    metrics?.request(method, path, status, elapsed / 1000);
    log(`${method} ${path} ${status} ${ms}ms${upstream}`, {
      requestId: c.get('requestId'),
      method,
      path,
      status,
      ms,
      upstreamMs,
      user: c.get('user')?.email,
      client: client.address,
      scheme: client.scheme,
    });
  };
}
