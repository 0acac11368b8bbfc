import type { QueryClient } from '@tanstack/react-query';
import pLimit from 'p-limit';
import type { TransferStatus } from '../../contract/transfer-status.ts';
import { isSignedOut } from '../../lib/signed-out.ts';
import { transferQueries } from './queries.ts';

export interface BulkEntry {
  state: 'queued' | 'loading' | 'done' | 'failed';
  data?: TransferStatus;
  /** Set when the console answered but could not record the status in its history. */
  notRecorded?: { reason: string | null };
  error?: unknown;
}

interface BulkRunnerOptions {
  queryClient: QueryClient;
  accountNumber: string;
  domains: readonly string[];
  concurrency: number;
  /** How updates are batched before listeners hear of them; one per animation frame. */
  schedule?: (callback: () => void) => void;
}

/**
 * Looks up many transfers with at most `concurrency` requests in flight. Each lookup goes
 * through the query cache (`fetchQuery`: same keys, retries and caching as the detail page),
 * but the page subscribes to this one store instead of hundreds of query observers, and hears
 * of changes at most once per frame: 500 answers cause a few dozen renders, not 500.
 */
export function createBulkRunner({
  queryClient,
  accountNumber,
  domains,
  concurrency,
  schedule = (callback) => requestAnimationFrame(callback),
}: BulkRunnerOptions) {
  const limit = pLimit(concurrency);
  const entries = new Map<string, BulkEntry>(domains.map((d) => [d, { state: 'queued' }]));
  const enqueued = new Set<string>();
  const listeners = new Set<() => void>();
  let snapshot: BulkEntry[] = domains.map((d) => entries.get(d)!);
  let flushPending = false;

  function update(domain: string, entry: BulkEntry) {
    entries.set(domain, entry);
    if (flushPending) return;
    flushPending = true;
    schedule(() => {
      flushPending = false;
      snapshot = domains.map((d) => entries.get(d)!);
      listeners.forEach((listener) => listener());
    });
  }

  function enqueue(domain: string) {
    if (enqueued.has(domain)) return;
    enqueued.add(domain);
    void limit(async () => {
      // Signed out meanwhile: every further lookup would be refused; it stays queued.
      if (isSignedOut()) {
        enqueued.delete(domain);
        return;
      }
      update(domain, { state: 'loading' });
      try {
        const {
          status: data,
          recorded,
          reason,
        } = await queryClient.fetchQuery(transferQueries.statusInBulk(accountNumber, domain));
        update(
          domain,
          recorded ? { state: 'done', data } : { state: 'done', data, notRecorded: { reason } },
        );
      } catch (error) {
        update(domain, { state: 'failed', error });
      } finally {
        enqueued.delete(domain);
      }
    });
  }

  return {
    /** Starts every lookup not yet done; safe to call again after stop(). */
    start() {
      for (const domain of domains) {
        if (entries.get(domain)!.state === 'queued') enqueue(domain);
      }
    },
    /** Drops the lookups still waiting for a slot; those in flight finish. */
    stop() {
      limit.clearQueue();
      for (const domain of domains) {
        if (entries.get(domain)!.state === 'queued') enqueued.delete(domain);
      }
    },
    retry(domain: string) {
      if (entries.get(domain)?.state !== 'failed') return;
      update(domain, { state: 'queued' });
      enqueue(domain);
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
  };
}

export type BulkRunner = ReturnType<typeof createBulkRunner>;
