/** Helpers for the sandbox's own tests (and anyone testing against a running sandbox). */
import { createClock, type SandboxClock } from './clock.ts';
import {
  SANDBOX_HOSTWAY_AUTHORIZATION,
  SANDBOX_RTR_API_KEY,
  startSandbox,
  type RunningSandbox,
  type StartSandboxOptions,
} from './server.ts';

export const RTR_AUTH = { Authorization: `ApiKey ${SANDBOX_RTR_API_KEY}` };
export const HOSTWAY_AUTH = { Authorization: SANDBOX_HOSTWAY_AUTHORIZATION };
export const TEST_EPOCH = new Date('2026-11-01T12:00:00Z');

/** A clock whose real time only moves when the test says so. */
export function manualClock(
  scale = 1,
  epoch = TEST_EPOCH,
): {
  clock: SandboxClock;
  advance(realMs: number): void;
} {
  let real = 1_000_000;
  return {
    clock: createClock({ epoch, scale, realNow: () => real }),
    advance(realMs) {
      real += realMs;
    },
  };
}

export interface TestSandbox extends RunningSandbox {
  rtr(
    path: string,
    init?: { headers?: Record<string, string>; signal?: AbortSignal },
  ): Promise<Response>;
  transfer(
    domain: string,
    opts?: { account?: string; headers?: Record<string, string>; signal?: AbortSignal },
  ): Promise<Response>;
}

export async function startTestSandbox(opts: StartSandboxOptions = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({ slowDelayMs: 300, ...opts });
  return {
    ...sandbox,
    rtr: (path, init = {}) =>
      fetch(`${sandbox.rtrUrl}${path}`, { ...init, headers: { ...RTR_AUTH, ...init.headers } }),
    transfer: (domain, { account = 'acct12345', headers = HOSTWAY_AUTH, signal } = {}) =>
      fetch(`${sandbox.hostwayUrl}/accounts/${account}/domains/transfers/${domain}`, {
        headers,
        signal,
      }),
  };
}
