import { queryOptions } from '@tanstack/react-query';
import { fetchTransferHistory } from '../../api/console.ts';
import { fetchTransferStatus } from '../../api/hostway.ts';

export const transferQueries = {
  all: () => ['transfers'] as const,
  status: (accountNumber: string, domainName: string) =>
    queryOptions({
      queryKey: [...transferQueries.all(), 'status', accountNumber, domainName] as const,
      queryFn: ({ signal }) => fetchTransferStatus(accountNumber, domainName, { signal }),
    }),
  /** What the console server has observed; refetched whenever a new status arrives. */
  history: (accountNumber: string, domainName: string) =>
    queryOptions({
      queryKey: [...transferQueries.all(), 'history', accountNumber, domainName] as const,
      queryFn: ({ signal }) => fetchTransferHistory(accountNumber, domainName, { signal }),
    }),
};
