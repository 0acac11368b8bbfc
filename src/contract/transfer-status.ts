import * as z from 'zod/mini';

/**
 * Hostway API — transfer status of one domain (GET /accounts/{acct}/domains/transfers/{domain}).
 * Codes outside the documented table are accepted: the UI shows them with their description.
 * In the contract because the console server parses the same answer to record the history and
 * to decide which transfers its watcher keeps re-checking.
 */

/**
 * Documented codes and their names. Code 2 has two names in the source document (WHOIS_MANUAL
 * and WHOIS_CANCEL), so a code maps to a list.
 */
export const TRANSFER_STATUS_NAMES: Readonly<Record<number, readonly string[]>> = {
  1: ['WHOIS_PEND'],
  2: ['WHOIS_MANUAL', 'WHOIS_CANCEL'],
  3: ['WHOIS_OK'],
  4: ['CONFIRM_TIMEOUT'],
  5: ['CONFIRM_NACK'],
  6: ['CONFIRM_ACK'],
  7: ['CONFIRM_PEND'],
  8: ['REGISTRY_IP'],
  9: ['REGISTRY_PEND'],
  10: ['REGISTRY_COMPLETE'],
  11: ['REGISTRY_TIMEOUT'],
  12: ['REGISTRY_ERROR'],
  13: ['REGISTRY_NACK'],
  14: ['ACTIVE'],
  15: ['TRAN_AWAY'],
  16: ['TRANSFER_NONE'],
  17: ['REGISTRAR_NACK'],
};

/**
 * Codes after which a transfer's status is not expected to change any more: the server's watcher
 * stops re-checking a transfer whose latest status is one of these.
 *
 * Final:
 * - 14 ACTIVE: success, the domain is active here.
 * - 15 TRAN_AWAY (transferred away) and 16 TRANSFER_NONE (no transfer).
 * - failures: 4 CONFIRM_TIMEOUT, 5 CONFIRM_NACK, 11 REGISTRY_TIMEOUT, 12 REGISTRY_ERROR,
 *   13 REGISTRY_NACK, 17 REGISTRAR_NACK. A retry is a new transfer order, seen as a new status.
 *
 * Not final:
 * - 1 WHOIS_PEND, 3 WHOIS_OK, 6 CONFIRM_ACK, 7 CONFIRM_PEND, 8 REGISTRY_IP, 9 REGISTRY_PEND.
 * - 2: ambiguous — WHOIS_MANUAL (manual review, may still proceed) and WHOIS_CANCEL share it.
 * - 10 REGISTRY_COMPLETE: the registry is done, ACTIVE (14) follows.
 * - any code not in the table: unknown, so keep watching it.
 */
export const FINAL_TRANSFER_CODES: ReadonlySet<number> = new Set([
  4, 5, 11, 12, 13, 14, 15, 16, 17,
]);

const CANCEL_PATTERN = /cancel/i;
const MANUAL_PATTERN = /manual|review/i;

/** Which of the two meanings of code 2 the description points to, if exactly one. */
export function whoisCode2Variant(
  description: string | undefined,
): 'manual' | 'cancel' | undefined {
  const text = description ?? '';
  const cancel = CANCEL_PATTERN.test(text);
  const manual = MANUAL_PATTERN.test(text);
  if (cancel === manual) return undefined;
  return cancel ? 'cancel' : 'manual';
}

/**
 * Whether a status will not move on by itself: the page and the watcher decide it the same way.
 * A code 2 whose description says it was cancelled (WHOIS_CANCEL) is final; one that says manual
 * review, or neither, is watched on (it may still proceed).
 */
export function isFinalTransferStatus(status: { status: number; description?: string }): boolean {
  if (status.status === 2) return whoisCode2Variant(status.description) === 'cancel';
  return FINAL_TRANSFER_CODES.has(status.status);
}

export const transferStatusSchema = z.looseObject({
  status: z.int(),
  description: z.string(),
  emailAddress: z.optional(z.string()),
  statusChangeDate: z.optional(z.iso.datetime({ offset: true })),
});
export type TransferStatus = z.infer<typeof transferStatusSchema>;

export function transferStatusNames(code: number): readonly string[] {
  return TRANSFER_STATUS_NAMES[code] ?? [];
}
