import * as z from 'zod/mini';
import { requestJson, type GetOptions } from './http-client.ts';
import {
  HISTORY_HEADER,
  HISTORY_NOT_RECORDED,
  HISTORY_REASON_HEADER,
} from '../contract/history-header.ts';
import { transferStatusSchema } from '../contract/transfer-status.ts';

/**
 * A transfer status answer, and whether the console could record it in its history. Built from
 * the answer's headers, not parsed: the schema is here to be the type's source, and is pure so
 * the bundle leaves it out.
 */
export const transferStatusAnswerSchema = /* @__PURE__ */ z.object({
  status: transferStatusSchema,
  /** False when the console answered `X-Console-History: not-recorded` (its database failed). */
  recorded: z.boolean(),
  /** Why not (`disk-full`, `read-only`, …): any value passes, the page words the known ones. */
  reason: z.nullable(z.string()),
});
export type TransferStatusAnswer = z.infer<typeof transferStatusAnswerSchema>;

/** `domainName` must already be normalised to its ASCII (A-label) registrable form. */
export async function fetchTransferStatus(
  accountNumber: string,
  domainName: string,
  options?: GetOptions,
): Promise<TransferStatusAnswer> {
  const path = `/api/hostway/accounts/${encodeURIComponent(accountNumber)}/domains/transfers/${encodeURIComponent(domainName)}`;
  const { data, headers } = await requestJson(path, transferStatusSchema, options);
  return {
    status: data,
    recorded: headers.get(HISTORY_HEADER) !== HISTORY_NOT_RECORDED,
    reason: headers.get(HISTORY_REASON_HEADER),
  };
}
