import { loadConfig } from '../server/config.ts';
import { startConsole, type RunningConsole } from '../server/main.ts';
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

/**
 * A console of its own for one spec: the built SPA on a free loopback port, its data in
 * `dataDir`, the sandbox on `clock`, quiet; `env` adds to (or overrides) the process's variables.
 */
export function startConsoleOnClock(
  dataDir: string,
  clock: SandboxClock,
  env: Record<string, string> = {},
): Promise<RunningConsole> {
  return startConsole(
    loadConfig({
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      STATIC_DIR: process.env.E2E_STATIC_DIR ?? 'dist',
      DATA_DIR: dataDir,
      ...env,
    }),
    { logger: () => {}, sandboxClock: clock },
  );
}
