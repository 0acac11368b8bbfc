import { queryOptions } from '@tanstack/react-query';
import { fetchProcess } from '../../api/rtr.ts';

export const processQueries = {
  all: () => ['processes'] as const,
  detail: (processId: number) =>
    queryOptions({
      queryKey: [...processQueries.all(), 'detail', processId] as const,
      queryFn: ({ signal }) => fetchProcess(processId, { signal }),
    }),
};
