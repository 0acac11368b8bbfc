import { queryOptions } from '@tanstack/react-query';
import { fetchSession } from '../../api/session.ts';

export const sessionQueries = {
  all: () => ['session'] as const,
  /** Asked once per page load: a session that ends shows as a 401 on the next request anyway. */
  current: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'current'] as const,
      queryFn: ({ signal }) => fetchSession({ signal }),
      staleTime: Infinity,
    }),
};
