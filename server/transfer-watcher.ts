import { transferStatusNames } from '../src/contract/transfer-status.ts';
import type { Forward, ForwardResult } from './proxy.ts';
import type { Upstream } from './upstreams.ts';
import {
  parseTransferStatus,
  transferStatusPath,
  type HistoryStore,
  type WatchedTransfer,
} from './transfer-history.ts';

/**
 * The transfer watcher: every `intervalS` seconds it re-checks each transfer whose latest
 * observed status is not final and records what it sees (source 'watcher'), so the history
 * accumulates while nobody is looking.
 */

export interface TransferWatcherOptions {
  history: HistoryStore;
  /** The Hostway API. */
  upstream: Upstream;
  /** The forwarder shared with the proxy, so the console's concurrency limit holds overall. */
  forward: Forward;
  timeoutMs: number;
  /** Seconds between runs; 0 = no timer (runOnce still works). */
  intervalS: number;
  /**
   * How many re-checks one run has going at once (each also needs a slot of `forward`). Keep it
   * below the forwarder's limit, so a browser's lookup waits behind a few re-checks at most.
   */
  parallelism?: number;
  /** Diagnostics; the watcher never writes a credential here. */
  logger: (line: string) => void;
  /** Told about every run that ends (for the metrics), with its duration in seconds. */
  onRun?: (summary: WatchRunSummary, seconds: number) => void;
  now?: () => Date;
}

export interface WatchRunSummary {
  /** Transfers re-checked (the watch list at the start of the run). */
  checked: number;
  /** Answers that were a status not seen before. */
  changed: number;
  unchanged: number;
  /** No usable answer: an error status, a timeout, an unreachable upstream, a bad body. */
  failed: number;
}

export interface TransferWatcher {
  readonly intervalS: number;
  /** Starts the timer (nothing happens when intervalS is 0). */
  start(): void;
  /**
   * One run over the current watch list. Never rejects. While a run is going, returns that run.
   */
  runOnce(): Promise<WatchRunSummary>;
  /** Stops the timer, cancels the requests of a run in progress and waits for it to end. */
  stop(): Promise<void>;
}

const MAX_FAILURES_LOGGED = 5;

export function createTransferWatcher(options: TransferWatcherOptions): TransferWatcher {
  const { history, upstream, forward, timeoutMs, intervalS, logger } = options;
  const parallelism = Math.max(1, options.parallelism ?? 2);
  const now = options.now ?? (() => new Date());
  const log = (line: string) => logger(`transfer watcher: ${line}`);

  let timer: NodeJS.Timeout | undefined;
  let current: Promise<WatchRunSummary> | undefined;
  let stopped = false;
  const stopping = new AbortController();

  const run = async (): Promise<WatchRunSummary> => {
    const summary: WatchRunSummary = { checked: 0, changed: 0, unchanged: 0, failed: 0 };
    const failures: string[] = [];
    const started = performance.now();
    let pairs: WatchedTransfer[];
    try {
      pairs = history.watchList();
    } catch (error) {
      log(`cannot read the watch list: ${describe(error)}`);
      return summary;
    }
    summary.checked = pairs.length;

    const check = async ({ accountNumber, domainName, latestStatus }: WatchedTransfer) => {
      const name = `${accountNumber}/${domainName}`;
      const fail = (why: string) => {
        summary.failed++;
        failures.push(`${name}: ${why}`);
      };
      let result: ForwardResult;
      try {
        const path = transferStatusPath(accountNumber, domainName);
        result = await forward(upstream, path, timeoutMs, stopping.signal);
      } catch (error) {
        return fail(describe(error));
      }
      if (result.kind === 'cancelled') return;
      if (result.kind === 'timeout') return fail(`no answer within ${timeoutMs} ms`);
      if (result.kind === 'unreachable') return fail(`unreachable (${result.detail})`);
      if (result.kind === 'too-large') return fail(`answer over ${result.limitBytes} bytes`);
      if (result.kind === 'busy') return fail('too many requests waiting for the Hostway API');
      if (result.kind === 'paused') {
        return fail(`the Hostway API asked to wait ${result.retryAfterS} s (429)`);
      }
      if (result.status !== 200) return fail(`HTTP ${result.status}`);
      const status = parseTransferStatus(result.body);
      if (!status) return fail('the answer is not a transfer status');
      try {
        const { isNew } = history.record(accountNumber, domainName, status, 'watcher', now());
        if (!isNew) {
          summary.unchanged++;
          return;
        }
        summary.changed++;
        const label = transferStatusNames(status.status).join('/') || 'unknown code';
        log(`${name}: status ${latestStatus} → ${status.status} (${label})`);
      } catch (error) {
        fail(`not recorded: ${describe(error)}`);
      }
    };

    // A few workers walk the list, so the run never floods the shared forwarder's queue.
    let next = 0;
    const worker = async () => {
      for (let pair = pairs[next++]; pair && !stopping.signal.aborted; pair = pairs[next++]) {
        await check(pair);
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallelism, pairs.length) }, worker));

    options.onRun?.(summary, (performance.now() - started) / 1000);
    if (pairs.length > 0) {
      const ms = Math.round(performance.now() - started);
      const cancelled = stopping.signal.aborted ? ' (stopped early)' : '';
      log(
        `re-checked ${summary.checked} transfer(s) in ${ms} ms${cancelled}: ${summary.changed} changed, ${summary.unchanged} unchanged, ${summary.failed} failed`,
      );
      for (const failure of failures.slice(0, MAX_FAILURES_LOGGED)) log(`failed: ${failure}`);
      if (failures.length > MAX_FAILURES_LOGGED) {
        log(`… and ${failures.length - MAX_FAILURES_LOGGED} more failure(s)`);
      }
    }
    return summary;
  };

  const runOnce = (): Promise<WatchRunSummary> => {
    if (stopped) return Promise.resolve({ checked: 0, changed: 0, unchanged: 0, failed: 0 });
    current ??= run()
      .catch((error: unknown) => {
        log(`run failed: ${describe(error)}`);
        return { checked: 0, changed: 0, unchanged: 0, failed: 0 };
      })
      .finally(() => {
        current = undefined;
      });
    return current;
  };

  return {
    intervalS,
    start() {
      if (stopped || timer || intervalS <= 0) return;
      timer = setInterval(() => {
        if (current) {
          log('the previous run is still going: skipping this one');
          return;
        }
        void runOnce();
      }, intervalS * 1000);
      timer.unref();
    },
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      timer = undefined;
      stopping.abort();
      await current;
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
