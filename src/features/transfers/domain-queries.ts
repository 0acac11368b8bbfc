import { queryOptions } from '@tanstack/react-query';
import { checkDomainNames } from '../../api/domain-names.ts';
import type { GetOptions } from '../../api/http-client.ts';
import { DOMAIN_CHECK_MAX_NAMES, type DomainCheck } from '../../contract/domain-check.ts';

// Apart from queries.ts: a plain example.com page never loads the check's schemas.

export const domainNameQueries = {
  all: () => ['domain-names'] as const,
  /**
   * The server's verdict on each name (registrable domain or why not), in the order given.
   * It depends on nothing but the names, so it never goes stale. Every canonical name found
   * is stored as checked too, so the redirect to it renders without asking again.
   */
  check: (names: readonly string[]) =>
    queryOptions({
      queryKey: [...domainNameQueries.all(), 'check', names] as const,
      queryFn: async ({ signal, client }) => {
        const results = await checkInChunks(names, { signal });
        for (const result of results) {
          if (result.ok && result.ascii !== result.input) {
            client.setQueryData(domainNameQueries.check([result.ascii]).queryKey, [
              { ...result, input: result.ascii, corrected: false },
            ]);
          }
        }
        return results;
      },
      staleTime: Infinity,
    }),
};

async function checkInChunks(names: readonly string[], options: GetOptions) {
  const results: DomainCheck[] = [];
  for (let start = 0; start < names.length; start += DOMAIN_CHECK_MAX_NAMES) {
    const chunk = names.slice(start, start + DOMAIN_CHECK_MAX_NAMES);
    results.push(...(await checkDomainNames(chunk, options)).results);
  }
  return results;
}
