import { transferStatusNames } from '../src/contract/transfer-status.ts';
import type { Forward, ForwardResult } from './proxy.ts';
import { retryAfterSeconds } from './upstream-answer.ts';
import type { Upstream } from './upstreams.ts';
import {
  parseTransferStatus,
  transferStatusPath,
  type HistoryStore,
  type WatchedTransfer,
} from './transfer-history.ts';
import type { WatchStore } from './transfer-watch.ts';

/**
 * The transfer watcher: every `intervalS` seconds it re-checks each transfer whose latest
 * observed status is not final and records what it sees (source 'watcher'), so the history
 * accumulates while nobody is looking.
 *
 * It is a polite client of the Hostway API, which people's lookups share:
 * - a timed run spreads its re-checks over most of the interval instead of a burst at its start;
 * - its requests are 'background' ones, which never take the slots the forwarder keeps for
 *   people (proxy.ts, limitForward);
 * - a 429 (or the forwarder's pause after one) stops every re-check for its Retry-After, and the
 *   pair is tried again after it;
 * - 5xx answers, timeouts and an unreachable upstream back off exponentially (1 s doubling to
 *   60 s by default) until an answer arrives.
 *
 * With a watch store (transfer-watch.ts), the watch list is the store's: a pair whose status has
 * been final for WATCH_FINAL_KEEP_H, or that answered 404 WATCH_MAX_NOT_FOUND times in a row, or
 * that a person stopped, is not re-checked; each re-check's outcome is noted there. Without one,
 * every pair whose latest status is not final is re-checked (history.watchList()).
 *
 * Several consoles on one database each run a watcher over the same list: before a re-check a
 * watcher claims the pair (WatchStore.claim), and skips it when another one holds it or
 * re-checked it during this interval (or, for a run started by hand, since this run began). So
 * each pair is re-checked once per interval in total, by whichever console came first.
 */

export interface TransferWatcherOptions {
  history: HistoryStore;
  /** The watch list and its stop rules; default: history.watchList() (not final = watched). */
  watch?: Pick<WatchStore, 'due' | 'noteCheck' | 'claim'>;
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
  /** A timed run spreads its re-checks over this share of the interval (default 0.8). */
  spreadShare?: number;
  /** Back-off after a 5xx, timeout or unreachable upstream: first and longest wait. */
  backoff?: { initialMs: number; maxMs: number };
  /** Told about every run that ends (for the metrics), with its duration in seconds. */
  onRun?: (summary: WatchRunSummary, seconds: number) => void;
  now?: () => Date;
}

/**
 * A timed run skips a pair re-checked within this share of the interval: another console's run,
 * started a little earlier, has just done it.
 */
const CLAIM_SHARE = 0.9;
/** A claim outlives the longest re-check by this much; then another console may take the pair. */
const CLAIM_LEASE_EXTRA_MS = 60_000;

/** How often one run retries a pair the upstream asked it to wait for (429). */
const MAX_ATTEMPTS_AFTER_429 = 3;
/** A Retry-After longer than this ends the run's re-checks; the next run starts afresh. */
const MAX_WAIT_FOR_429_S = 300;

export interface WatchRunSummary {
  /** Transfers re-checked: the watch list at the start of the run, less those another console had. */
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
   * One run over the current watch list, its re-checks back to back (a timed run spreads them).
   * Never rejects. While a run is going, returns that run.
   */
  runOnce(): Promise<WatchRunSummary>;
  /** Stops the timer, cancels the requests of a run in progress and waits for it to end. */
  stop(): Promise<void>;
}

const MAX_FAILURES_LOGGED = 5;

export function createTransferWatcher(options: TransferWatcherOptions): TransferWatcher {
  const { history, watch, upstream, forward, timeoutMs, intervalS, logger } = options;
  const parallelism = Math.max(1, options.parallelism ?? 2);
  const now = options.now ?? (() => new Date());
  const log = (line: string) => logger(`transfer watcher: ${line}`);

  let timer: NodeJS.Timeout | undefined;
  let current: Promise<WatchRunSummary> | undefined;
  let stopped = false;
  const stopping = new AbortController();

  const backoff = options.backoff ?? { initialMs: 1000, maxMs: 60_000 };
  const spreadShare = Math.min(1, Math.max(0, options.spreadShare ?? 0.8));
  let backoffMs = 0;

  /** Resolves after `ms`, or at once when the watcher stops. */
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || stopping.signal.aborted) return resolve();
      const done = () => {
        clearTimeout(wait);
        stopping.signal.removeEventListener('abort', done);
        resolve();
      };
      const wait = setTimeout(done, ms);
      stopping.signal.addEventListener('abort', done, { once: true });
    });

  /** `spreadMs`: the re-checks of the run are started evenly over this time. */
  const run = async (spreadMs: number, timed: boolean): Promise<WatchRunSummary> => {
    const summary: WatchRunSummary = { checked: 0, changed: 0, unchanged: 0, failed: 0 };
    const failures: string[] = [];
    const started = performance.now();
    const runStartedAt = now().getTime();
    let pairs: WatchedTransfer[];
    try {
      pairs = watch ? await watch.due(now()) : await history.watchList();
    } catch (error) {
      log(`cannot read the watch list: ${describe(error)}`);
      return summary;
    }
    // A pair re-checked after this (by any console) is not re-checked by this run.
    // A timed run skips what any console re-checked within most of the interval; a run started
    // by hand (runOnce) re-checks whatever nobody re-checked since it began.
    const notCheckedSince = () =>
      timed
        ? new Date(Math.min(runStartedAt, now().getTime() - intervalS * 1000 * CLAIM_SHARE))
        : new Date(runStartedAt);
    const leaseMs = timeoutMs * MAX_ATTEMPTS_AFTER_429 + CLAIM_LEASE_EXTRA_MS;
    /** Whether this console re-checks the pair (another one may have it). */
    const claim = async ({ accountNumber, domainName }: WatchedTransfer): Promise<boolean> => {
      if (!watch) return true;
      try {
        return await watch.claim(accountNumber, domainName, now(), leaseMs, notCheckedSince());
      } catch (error) {
        summary.failed++;
        failures.push(`${accountNumber}/${domainName}: not claimed: ${describe(error)}`);
        return false;
      }
    };
    // When the next re-check may start: paced by `spreadMs`, pushed back by 429s and back-off.
    const paceMs = pairs.length > 0 ? spreadMs / pairs.length : 0;
    let nextStartAt = performance.now();
    const waitTurn = async () => {
      for (;;) {
        const wait = Math.max(nextStartAt, lastFailureAt + backoffMs) - performance.now();
        if (wait <= 0 || stopping.signal.aborted) break;
        await sleep(wait);
      }
      nextStartAt = Math.max(nextStartAt, performance.now()) + paceMs;
    };
    let lastFailureAt = 0;
    const upstreamTrouble = () => {
      backoffMs = Math.min(backoff.maxMs, Math.max(backoff.initialMs, backoffMs * 2));
      lastFailureAt = performance.now();
    };
    /** Seconds the upstream asked everyone to wait; later re-checks wait for it too. */
    const askedToWait = (seconds: number) => {
      nextStartAt = Math.max(nextStartAt, performance.now() + seconds * 1000);
    };

    /** 'again' when the upstream asked to wait (429): the pair is re-checked after the wait. */
    const check = async ({
      accountNumber,
      domainName,
      latestStatus,
    }: WatchedTransfer): Promise<'again' | undefined> => {
      const name = `${accountNumber}/${domainName}`;
      const fail = (why: string) => {
        summary.failed++;
        failures.push(`${name}: ${why}`);
        return undefined;
      };
      /** Notes the re-check's outcome in the watch store; a failure there is logged only. */
      const note = async (outcome: 'ok' | 'not-found' | 'failed') => {
        if (!watch) return;
        try {
          const stopped = await watch.noteCheck(accountNumber, domainName, outcome, now());
          if (stopped) log(`${name}: not found (404) too many times in a row: no longer watched`);
        } catch (error) {
          log(`${name}: the watch list was not updated: ${describe(error)}`);
        }
      };
      let result: ForwardResult;
      try {
        const path = transferStatusPath(accountNumber, domainName);
        result = await forward(upstream, path, timeoutMs, stopping.signal, 'background');
      } catch (error) {
        return fail(describe(error));
      }
      if (result.kind === 'cancelled') return;
      if (result.kind === 'timeout') {
        upstreamTrouble();
        return fail(`no answer within ${timeoutMs} ms`);
      }
      if (result.kind === 'unreachable') {
        upstreamTrouble();
        return fail(`unreachable (${result.detail})`);
      }
      if (result.kind === 'too-large') return fail(`answer over ${result.limitBytes} bytes`);
      if (result.kind === 'busy') {
        upstreamTrouble();
        return fail('too many requests waiting for the Hostway API');
      }
      const asked =
        result.kind === 'paused'
          ? result.retryAfterS
          : result.status === 429
            ? (retryAfterSeconds(result.headers['retry-after']) ?? 1)
            : undefined;
      if (asked !== undefined) {
        if (asked > MAX_WAIT_FOR_429_S) {
          stopAsked = true;
          return fail(`the Hostway API asked to wait ${asked} s (429): this run stops here`);
        }
        askedToWait(asked);
        return 'again';
      }
      if (result.kind !== 'response') return;
      if (result.status >= 500) upstreamTrouble();
      else backoffMs = 0;
      if (result.status !== 200) {
        await note(result.status === 404 ? 'not-found' : 'failed');
        return fail(`HTTP ${result.status}`);
      }
      const status = parseTransferStatus(result.body);
      if (!status) {
        await note('failed');
        return fail('the answer is not a transfer status');
      }
      await note('ok');
      try {
        const { isNew } = await history.record(accountNumber, domainName, status, 'watcher', now());
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
    let stopAsked = false;
    const worker = async () => {
      for (let pair = pairs[next++]; pair; pair = pairs[next++]) {
        for (let attempt = 1; ; attempt++) {
          await waitTurn();
          if (stopping.signal.aborted || stopAsked) return;
          if (attempt === 1) {
            if (!(await claim(pair))) break;
            summary.checked++;
          }
          if ((await check(pair)) !== 'again') break;
          if (attempt === MAX_ATTEMPTS_AFTER_429) {
            summary.failed++;
            failures.push(`${pair.accountNumber}/${pair.domainName}: still asked to wait (429)`);
            break;
          }
        }
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

  const runOnce = (spreadMs = 0, timed = false): Promise<WatchRunSummary> => {
    if (stopped) return Promise.resolve({ checked: 0, changed: 0, unchanged: 0, failed: 0 });
    current ??= run(spreadMs, timed)
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
        void runOnce(intervalS * 1000 * spreadShare, true);
      }, intervalS * 1000);
      timer.unref();
    },
    runOnce: () => runOnce(),
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
