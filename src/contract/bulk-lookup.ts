import * as z from 'zod/mini';
import { pastedNamesSchema } from './domain-check.ts';
import { transferStatusSchema } from './transfer-status.ts';

/*
 * `POST /api/transfers/:accountNumber/lookups` with `{"domains": [...]}`: the console server
 * looks up the transfer status of every domain (each checked and normalised as a single lookup
 * is), through the same Hostway limiter as single lookups, and answers `application/x-ndjson`:
 * one line per entry of `domains`, in the order the answers arrive. When the client goes away,
 * no further upstream request starts.
 */

export const bulkLookupPath = (accountNumber: string) =>
  `/api/transfers/${encodeURIComponent(accountNumber)}/lookups`;
export const BULK_LOOKUP_CONTENT_TYPE = 'application/x-ndjson';
/** At most this many names per request (400 above it). */
export const BULK_LOOKUP_MAX_DOMAINS = 5_000;
/** The request body's size limit (413 above it): 5,000 names of up to 200 characters. */
export const BULK_LOOKUP_MAX_BODY_BYTES = 1_000_000;

export const bulkLookupRequestSchema = /* @__PURE__ */ z.object(
  {
    domains: pastedNamesSchema(
      BULK_LOOKUP_MAX_DOMAINS,
      `must hold at most ${BULK_LOOKUP_MAX_DOMAINS} names: send more in further requests`,
    ),
  },
  { error: 'must be an object' },
);
export type BulkLookupRequest = z.infer<typeof bulkLookupRequestSchema>;

/**
 * Why a line has no status:
 * - `invalid`: the entry is not a registrable domain (nothing was sent upstream);
 * - `not-found`: Hostway has no transfer order for it (404): an answer, nothing to retry;
 * - `upstream-error`: Hostway answered another error (`status`: its HTTP status);
 * - `unauthorized`: Hostway refused the console's credentials (401/403);
 * - `rate-limited`: Hostway answered 429, or asked the console to wait (`retryAfterS`);
 * - `busy`: too many requests were waiting for Hostway (`retryAfterS`);
 * - `timeout`: no answer within the console's deadline;
 * - `unreachable`: the console could not reach Hostway;
 * - `bad-response`: Hostway's answer was not a transfer status.
 * Any other value passes (a page open across an upgrade): shown as a failed lookup.
 */
export const BULK_LOOKUP_ERROR_KINDS = [
  'invalid',
  'not-found',
  'upstream-error',
  'unauthorized',
  'rate-limited',
  'busy',
  'timeout',
  'unreachable',
  'bad-response',
] as const;
export type BulkLookupErrorKind = (typeof BULK_LOOKUP_ERROR_KINDS)[number];

export const bulkLookupErrorSchema = /* @__PURE__ */ z.object({
  kind: z.string(),
  /** In words for people. */
  message: z.string(),
  /** The upstream's HTTP status, when it answered. */
  status: z.optional(z.int()),
  /** The console error type a single lookup would have answered (UpstreamTimeout, …). */
  type: z.optional(z.string()),
  retryAfterS: z.optional(z.int()),
});
export type BulkLookupError = z.infer<typeof bulkLookupErrorSchema>;

export const bulkLookupLineSchema = /* @__PURE__ */ z.union([
  z.object({
    /** The entry's position in the request's `domains`. */
    index: z.int(),
    /** The entry as sent. */
    input: z.string(),
    /** The registrable domain looked up (ASCII). */
    domain: z.string(),
    ok: z.literal(true),
    status: transferStatusSchema,
    /** False when the console could not record the status in its history (`reason` says why). */
    recorded: z.boolean(),
    reason: z.optional(z.string()),
  }),
  z.object({
    index: z.int(),
    input: z.string(),
    /** Absent for an `invalid` entry. */
    domain: z.optional(z.string()),
    ok: z.literal(false),
    error: bulkLookupErrorSchema,
  }),
]);
export type BulkLookupLine = z.infer<typeof bulkLookupLineSchema>;
