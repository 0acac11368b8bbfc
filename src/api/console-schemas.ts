import * as z from 'zod/mini';

/**
 * The console server's own endpoints (not an upstream API): the transfer statuses it has
 * observed, from its history store.
 */

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
  /** Who looked: e.g. a page lookup or the server's watcher. Shown as-is. */
  source: z.string(),
});
export type TransferObservation = z.infer<typeof transferObservationSchema>;

/** `GET /api/transfers/:accountNumber/:domainName/history`. */
export const transferHistorySchema = z.looseObject({
  accountNumber: z.string(),
  domainName: z.string(),
  observations: z.array(transferObservationSchema),
});
export type TransferHistory = z.infer<typeof transferHistorySchema>;
