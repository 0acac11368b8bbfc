import { ApiError } from './api-error.ts';
import { postJson, type GetOptions } from './http-client.ts';
import {
  DOMAIN_CHECK_PATH,
  domainCheckResponseSchema,
  type DomainCheckRequest,
  type DomainCheckResponse,
} from '../contract/domain-check.ts';

// A module of its own: only pages that need the server's check load the contract's schemas.

/**
 * `POST /api/domain-names`: the registrable domain behind each name (the server holds the
 * public suffix list, so the browser does not download it). One result per name, in order;
 * at most DOMAIN_CHECK_MAX_NAMES names per request.
 */
export async function checkDomainNames(
  names: readonly string[],
  options?: GetOptions,
): Promise<DomainCheckResponse> {
  // The server validates the request; the caller keeps within DOMAIN_CHECK_MAX_NAMES.
  const body: DomainCheckRequest = { names: [...names] };
  const answer = await postJson(DOMAIN_CHECK_PATH, body, domainCheckResponseSchema, options);
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
