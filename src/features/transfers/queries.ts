import { queryOptions } from '@tanstack/react-query';
import { fetchTransferStatus } from '../../api/hostway.ts';

export const transferQueries = {
  all: () => ['transfers'] as const,
  status: (accountNumber: string, domainName: string) =>
    queryOptions({
      queryKey: [...transferQueries.all(), 'status', accountNumber, domainName] as const,
      queryFn: ({ signal }) => fetchTransferStatus(accountNumber, domainName, { signal }),
    }),
};
