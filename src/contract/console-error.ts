import * as z from 'zod/mini';

/**
 * The body of every error the console server itself produces (upstream errors pass through
 * as they came): `{ type, message, source: 'console' }`.
 */
export const consoleErrorTypeSchema = z.enum([
  'ConsoleInvalidInput',
  'ConsoleNotFound',
  'ConsoleMethodNotAllowed',
  'ConsoleUnsupportedMediaType',
  'ConsolePayloadTooLarge',
  /** 421: the request's Host is not one of the console's own names (DNS rebinding). */
  'ConsoleMisdirectedRequest',
  /** 403: an API request sent by a page of another site or origin. */
  'ConsoleForbiddenOrigin',
  'UpstreamTimeout',
  'UpstreamUnreachable',
  /** 502: the upstream's answer is not JSON the console may relay (type, encoding, size, status). */
  'UpstreamBadResponse',
  /** 503: too many requests are already waiting for this upstream; see Retry-After. */
  'UpstreamQueueFull',
  /** 429: the upstream asked the console to slow down; nothing is sent until Retry-After. */
  'UpstreamRateLimited',
  'ConsoleInternalError',
  /** 401: no valid session (signed out, expired, tampered); sign in again. */
  'ConsoleUnauthenticated',
  /** 403: signed in, but not allowed (allow-lists, admin-only, untrusted proxy). */
  'ConsoleForbidden',
]);
export type ConsoleErrorType = z.infer<typeof consoleErrorTypeSchema>;

export const consoleErrorBodySchema = z.object({
  type: consoleErrorTypeSchema,
  /** For people: what went wrong and what to do about it. Never holds a secret. */
  message: z.string(),
  source: z.literal('console'),
  /** The status the upstream answered with, when the error is about an upstream answer. */
  upstreamStatus: z.optional(z.number()),
  /**
   * For UpstreamBadResponse: the start (at most 2,000 characters) of what the upstream sent,
   * redacted, as text. Absent when there was nothing readable (empty, encoded, too large).
   */
  upstreamExcerpt: z.optional(z.string()),
  /** The request's id (also the X-Request-Id header), to quote when reporting the error. */
  requestId: z.optional(z.string()),
});
export type ConsoleErrorBody = z.infer<typeof consoleErrorBodySchema>;
