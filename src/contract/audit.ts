import * as z from 'zod/mini';

/**
 * The audit trail: one entry per lookup a signed-in person made through the console (a process,
 * a transfer status, a transfer's history, a transfer status looked up by the bulk view, or a
 * search of the process list, whose object is its query string).
 * `GET /api/audit` (admins only) answers `{ entries, total }`, newest first.
 */
export const AUDIT_PATH = '/api/audit';

// Pure throughout: the bulk view imports only the header's name, and leaves the schemas out.
export const auditKindSchema = /* @__PURE__ */ z.enum([
  'process',
  'transfer',
  'history',
  'bulk',
  'search',
  // A person watched a transfer again, or stopped watching it, on the overview.
  'watch',
  'unwatch',
]);
export type AuditKind = z.infer<typeof auditKindSchema>;

export const auditEntrySchema = /* @__PURE__ */ z.object({
  /** When the answer was sent (ISO-8601, UTC). */
  at: z.string(),
  /** Who asked (the signed-in user's e-mail; `local` under AUTH_MODE=none). */
  user: z.string(),
  kind: auditKindSchema,
  /** What was looked up, as sent: a process id, or `account/domain`. */
  object: z.string(),
  /** The upstream's HTTP status, when the request was forwarded and answered. */
  upstreamStatus: z.optional(z.number()),
  /** The console error type, when the console answered itself (refused, timed out, …). */
  errorType: z.optional(z.string()),
  /** The HTTP status the browser got. */
  status: z.number(),
  /** The request's id (X-Request-Id), to match the entry with the server's log. */
  requestId: z.optional(z.string()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = /* @__PURE__ */ z.object({
  entries: z.array(auditEntrySchema),
  /** How many entries match the filter (all pages). */
  total: z.number(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

/** At most this many entries per page (`limit`). */
export const AUDIT_MAX_LIMIT = 500;
export const AUDIT_DEFAULT_LIMIT = 50;
/**
 * `object=acct1/*` (a trailing `*`) matches every object that starts with `acct1/`; without it
 * the object must match exactly. No other character is special.
 */
export const AUDIT_PREFIX_MARK = '*';
/** The query parameters of `GET /api/audit`; any other is refused. */
export const AUDIT_PARAMS = ['user', 'object', 'kind', 'from', 'to', 'limit', 'offset'] as const;
export type AuditParam = (typeof AUDIT_PARAMS)[number];
