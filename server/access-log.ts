import type { MiddlewareHandler } from 'hono';
import { rawPath } from './request-path.ts';

/** What route handlers tell the access log. */
export type ConsoleEnv = { Variables: { upstreamMs?: number } };

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
