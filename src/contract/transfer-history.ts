import * as z from 'zod/mini';

/**
 * `GET /api/transfers/:accountNumber/:domainName/history`: the transfer statuses the console
 * server has observed, from its history store. The server's response type is inferred from
 * these schemas; the browser parses the answer with them.
 */

/** Who saw a status first: a browser's lookup through the proxy, or the server's watcher. */
// Pure: the browser only needs its type, and leaves it out of the bundle.
export const observationSourceSchema = /* @__PURE__ */ z.enum(['lookup', 'watcher']);
export type ObservationSource = z.infer<typeof observationSourceSchema>;

/** One distinct status the console server has seen for (account, domain). */
export const transferObservationSchema = z.looseObject({
  status: z.int(),
  description: z.string(),
  // Stored rows may hold NULL for an absent field: accept it and treat it as absent.
  emailAddress: z.optional(z.nullable(z.string())),
  statusChangeDate: z.optional(z.nullable(z.iso.datetime({ offset: true }))),
  firstSeenAt: z.iso.datetime({ offset: true }),
  lastSeenAt: z.iso.datetime({ offset: true }),
  seenCount: z.int(),
  /**
   * One of observationSourceSchema's values today; any string is accepted so that a page open
   * across an upgrade still shows a source it does not know yet, as-is.
   */
  source: z.string(),
});
export type TransferObservation = z.infer<typeof transferObservationSchema>;

export const transferHistorySchema = z.looseObject({
  accountNumber: z.string(),
  domainName: z.string(),
  observations: z.array(transferObservationSchema),
});
export type TransferHistory = z.infer<typeof transferHistorySchema>;
