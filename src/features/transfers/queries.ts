import { queryOptions } from '@tanstack/react-query';
import { fetchTransferHistory } from '../../api/console.ts';
import { fetchTransferStatus } from '../../api/hostway.ts';
import { BULK_LOOKUP, LOOKUP_KIND_HEADER } from '../../contract/lookup-kind.ts';

export const transferQueries = {
  all: () => ['transfers'] as const,
  status: (accountNumber: string, domainName: string) =>
    queryOptions({
      queryKey: [...transferQueries.all(), 'status', accountNumber, domainName] as const,
      queryFn: ({ signal }) => fetchTransferStatus(accountNumber, domainName, { signal }),
    }),
  /**
   * The same status, asked for by the bulk view: the same cache entry, but the request says it
   * is part of a bulk run (the audit trail records it as `bulk`).
   */
  statusInBulk: (accountNumber: string, domainName: string) =>
    queryOptions({
      queryKey: [...transferQueries.all(), 'status', accountNumber, domainName] as const,
      queryFn: ({ signal }) =>
        fetchTransferStatus(accountNumber, domainName, {
          signal,
          headers: { [LOOKUP_KIND_HEADER]: BULK_LOOKUP },
        }),
    }),
  /** What the console server has observed; refetched whenever a new status arrives. */
  history: (accountNumber: string, domainName: string) =>
    queryOptions({
      queryKey: [...transferQueries.all(), 'history', accountNumber, domainName] as const,
      queryFn: ({ signal }) => fetchTransferHistory(accountNumber, domainName, { signal }),
    }),
};
