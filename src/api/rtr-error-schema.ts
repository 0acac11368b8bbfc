import * as z from 'zod/mini';

/*
 * Apart from the process schemas (rtr-schemas.ts): the HTTP client reads every upstream error
 * with it, so it is on every page, and a transfer page should not download the process schemas.
 */

/** `{"type": "<ErrorType>", "message": "<text>", …extra}` */
export const rtrErrorSchema = z.looseObject({
  type: z.string(),
  message: z.optional(z.string()),
});
export type RtrError = z.infer<typeof rtrErrorSchema>;
