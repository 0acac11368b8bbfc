import * as z from 'zod/mini';

/**
 * On a transfer status answer whose status the console could not record (its database failed),
 * the answer still comes (200, the upstream's data), with these headers, so the page can say
 * "this status was not recorded: the console's disk is full".
 */
export const HISTORY_HEADER = 'X-Console-History';
export const HISTORY_NOT_RECORDED = 'not-recorded';
export const HISTORY_REASON_HEADER = 'X-Console-History-Reason';

export const historyFailureReasonSchema = z.enum(['disk-full', 'read-only', 'database-error']);
export type HistoryFailureReason = z.infer<typeof historyFailureReasonSchema>;
