import { ApiError, isApiError } from '../../api/api-error.ts';
import { streamBulkLookups, type BulkLookupResult } from '../../api/bulk-lookups.ts';
import { BULK_LOOKUP_MAX_DOMAINS } from '../../contract/bulk-lookup.ts';
import type { TransferStatus } from '../../contract/transfer-status.ts';
import { isSignedOut, markSignedOut } from '../../lib/signed-out.ts';

export interface BulkEntry {
  /** `loading`: part of a bulk request whose line for it has not come yet. */
  state: 'queued' | 'loading' | 'done' | 'failed';
  data?: TransferStatus;
  /** Set when the console answered but could not record the status in its history. */
  notRecorded?: { reason: string | null };
  error?: unknown;
}

interface BulkRunnerOptions {
  accountNumber: string;
  domains: readonly string[];
  /**
   * How updates are batched before listeners hear of them: by default at most every
   * FLUSH_INTERVAL_MS, in an animation frame.
   */
  schedule?: (callback: () => void) => void;
  /**
   * How the last answers of a request are shown: by default in the next animation frame, since
   * no more are coming to batch them with (with `schedule` given and not this, `schedule`).
   */
  scheduleLast?: (callback: () => void) => void;
  /** How the statuses are asked for (tests pass a fake). */
  lookUp?: typeof streamBulkLookups;
  /** At most this many domains per request; more go in further requests, one after another. */
  batchSize?: number;
}

/**
 * The page hears of new answers at most this often: ten updates a second look continuous, and
 * each costs a pass over every row (5,000 of them), which every frame would make a burden.
 */
export const FLUSH_INTERVAL_MS = 100;

const QUEUED: BulkEntry = { state: 'queued' };
const LOADING: BulkEntry = { state: 'loading' };

/**
 * Looks up many transfers with one streaming request to the console server
 * (`POST /api/transfers/:account/lookups`), which applies its own concurrency limit towards
 * Hostway; each answer arrives as a line. The page subscribes to this one store and hears of
 * changes at most ten times a second: 5,000 answers cause a few dozen renders, not 5,000.
 * Retries of failed rows made in the same turn go out together, as one more request.
 */
export function createBulkRunner({
  accountNumber,
  domains,
  schedule,
  scheduleLast,
  lookUp = streamBulkLookups,
  batchSize = BULK_LOOKUP_MAX_DOMAINS,
}: BulkRunnerOptions) {
  const scheduleFlush =
    schedule ??
    ((callback: () => void) =>
      setTimeout(() => requestAnimationFrame(callback), FLUSH_INTERVAL_MS));
  const scheduleFinal = scheduleLast ?? schedule ?? requestAnimationFrame;
  const entries = new Map<string, BulkEntry>(domains.map((d) => [d, QUEUED]));
  const listeners = new Set<() => void>();
  const running = new Set<AbortController>();
  let snapshot: BulkEntry[] = domains.map((d) => entries.get(d)!);
  let flushPending = false;
  let sendPending = false;

  /** Tells the listeners of every update since the last time (once, however often called). */
  function flush() {
    if (!flushPending) return;
    flushPending = false;
    snapshot = domains.map((d) => entries.get(d)!);
    listeners.forEach((listener) => listener());
  }

  function update(domain: string, entry: BulkEntry) {
    entries.set(domain, entry);
    if (flushPending) return;
    flushPending = true;
    scheduleFlush(flush);
  }

  const settled = (result: BulkLookupResult): BulkEntry => {
    if (!result.ok) return { state: 'failed', error: result.error };
    return result.recorded
      ? { state: 'done', data: result.status }
      : { state: 'done', data: result.status, notRecorded: { reason: result.reason } };
  };

  async function send(queued: string[], controller: AbortController) {
    const { signal } = controller;
    for (let start = 0; start < queued.length; start += batchSize) {
      const batch = queued.slice(start, start + batchSize);
      const answered = new Set<number>();
      let failure: unknown;
      try {
        await lookUp(
          accountNumber,
          batch,
          (answers) => {
            if (signal.aborted) return;
            for (const { index, result } of answers) {
              const domain = batch[index];
              if (domain === undefined || answered.has(index)) continue;
              answered.add(index);
              update(domain, settled(result));
            }
          },
          { signal },
        );
      } catch (error) {
        failure = error;
      }
      // stop() has put the unanswered ones back in the queue.
      if (signal.aborted) return;
      if (failure === undefined && answered.size === batch.length) continue;
      const signedOut =
        isApiError(failure) &&
        failure.status === 401 &&
        failure.errorType === 'ConsoleUnauthenticated';
      if (signedOut) markSignedOut();
      const error =
        failure ??
        new ApiError({
          kind: 'network',
          source: 'console',
          message: 'The answer ended before this domain was looked up.',
        });
      // Signed out: every further request would be refused; they stay queued for after sign-in.
      if (signedOut) {
        queued.slice(start).forEach((domain, i) => {
          if (i >= batch.length || !answered.has(i)) update(domain, QUEUED);
        });
        return;
      }
      batch.forEach((domain, i) => {
        if (!answered.has(i)) update(domain, { state: 'failed', error });
      });
    }
  }

  /** Sends every queued domain, in one request (or a few, for very long lists). */
  function sendQueued() {
    sendPending = false;
    if (isSignedOut()) return;
    const queued = domains.filter((d) => entries.get(d)!.state === 'queued');
    if (queued.length === 0) return;
    for (const domain of queued) update(domain, LOADING);
    const controller = new AbortController();
    running.add(controller);
    void send(queued, controller).finally(() => {
      running.delete(controller);
      // The request's last answers are in: shown now, not after the batching interval.
      if (flushPending) scheduleFinal(flush);
    });
  }

  return {
    /** Starts every lookup not yet done; safe to call again after stop(). */
    start() {
      sendQueued();
    },
    /** Abandons the requests under way (the server stops); their unanswered domains are queued. */
    stop() {
      for (const controller of running) controller.abort();
      running.clear();
      for (const domain of domains) {
        if (entries.get(domain)!.state === 'loading') update(domain, QUEUED);
      }
    },
    /** Looks `domain` up again if it failed; retries in the same turn share one request. */
    retry(domain: string) {
      if (entries.get(domain)?.state !== 'failed') return;
      update(domain, QUEUED);
      if (sendPending) return;
      sendPending = true;
      queueMicrotask(sendQueued);
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
  };
}

export type BulkRunner = ReturnType<typeof createBulkRunner>;
