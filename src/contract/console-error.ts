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
  'UpstreamTimeout',
  'UpstreamUnreachable',
  'ConsoleInternalError',
]);
export type ConsoleErrorType = z.infer<typeof consoleErrorTypeSchema>;

export const consoleErrorBodySchema = z.object({
  type: consoleErrorTypeSchema,
  /** For people: what went wrong and what to do about it. Never holds a secret. */
  message: z.string(),
  source: z.literal('console'),
});
export type ConsoleErrorBody = z.infer<typeof consoleErrorBodySchema>;
