/**
 * The sandbox's notion of "now". Simulated time starts at `epoch` and runs `scale` times as fast
 * as real time, so tests and demos can watch a transfer walk its lifecycle in seconds:
 *
 *   simulated now = epoch + (realNow() − realStart) × scale
 */
export interface SandboxClock {
  now(): Date;
  /**
   * Where simulated time started. Optional so any `{ now() }` object is a valid clock; process
   * 1000016 counts from here, falling back to `now()` at the moment the sandbox app was created.
   * (`moving-*.com` and `failing-*.com` count from the first time each is asked for.)
   */
  readonly epoch?: Date;
}

export interface ClockOptions {
  /** Simulated time at start. Default: the real time at creation. */
  epoch?: Date;
  /** How many simulated milliseconds pass per real millisecond. Default 1. */
  scale?: number;
  /** Source of real time in milliseconds (injectable for tests). Default `Date.now`. */
  realNow?: () => number;
}

export function createClock(opts: ClockOptions = {}): SandboxClock {
  const realNow = opts.realNow ?? Date.now;
  const realStart = realNow();
  const scale = opts.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new RangeError(`clock scale must be a positive number, got ${scale}`);
  }
  const epochMs = opts.epoch ? opts.epoch.getTime() : realStart;
  if (!Number.isFinite(epochMs)) throw new RangeError('clock epoch is not a valid date');
  return {
    epoch: new Date(epochMs),
    now: () => new Date(epochMs + (realNow() - realStart) * scale),
  };
}
