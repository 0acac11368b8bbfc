import { getJson, type GetOptions } from './http-client.ts';
import { transferHistorySchema } from './console-schemas.ts';

/**
 * Every distinct transfer status the console server has recorded for (account, domain).
 * `domainName` must already be normalised to its ASCII (A-label) registrable form.
 */
export function fetchTransferHistory(
  accountNumber: string,
  domainName: string,
  options?: GetOptions,
) {
  const path = `/api/transfers/${encodeURIComponent(accountNumber)}/${encodeURIComponent(domainName)}/history`;
  return getJson(path, transferHistorySchema, options);
}
