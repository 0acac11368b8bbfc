import { setMaxListeners } from 'node:events';
import type { Context } from 'hono';
import {
  BULK_LOOKUP_CONTENT_TYPE,
  BULK_LOOKUP_MAX_BODY_BYTES,
  BULK_LOOKUP_MAX_DOMAINS,
  bulkLookupRequestSchema,
  type BulkLookupError,
  type BulkLookupErrorKind,
  type BulkLookupLine,
} from '../../src/contract/bulk-lookup.ts';
import type { ConsoleErrorType } from '../../src/contract/console-error.ts';
import type { ConsoleEnv } from '../access-log.ts';
import type { ConsoleError } from '../console-error.ts';
import { checkDomainName } from '../domain-name.ts';
import { jsonBodyReader } from './json-body.ts';
import { upstreamErrorKind, type ConsoleMetrics } from '../metrics.ts';
import type { Forward, ForwardResult } from '../proxy.ts';
import type { Redactor } from '../redact.ts';
import {
  parseTransferStatus,
  transferStatusPath,
  type RecordOutcome,
} from '../transfer-history.ts';
import { judgeUpstreamAnswer } from '../upstream-answer.ts';
import type { Upstream } from '../upstreams.ts';
import { validateAccount, validateDomain } from '../validation.ts';

const EXAMPLE = `Send {"domains": ["example.com", …]} with 1 to ${BULK_LOOKUP_MAX_DOMAINS} names.`;

/** A lookup answered "busy" or "paused" is tried again after the wait, at most this often. */
export const BULK_MAX_WAITS = 3;
/** A wait asked for by the limiter lasts at most this long (the client's idle deadline is 60 s). */
const MAX_WAIT_S = 20;

export interface BulkLookupsOptions {
  upstream: Upstream;
  /** The Hostway forwarder single lookups use (its limiter, people's priority). */
  forward: Forward;
  /** How many lookups of one bulk request are in flight at once: the limiter's concurrency. */
  concurrency: number;
  timeoutMs: number;
  onTransferStatus: (
    accountNumber: string,
    domainName: string,
    body: Uint8Array,
  ) => Promise<RecordOutcome>;
  consoleError: ConsoleError;
  redact: Redactor;
  log: (line: string) => void;
  metrics?: Pick<ConsoleMetrics, 'upstream'>;
  /** How a wait between tries is made (tests: at once). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * `POST /api/transfers/:accountNumber/lookups`: many transfer statuses in one request, answered
 * as NDJSON, one line per entry as soon as its answer is known. At most 2 × `concurrency` of
 * its lookups are in the limiter at once (its slots, and one waiting behind each so that a freed
 * slot is taken again at once), so a bulk request never fills the limiter's queue, and one that
 * is abandoned (the client closed the connection) starts no further lookup and
 * aborts those in flight. Each status is recorded in the history exactly as a single lookup's.
 */
export function bulkLookupsRoute(options: BulkLookupsOptions) {
  const { upstream, forward, concurrency, timeoutMs, consoleError, redact, log, metrics } = options;
  const sleep = options.sleep ?? abortableSleep;
  const readBody = jsonBodyReader({
    schema: bulkLookupRequestSchema,
    maxBytes: BULK_LOOKUP_MAX_BODY_BYTES,
    example: EXAMPLE,
    consoleError,
  });

  /** One domain's line, once its lookup is settled (tries again after a limiter's wait). */
  async function lookUp(
    accountNumber: string,
    domain: string,
    signal: AbortSignal,
  ): Promise<
    { ok: true; status: BulkLookupLine & { ok: true } } | { ok: false; error: BulkLookupError }
  > {
    const target = transferStatusPath(accountNumber, domain);
    for (let tries = 0; ; tries++) {
      const result = await forward(upstream, target, timeoutMs, signal);
      // The slot this lookup held is free again, and the lookup waiting behind it is being sent
      // (the limiter hands the slot over in microtasks). Checking and recording this answer
      // (its schema, the history's SQLite write, its line) waits for the next turn of the event
      // loop, so that it never delays that request: with 8 slots and 100 ms answers, each
      // millisecond on that path costs 62 ms over 500 lookups.
      await nextTurn();
      if (result.kind !== 'response')
        metrics?.upstream('hostway', result, upstreamErrorKind(result));
      if ((result.kind === 'busy' || result.kind === 'paused') && tries < BULK_MAX_WAITS) {
        await sleep(Math.min(result.retryAfterS, MAX_WAIT_S) * 1000, signal);
        if (signal.aborted) return { ok: false, error: cancelled };
        continue;
      }
      return settle(accountNumber, domain, result);
    }
  }

  async function settle(
    accountNumber: string,
    domain: string,
    result: ForwardResult,
  ): Promise<
    { ok: true; status: BulkLookupLine & { ok: true } } | { ok: false; error: BulkLookupError }
  > {
    const fail = (
      kind: BulkLookupErrorKind,
      message: string,
      extra: Omit<BulkLookupError, 'kind' | 'message'> = {},
    ) => ({ ok: false as const, error: { kind, message, ...extra } });
    const name = upstream.name;
    switch (result.kind) {
      case 'cancelled':
        return { ok: false, error: cancelled };
      case 'timeout':
        return fail('timeout', `The ${name} did not answer in time.`, { type: 'UpstreamTimeout' });
      case 'too-large':
        return fail('bad-response', `The ${name} answered more than the console reads.`, {
          status: result.status,
          type: 'UpstreamBadResponse',
        });
      case 'busy':
        return fail('busy', `Too many requests are waiting for the ${name}.`, {
          type: 'UpstreamQueueFull',
          retryAfterS: result.retryAfterS,
        });
      case 'paused':
        return fail('rate-limited', `The ${name} asked the console to slow down.`, {
          type: 'UpstreamRateLimited',
          retryAfterS: result.retryAfterS,
        });
      case 'unreachable':
        log(`upstream unreachable: ${name} (bulk lookup of ${domain}): ${result.detail}`);
        return fail('unreachable', `The console could not reach the ${name} (${result.summary}).`, {
          type: 'UpstreamUnreachable',
        });
      case 'response': {
        const body = redact.bytes(result.body);
        const verdict = judgeUpstreamAnswer({ ...result, body });
        const problem = (
          status: number,
          type: ConsoleErrorType | undefined,
          kind: BulkLookupErrorKind,
          message: string,
        ) => fail(kind, message, { status, ...(type && { type }) });
        if (!verdict.ok) {
          metrics?.upstream('hostway', result, 'bad-response');
          // A bare 404 is still "no transfer order".
          if (verdict.upstreamStatus === 404) {
            return problem(404, undefined, 'not-found', 'No transfer order for this domain.');
          }
          log(
            `upstream bad response: ${name} (bulk lookup of ${domain}) answered ${verdict.problem}`,
          );
          return problem(
            verdict.upstreamStatus,
            'UpstreamBadResponse',
            'bad-response',
            `The ${name} answered ${verdict.problem}.`,
          );
        }
        const status = verdict.status;
        metrics?.upstream(
          'hostway',
          result,
          status >= 500 ? '5xx' : status === 429 ? 'rate-limited' : undefined,
        );
        if (status === 200) {
          const parsed = parseTransferStatus(body);
          // Recorded as a single lookup records it (and logged there when it is not a status).
          const outcome = await options.onTransferStatus(accountNumber, domain, body);
          if (!parsed) {
            return problem(
              200,
              undefined,
              'bad-response',
              `The ${name} answered something that is not a transfer status.`,
            );
          }
          return {
            ok: true,
            status: {
              index: 0,
              input: '',
              domain,
              ok: true,
              status: parsed,
              recorded: outcome.recorded,
              ...(!outcome.recorded && outcome.reason && { reason: outcome.reason }),
            },
          };
        }
        if (status === 404) {
          return problem(404, undefined, 'not-found', 'No transfer order for this domain.');
        }
        if (status === 401 || status === 403) {
          return problem(
            status,
            undefined,
            'unauthorized',
            `The ${name} refused the console's credentials (HTTP ${status}).`,
          );
        }
        if (status === 429) {
          return problem(429, undefined, 'rate-limited', `The ${name} answered HTTP 429.`);
        }
        return problem(status, undefined, 'upstream-error', `The ${name} answered HTTP ${status}.`);
      }
    }
  }

  const run = async (
    c: Context<ConsoleEnv>,
    accountNumber: string,
    inputs: readonly string[],
  ): Promise<Response> => {
    // Every entry checked as a single lookup's path is; each registrable domain asked once.
    const invalidLines: BulkLookupLine[] = [];
    const indicesOf = new Map<string, number[]>();
    inputs.forEach((input, index) => {
      const checked = checkDomainName(input);
      const refused = checked.ok ? validateDomain(checked.ascii) : checked.reason;
      if (!checked.ok || refused) {
        invalidLines.push({
          index,
          input,
          ok: false,
          error: { kind: 'invalid', message: refused ?? 'Not a domain name.' },
        });
        return;
      }
      const same = indicesOf.get(checked.ascii);
      if (same) same.push(index);
      else indicesOf.set(checked.ascii, [index]);
    });
    const domains = [...indicesOf.keys()];
    c.set('lookupObject', `${accountNumber}/${domains.join(',')}`);

    const abort = new AbortController();
    const { signal } = abort;
    const workerCount = Math.min(2 * concurrency, domains.length);
    // Each lookup queued or in flight listens to it (the limiter, undici): not a leak.
    setMaxListeners(4 * workerCount + 10, signal);
    const requestSignal = c.req.raw.signal;
    const onGone = () => abort.abort();
    if (requestSignal.aborted) abort.abort();
    else requestSignal.addEventListener('abort', onGone, { once: true });
    const encoder = new TextEncoder();

    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        // The lines settled in one turn of the event loop go out as one chunk: one write, and
        // one chunk for the browser to read, instead of one per line.
        let pending: BulkLookupLine[] = [];
        const flush = () => {
          const lines = pending;
          pending = [];
          if (signal.aborted || lines.length === 0) return;
          const text = lines.map((line) => `${JSON.stringify(line)}\n`).join('');
          try {
            controller.enqueue(encoder.encode(redact.text(text)));
          } catch {
            abort.abort(); // the stream was closed under us
          }
        };
        const emit = (lines: BulkLookupLine[]) => {
          if (signal.aborted || lines.length === 0) return;
          if (pending.length === 0) setImmediate(flush);
          pending.push(...lines);
        };
        emit(invalidLines);
        let next = 0;
        const worker = async () => {
          while (!signal.aborted && next < domains.length) {
            const domain = domains[next++]!;
            const answer = await lookUp(accountNumber, domain, signal);
            if (signal.aborted) return;
            const indices = indicesOf.get(domain)!;
            emit(
              indices.map((index) =>
                answer.ok
                  ? { ...answer.status, index, input: inputs[index]! }
                  : { index, input: inputs[index]!, domain, ok: false, error: answer.error },
              ),
            );
          }
        };
        // One more lookup queued behind each slot: a slot freed is taken again at once, not
        // after this request has recorded its answer and written its line.
        const workers = Array.from({ length: workerCount }, worker);
        void Promise.all(workers).then(
          () => {
            requestSignal.removeEventListener('abort', onGone);
            if (signal.aborted) return;
            flush();
            try {
              controller.close();
            } catch {
              // already cancelled
            }
          },
          (error: unknown) => {
            log(`bulk lookup failed: ${error instanceof Error ? error.message : String(error)}`);
            controller.error(error);
          },
        );
      },
      cancel() {
        abort.abort();
      },
    });
    return new Response(stream, {
      status: 200,
      headers: {
        'Content-Type': BULK_LOOKUP_CONTENT_TYPE,
        // Lines must reach the browser as they come: no buffering proxy, no compression.
        'Cache-Control': 'no-store, no-transform',
        'X-Accel-Buffering': 'no',
      },
    });
  };

  return async (c: Context<ConsoleEnv>, accountNumber: string): Promise<Response> => {
    const invalid = validateAccount(accountNumber);
    if (invalid) return consoleError(c, 400, 'ConsoleInvalidInput', invalid);
    const read = await readBody(c);
    if (!read.ok) return read.refused;
    return run(c, accountNumber, read.body.domains);
  };
}

/** Resolves in the event loop's next check phase, once every microtask queued now has run. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

const cancelled: BulkLookupError = { kind: 'cancelled', message: 'Cancelled.' };

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
