import { getJson, type GetOptions } from './http-client.ts';
import { transferStatusSchema } from '../contract/transfer-status.ts';

/** `domainName` must already be normalised to its ASCII (A-label) registrable form. */
export function fetchTransferStatus(
  accountNumber: string,
  domainName: string,
  options?: GetOptions,
) {
  const path = `/api/hostway/accounts/${encodeURIComponent(accountNumber)}/domains/transfers/${encodeURIComponent(domainName)}`;
  return getJson(path, transferStatusSchema, options);
}
