import * as z from 'zod/mini';

/*
 * Hostway API error bodies. The transfer status itself is in src/contract/transfer-status.ts:
 * the console server records and watches it too.
 */

/** Fault wrapper keyed by fault name: `{"itemNotFound": {"message": …, "code": 404, …}}`. */
export const hostwayFaultSchema = z.record(
  z.string(),
  z.looseObject({
    guid: z.optional(z.string()),
    message: z.optional(z.string()),
    code: z.optional(z.int()),
    details: z.optional(z.string()),
  }),
);
export type HostwayFault = z.infer<typeof hostwayFaultSchema>;
