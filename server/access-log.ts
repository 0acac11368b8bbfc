import type { MiddlewareHandler } from 'hono';
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
  };
};

/** One line per request, whatever happened inside: method, raw path (no query), status, time. */
export function accessLog(log: (line: string) => void): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const ms = Math.round(performance.now() - started);
    const upstreamMs = c.get('upstreamMs');
    const upstream = upstreamMs === undefined ? '' : ` upstream=${upstreamMs}ms`;
    log(`${c.req.method} ${rawPath(c)} ${c.res.status} ${ms}ms${upstream}`);
  };
}
