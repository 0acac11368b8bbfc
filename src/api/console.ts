import { ApiError } from './api-error.ts';
import { getJson, postJson, type GetOptions } from './http-client.ts';
import { transferHistorySchema } from './console-schemas.ts';
import {
  domainCheckRequestSchema,
  domainCheckResponseSchema,
  type DomainCheckResponse,
} from '../contract/domain-check.ts';

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

/**
 * `POST /api/domain-names`: the registrable domain behind each name (the server holds the
 * public suffix list, so the browser does not download it). One result per name, in order;
 * at most DOMAIN_CHECK_MAX_NAMES names per request.
 */
export async function checkDomainNames(
  names: readonly string[],
  options?: GetOptions,
): Promise<DomainCheckResponse> {
  const body = domainCheckRequestSchema.parse({ names: [...names] });
  const answer = await postJson('/api/domain-names', body, domainCheckResponseSchema, options);
  // Results are matched to names by position: a short or long list would mislabel every row.
  if (answer.results.length !== names.length) {
    throw new ApiError({
      kind: 'bad-response',
      source: 'console',
      status: 200,
      message: `The console server checked ${answer.results.length} names, not the ${names.length} it was sent.`,
      issues: `results: expected ${names.length} entries`,
      body: answer,
    });
  }
  return answer;
}
