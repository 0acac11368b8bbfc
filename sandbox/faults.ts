import type { Context, MiddlewareHandler } from 'hono';
import { pause } from './http.ts';

/*
 * Injected faults for load tests (`npm run soak`): with probability `rate`, an API request is
 * answered by one of the ways real upstreams fail instead of by its fixture. Seeded, so a run
 * can be repeated: the same requests in the same order meet the same faults.
 */
export const FAULT_KINDS = ['error-500', 'reset', 'hang', 'malformed-json'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** mulberry32: a small, well-known seeded generator (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Which fault, if any, the next request meets. */
export function faultPicker(rate: number, seed = 1): () => FaultKind | undefined {
  const random = seededRandom(seed);
  return () => {
    if (random() >= rate) return undefined;
    return FAULT_KINDS[Math.floor(random() * FAULT_KINDS.length)];
  };
}

/** The middleware: `hangMs` is how long a hung answer keeps the connection before giving up. */
export function injectFaults(rate: number, hangMs: number, seed = 1): MiddlewareHandler {
  const next = faultPicker(rate, seed);
  return async (c: Context, proceed) => {
    switch (next()) {
      case undefined:
        return proceed();
      case 'error-500':
        return c.json({ type: 'InternalSRSError', message: 'Injected fault.' }, 500);
      case 'malformed-json':
        return c.body('{"status": 7, "description": ', 200, { 'Content-Type': 'application/json' });
      case 'reset': {
        const incoming = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)
          ?.incoming;
        incoming?.socket?.destroy();
        return c.body(null, 500);
      }
      case 'hang':
        await pause(hangMs, c.req.raw.signal);
        return proceed();
    }
  };
}
