import type { SandboxClock } from '../sandbox/clock.ts';

/**
 * A sandbox clock the test moves by hand (startConsole(config, { sandboxClock: time.clock })):
 * simulated time stands still at `epoch + elapsed` until the test sets or advances it, so what
 * the sandbox answers never depends on how fast the machine is.
 */
export function handMovedClock(epoch: Date) {
  let elapsedMs = 0;
  const clock: SandboxClock = { epoch, now: () => new Date(epoch.getTime() + elapsedMs) };
  return {
    clock,
    /** Simulated time is `epoch + ms` from now on. */
    set(ms: number) {
      elapsedMs = ms;
    },
    advance(ms: number) {
      elapsedMs += ms;
    },
  };
}

/** An epoch an hour ago, on a whole second: status change dates look like recent real ones. */
export const anHourAgo = () => new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
