import { SIGNATURE_HEADER, TRANSFER_STATUS_CHANGED } from '../src/contract/notifications.ts';
import { message } from './database.ts';
import { redactedTarget, webhookSignature } from './webhook-notifier.ts';
import type { DueDelivery, WebhookOutbox } from './webhook-outbox.ts';

/**
 * The webhook delivery worker: sends the outbox's due rows (webhook-outbox.ts), at most
 * `concurrency` at once, each attempt cut off after `timeoutMs`. A 2xx answer delivers the row;
 * anything else (another status, a redirect, a network error, a timeout) schedules a retry with
 * the same body, so the same event `id`, after an exponential, jittered back-off
 * (retryDelayMs), until `giveUpAfterMs` after the event, when the row is recorded as failed.
 * It runs on timers and promises only: the watcher and the pages never wait for it.
 */

export interface BackoffPolicy {
  /** The wait after the first failed attempt, before jitter. */
  baseMs: number;
  /** The longest wait between two attempts. */
  capMs: number;
  /** No attempt starts later than this after the event was recorded: then it failed. */
  giveUpAfterMs: number;
}

/** 10 s, 20 s, 40 s … doubling up to 1 h between attempts, each −50 % jitter; 24 h in all. */
export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 10_000,
  capMs: 3_600_000,
  giveUpAfterMs: 24 * 3_600_000,
};
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 10_000;
export const DEFAULT_DELIVERY_CONCURRENCY = 4;
/** How often the outbox is looked at for rows due again (new rows are sent at once). */
export const DEFAULT_POLL_MS = 1000;
/** Delivered and failed rows are kept this long for the overview, then deleted. */
export const DELIVERY_RETENTION_MS = 30 * 24 * 3_600_000;

/**
 * The wait after `failedAttempts` failed attempts (1, 2, …): "equal jitter", between half and
 * all of min(cap, base × 2^(n−1)), so retries of many rows spread out but never come at once.
 */
export function retryDelayMs(
  failedAttempts: number,
  random: () => number = Math.random,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const exponent = Math.min(Math.max(failedAttempts, 1) - 1, 40);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * When a failed attempt is followed by another, or undefined when it was the last: the next
 * attempt is at most at the give-up time, and a row past it is not tried again.
 */
export function nextAttemptAt(
  createdAt: Date,
  failedAttempts: number,
  now: Date,
  options: { random?: () => number; policy?: BackoffPolicy; retryAfterMs?: number } = {},
): Date | undefined {
  const policy = options.policy ?? DEFAULT_BACKOFF;
  const deadline = createdAt.getTime() + policy.giveUpAfterMs;
  if (now.getTime() >= deadline) return undefined;
  let wait = retryDelayMs(failedAttempts, options.random, policy);
  if (options.retryAfterMs !== undefined) {
    wait = Math.max(wait, Math.min(options.retryAfterMs, policy.capMs));
  }
  return new Date(Math.min(now.getTime() + wait, deadline));
}

export interface WebhookDeliveryOptions {
  outbox: WebhookOutbox;
  /** NOTIFY_WEBHOOK_SECRET: each request is signed (X-Console-Signature) when set. */
  secret?: string;
  /**
   * NOTIFY_WEBHOOK_URLS: a row for an address no longer in it (removed, e.g. a leaked hook URL)
   * is not sent but recorded as failed. Default: every address is sent to.
   */
  targets?: readonly string[];
  timeoutMs?: number;
  concurrency?: number;
  pollMs?: number;
  backoff?: BackoffPolicy;
  /** Diagnostics, one line each (addresses are shown redacted). */
  logger: (line: string) => void;
  onOutcome?: (outcome: 'delivered' | 'retry' | 'failed') => void;
  onPending?: (pending: number) => void;
  /**
   * Clear every lease at start (default): right for a console alone on its SQLite file, where a
   * lease can only be a killed console's. Never with PostgreSQL, where another console may be
   * sending the leased rows right now.
   */
  releaseLeasesAtStart?: boolean;
  /** For tests. */
  fetch?: typeof globalThis.fetch;
  now?: () => Date;
  random?: () => number;
}

export interface WebhookDelivery {
  /** Releases leases left by an earlier process (see releaseLeasesAtStart), then looks at the outbox every pollMs. */
  start(): Promise<void>;
  /** Something was queued: look now. */
  kick(): void;
  /** Sends every row due now (and any that falls due while doing so), and waits for them. */
  runOnce(): Promise<void>;
  /**
   * No new attempt starts; those in flight are cut off and recorded as failed (to be retried
   * after a restart: at least once), so shutdown never waits for a slow receiver.
   */
  stop(): Promise<void>;
}

const NOT_CONFIGURED = 'the address is no longer in NOTIFY_WEBHOOK_URLS';

export function createWebhookDelivery(options: WebhookDeliveryOptions): WebhookDelivery {
  const { outbox, secret, logger } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
  const concurrency = options.concurrency ?? DEFAULT_DELIVERY_CONCURRENCY;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const policy = options.backoff ?? DEFAULT_BACKOFF;
  const send = options.fetch ?? globalThis.fetch;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  // An attempt holds its row for its timeout and a margin for recording the outcome.
  const leaseMs = timeoutMs + 30_000;

  const inflight = new Set<Promise<void>>();
  let pumping: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let pruneTimer: NodeJS.Timeout | undefined;

  const reportPending = () => {
    if (!options.onPending) return;
    outbox.counts().then(
      (counts) => options.onPending?.(counts.pending),
      () => {},
    );
  };

  async function attempt(delivery: DueDelivery): Promise<void> {
    const target = redactedTarget(delivery.targetUrl);
    if (options.targets && !options.targets.includes(delivery.targetUrl)) {
      await outbox.gaveUp(delivery.rowId, now(), NOT_CONFIGURED);
      options.onOutcome?.('failed');
      logger(`webhook ${delivery.eventId} to ${target}: not sent, ${NOT_CONFIGURED}`);
      return;
    }
    let error: string;
    let retryAfterMs: number | undefined;
    try {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'user-agent': 'RegistrarConsole-Webhooks/1',
        'x-console-event': TRANSFER_STATUS_CHANGED,
        'x-console-delivery': delivery.eventId,
      };
      if (secret) headers[SIGNATURE_HEADER.toLowerCase()] = webhookSignature(secret, delivery.body);
      const response = await send(delivery.targetUrl, {
        method: 'POST',
        headers,
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), stopping.signal]),
      });
      await response.body?.cancel().catch(() => {});
      if (response.status >= 200 && response.status < 300) {
        await outbox.delivered(delivery.rowId, now());
        options.onOutcome?.('delivered');
        return;
      }
      error = `HTTP ${response.status}`;
      const retryAfter = response.headers.get('retry-after');
      if (retryAfter && /^\d{1,7}$/.test(retryAfter.trim())) {
        retryAfterMs = Number(retryAfter.trim()) * 1000;
      }
    } catch (caught) {
      error = stopping.signal.aborted
        ? 'cut off: the console stopped'
        : describeFetchError(caught, timeoutMs);
    }
    const at = now();
    const next = nextAttemptAt(new Date(delivery.createdAt), delivery.attempts, at, {
      random,
      policy,
      retryAfterMs,
    });
    if (next) {
      await outbox.retryLater(delivery.rowId, at, next, error);
      options.onOutcome?.('retry');
      logger(
        `webhook ${delivery.eventId} to ${target}: attempt ${delivery.attempts} failed (${error}); next at ${next.toISOString()}`,
      );
    } else {
      await outbox.gaveUp(delivery.rowId, at, error);
      options.onOutcome?.('failed');
      logger(
        `webhook ${delivery.eventId} to ${target}: gave up after ${delivery.attempts} attempt(s) (${error})`,
      );
    }
  }

  function track(delivery: DueDelivery) {
    const running: Promise<void> = attempt(delivery)
      .catch((caught: unknown) => {
        // The outcome could not be written: the lease runs out and the row is sent again.
        logger(`webhook ${delivery.eventId}: outcome not recorded: ${message(caught)}`);
      })
      .finally(() => {
        inflight.delete(running);
        reportPending();
        void pump();
      });
    inflight.add(running);
  }

  function pump(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (pumping) {
      again = true;
      return pumping;
    }
    pumping = (async () => {
      do {
        again = false;
        const free = concurrency - inflight.size;
        if (free <= 0) break;
        let due: DueDelivery[];
        try {
          due = await outbox.claimDue(now(), free, leaseMs);
        } catch (caught) {
          logger(`webhook outbox not readable: ${message(caught)}`);
          break;
        }
        if (stopped) break;
        for (const delivery of due) track(delivery);
        if (due.length === free) again = true;
      } while (again && !stopped);
    })().finally(() => {
      pumping = undefined;
    });
    return pumping;
  }

  const prune = () => {
    outbox.prune(new Date(now().getTime() - DELIVERY_RETENTION_MS)).catch((caught: unknown) => {
      logger(`webhook outbox not pruned: ${message(caught)}`);
    });
  };

  return {
    async start() {
      if (stopped || timer) return;
      if (options.releaseLeasesAtStart ?? true) await outbox.releaseLeases();
      prune();
      reportPending();
      timer = setInterval(() => void pump(), pollMs);
      timer.unref();
      pruneTimer = setInterval(prune, 3_600_000);
      pruneTimer.unref();
      void pump();
    },
    kick() {
      void pump();
    },
    async runOnce() {
      await pump();
      while (inflight.size > 0 || pumping) {
        await Promise.all([...inflight, pumping]);
      }
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearInterval(pruneTimer);
      stopping.abort();
      await pumping;
      await Promise.all([...inflight]);
    },
  };
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: unknown } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  return typeof cause?.message === 'string' ? cause.message : message(error);
}
