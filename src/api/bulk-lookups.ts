import { ApiError, type ApiErrorKind } from './api-error.ts';
import { postNdjson, type StreamOptions } from './ndjson-client.ts';
import {
  bulkLookupLineSchema,
  bulkLookupPath,
  type BulkLookupError,
  type BulkLookupRequest,
} from '../contract/bulk-lookup.ts';
import type { TransferStatusAnswer } from './hostway.ts';

// A module of its own: only the bulk view loads the line schema.

/** One entry's answer: its status as a single lookup gives it, or why there is none. */
export type BulkLookupResult =
  ({ ok: true } & TransferStatusAnswer) | { ok: false; error: ApiError };

export interface BulkLookupAnswer {
  /** The entry's position in `domains`. */
  index: number;
  /** The registrable domain looked up (absent for an invalid entry). */
  domain: string | undefined;
  result: BulkLookupResult;
}

/**
 * `POST /api/transfers/:account/lookups`: the transfer status of every domain (at most
 * BULK_LOOKUP_MAX_DOMAINS), `onAnswers` called as the console server's lines arrive (each
 * chunk's at once). Resolves once every line has come; throws ApiError as the HTTP client does.
 */
export async function streamBulkLookups(
  accountNumber: string,
  domains: readonly string[],
  onAnswers: (answers: BulkLookupAnswer[]) => void,
  options?: StreamOptions,
): Promise<void> {
  const body: BulkLookupRequest = { domains: [...domains] };
  await postNdjson(
    bulkLookupPath(accountNumber),
    body,
    bulkLookupLineSchema,
    (lines) =>
      onAnswers(
        lines.map((line) => ({
          index: line.index,
          domain: line.domain,
          result: line.ok
            ? {
                ok: true,
                status: line.status,
                recorded: line.recorded,
                reason: line.reason ?? null,
              }
            : { ok: false, error: bulkLineError(line.error) },
        })),
      ),
    options,
  );
}

const KINDS: Record<string, ApiErrorKind> = {
  invalid: 'invalid-input',
  'not-found': 'not-found',
  'upstream-error': 'upstream-error',
  unauthorized: 'unauthorized',
  'rate-limited': 'rate-limited',
  busy: 'upstream-error',
  timeout: 'timeout',
  unreachable: 'network',
  'bad-response': 'bad-response',
};

/** A line's error as the ApiError a single lookup of the same domain would have thrown. */
export function bulkLineError(error: BulkLookupError): ApiError {
  return new ApiError({
    kind: KINDS[error.kind] ?? 'upstream-error',
    // The upstream answered (with `status`) unless the console says what stopped it.
    source: error.type === undefined && error.status !== undefined ? 'upstream' : 'console',
    message: error.message,
    status: error.status,
    errorType: error.type,
    retryAfterMs: error.retryAfterS === undefined ? undefined : error.retryAfterS * 1000,
  });
}
