import { request } from 'undici';
import pLimit from 'p-limit';
import { retryAfterSeconds } from './upstream-answer.ts';
import { upstreamHeaders, type Upstream } from './upstreams.ts';

export type ForwardResult =
  | {
      kind: 'response';
      status: number;
      /** Only the headers the console looks at (content-type, content-encoding, retry-after). */
      headers: Record<string, string>;
      body: Uint8Array;
      durationMs: number;
    }
  /** No complete answer within the deadline; `sent: false` when it ran out while queued. */
  | { kind: 'timeout'; durationMs: number; sent?: boolean }
  /** The answer was longer than `limitBytes`: reading stopped there. */
  | { kind: 'too-large'; status: number; limitBytes: number; durationMs: number }
  /** Not sent: too many requests already wait for this upstream. */
  | { kind: 'busy'; retryAfterS: number; durationMs: number }
  /** Not sent: the upstream answered 429 recently and asked everyone to wait. */
  | { kind: 'paused'; retryAfterS: number; durationMs: number }
  /** `signal` was aborted (e.g. the browser went away) before the answer was complete. */
  | { kind: 'cancelled'; durationMs: number }
  | { kind: 'unreachable'; summary: string; detail: string; durationMs: number };

const PASSED_HEADERS = ['content-type', 'content-encoding', 'retry-after'] as const;

const UNREACHABLE_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  UND_ERR_SOCKET: 'connection closed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

export type Forward = (
  upstream: Upstream,
  pathAndQuery: string,
  timeoutMs: number,
  signal?: AbortSignal,
  /** 'background': the watcher's; never takes the slots kept for people (see limitForward). */
  priority?: 'background',
) => Promise<ForwardResult>;

/** The default cap on an upstream answer's body (UPSTREAM_MAX_BYTES). */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/**
 * A Forward that GETs `upstream.baseUrl + pathAndQuery` with the upstream's credentials and reads
 * the body, at most `maxBytes` of it, all within `timeoutMs`. Never throws for network trouble:
 * it classifies it instead. Aborting `signal` cancels the request.
 */
export function makeForward({ maxBytes = DEFAULT_MAX_BYTES }: { maxBytes?: number } = {}): Forward {
  return async (upstream, pathAndQuery, timeoutMs, signal) => {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    if (signal?.aborted) return { kind: 'cancelled', durationMs: 0 };
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      // undici's request() rather than fetch(): about 3.5× the throughput on Node 20 (pooled
      // keep-alive connections, no WHATWG stream layers), and it never follows redirects, so
      // the credential cannot be carried to another host.
      const res = await request(upstream.baseUrl + pathAndQuery, {
        method: 'GET',
        headers: upstreamHeaders(upstream),
        signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
      });
      const tooLarge = () => {
        res.body.destroy();
        return {
          kind: 'too-large' as const,
          status: res.statusCode,
          limitBytes: maxBytes,
          durationMs: elapsed(),
        };
      };
      if (Number(res.headers['content-length']) > maxBytes) return tooLarge();
      const chunks: Buffer[] = [];
      let length = 0;
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        length += chunk.length;
        if (length > maxBytes) return tooLarge();
        chunks.push(chunk);
      }
      const body = new Uint8Array(Buffer.concat(chunks, length));
      const headers: Record<string, string> = {};
      for (const name of PASSED_HEADERS) {
        const value = res.headers[name];
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      return { kind: 'response', status: res.statusCode, headers, body, durationMs: elapsed() };
    } catch (error) {
      if (signal?.aborted && !timeout.aborted) return { kind: 'cancelled', durationMs: elapsed() };
      if (isTimeout(error)) return { kind: 'timeout', durationMs: elapsed() };
      return { kind: 'unreachable', ...describeNetworkError(error), durationMs: elapsed() };
    }
  };
}

/** makeForward() with the default cap. */
export const forward: Forward = makeForward();

export interface LimitedForward extends Forward {
  /** At most this many requests are sent at once. */
  readonly concurrency: number;
  /** Requests being sent now that hold a slot. */
  readonly activeCount: number;
  /** Requests sent that no longer hold a slot: unanswered past the slow threshold. */
  readonly overdueCount: number;
  /** Requests waiting for a slot. */
  readonly pendingCount: number;
  /** Seconds left of a pause an upstream 429 asked for (0: not paused). */
  readonly pausedForS: number;
}

export interface LimitOptions {
  /** At most this many requests wait for a slot; more are answered 'busy' at once. */
  queueMax?: number;
  /** A 429's Retry-After pauses the upstream at most this long (a hostile value is capped). */
  maxPauseS?: number;
  /**
   * A request unanswered after max(this, 10 × the recent average answer time) gives its slot
   * up (default 1,000 ms). It keeps waiting for its answer until its deadline.
   */
  slowAfterMinMs?: number;
  /** At most this many requests are overdue at once; beyond that they keep their slot. */
  overdueMax?: number;
  /**
   * Slots background requests (the watcher's) never take, so a person's lookup finds one free
   * however busy the watcher is. Default: a third of `concurrency`, at least 1 (when
   * `concurrency` is 1, background requests share the one slot).
   */
  reservedForPeople?: number;
  now?: () => number;
}

/** Pause after a 429 without a (valid) Retry-After. */
const DEFAULT_PAUSE_S = 1;

/**
 * `inner` with at most `concurrency` requests in flight; the others wait in a FIFO queue of at
 * most `queueMax`. The deadline (`timeoutMs`) starts when a request is queued: time spent
 * waiting counts, and a request whose deadline passes while it waits is answered 'timeout' and
 * never sent. A 429 from the upstream pauses it for everyone for its Retry-After: meanwhile
 * requests are answered 'paused' without being sent. A request whose `signal` is aborted while it
 * waits is dropped without being sent.
 *
 * A request that stays unanswered far longer than answers usually take gives its slot up and
 * becomes "overdue" (at most `overdueMax` at once; default `queueMax`). Without that, a few hung
 * upstream answers hold every slot until their deadline (15 s by default) and the healthy rest
 * of the traffic gets nothing meanwhile: `npm run soak` measured 54 of 60 seconds without a
 * single answer at 1.25 % hung answers. The upstream then sees at most `concurrency` requests
 * it is answering normally plus the overdue ones, which it is evidently not working on.
 */
export function limitForward(
  concurrency: number,
  inner: Forward = forward,
  {
    queueMax = 100,
    maxPauseS = 120,
    slowAfterMinMs = 1000,
    overdueMax = queueMax,
    reservedForPeople = Math.max(1, Math.floor(concurrency / 3)),
    now = Date.now,
  }: LimitOptions = {},
): LimitedForward {
  const limit = pLimit(concurrency);
  // Background requests first wait for one of these, outside the deadline: it is how many of
  // them may be queued or in flight at once.
  const backgroundLimit = pLimit(Math.max(1, concurrency - reservedForPeople));
  let pausedUntil = 0;
  let overdueCount = 0;
  const pausedForS = () => Math.max(0, Math.ceil((pausedUntil - now()) / 1000));
  // Recent upstream durations (seeded by the first answer): for a Retry-After guess when the
  // queue is full, and for when a request counts as overdue.
  let averageMs: number | undefined;

  const limited: Forward = (upstream, pathAndQuery, timeoutMs, signal, priority) => {
    if (priority === 'background') {
      return backgroundLimit(() =>
        signal?.aborted
          ? { kind: 'cancelled' as const, durationMs: 0 }
          : limited(upstream, pathAndQuery, timeoutMs, signal),
      );
    }
    if (pausedForS() > 0) {
      return Promise.resolve({ kind: 'paused', retryAfterS: pausedForS(), durationMs: 0 });
    }
    if (limit.activeCount >= concurrency && limit.pendingCount >= queueMax) {
      const drainS = Math.ceil((limit.pendingCount / concurrency) * ((averageMs ?? 500) / 1000));
      return Promise.resolve({
        kind: 'busy',
        retryAfterS: Math.min(30, Math.max(1, drainS)),
        durationMs: 0,
      });
    }
    const queuedAt = now();
    let started = false;
    let settled = false;
    // A request abandoned, or out of time, while it waits is answered at once; `task` sees
    // `settled` when its turn comes and returns without sending anything.
    return new Promise<ForwardResult>((resolve, reject) => {
      const finish = (result: ForwardResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(result);
      };
      const fail = (error: unknown) => {
        settled = true;
        clearTimeout(timer);
        reject(error);
      };
      const onAbort = () => {
        if (!started) finish({ kind: 'cancelled', durationMs: 0 });
      };
      const timer = setTimeout(() => {
        if (!started) finish({ kind: 'timeout', durationMs: timeoutMs, sent: false });
      }, timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });

      // Runs in a slot; the slot is free again when this returns.
      const task = async (): Promise<void> => {
        if (settled || signal?.aborted) return finish({ kind: 'cancelled', durationMs: 0 });
        const left = timeoutMs - (now() - queuedAt);
        if (left <= 0) return finish({ kind: 'timeout', durationMs: 0, sent: false });
        if (pausedForS() > 0) {
          return finish({ kind: 'paused', retryAfterS: pausedForS(), durationMs: 0 });
        }
        started = true;
        const attempt = inner(upstream, pathAndQuery, left, signal).then((result) => {
          if (result.kind === 'response' || result.kind === 'too-large') {
            averageMs =
              averageMs === undefined
                ? result.durationMs
                : averageMs * 0.9 + result.durationMs * 0.1;
          }
          if (result.kind === 'response' && result.status === 429) {
            const asked = retryAfterSeconds(result.headers['retry-after']) ?? DEFAULT_PAUSE_S;
            pausedUntil = Math.max(pausedUntil, now() + Math.min(asked, maxPauseS) * 1000);
          }
          return result;
        });
        attempt.then(finish, fail);
        const answered = attempt.then(
          () => true,
          () => true,
        );
        let slowTimer: NodeJS.Timeout | undefined;
        const slow = new Promise<false>((wake) => {
          slowTimer = setTimeout(
            () => wake(false),
            Math.max(slowAfterMinMs, 10 * (averageMs ?? 0)),
          );
        });
        const inTime = await Promise.race([answered, slow]);
        clearTimeout(slowTimer);
        if (inTime) return;
        if (overdueCount < overdueMax) {
          overdueCount++;
          void answered.then(() => overdueCount--);
          return;
        }
        // Too many overdue already: this one keeps its slot, and the queue waits (back-pressure).
        await answered;
      };
      limit(task).catch(fail);
    });
  };
  return Object.defineProperties(limited, {
    concurrency: { value: concurrency },
    activeCount: { get: () => limit.activeCount },
    overdueCount: { get: () => overdueCount },
    pendingCount: { get: () => limit.pendingCount },
    pausedForS: { get: pausedForS },
  }) as LimitedForward;
}

function isTimeout(error: unknown): boolean {
  const name = error instanceof Error ? error.name : undefined;
  return name === 'TimeoutError' || name === 'AbortError';
}

/**
 * `summary` is safe to show to a browser ("connection refused"); `detail` adds the error's own
 * text (which may name the host, never a credential) for the server log.
 */
export function describeNetworkError(error: unknown): { summary: string; detail: string } {
  const cause = (error as { cause?: unknown } | undefined)?.cause ?? error;
  // Happy-eyeballs failures arrive as an AggregateError whose parts carry the code.
  const code =
    (cause as { code?: unknown } | undefined)?.code ??
    (cause as { errors?: { code?: unknown }[] } | undefined)?.errors?.[0]?.code;
  const known = typeof code === 'string' ? UNREACHABLE_CODES[code] : undefined;
  const text = cause instanceof Error ? cause.message : String(cause);
  return {
    summary: known ?? 'network error',
    detail: typeof code === 'string' ? `${code}: ${text}` : text,
  };
}
