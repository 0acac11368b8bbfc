import { queryOptions } from '@tanstack/react-query';
import { processListSearch, type ProcessListQuery } from '../../contract/process-list-query.ts';
import { fetchProcess, fetchProcessList } from '../../api/rtr.ts';

export const processQueries = {
  all: () => ['processes'] as const,
  detail: (processId: number) =>
    queryOptions({
      queryKey: [...processQueries.all(), 'detail', processId] as const,
      queryFn: ({ signal }) => fetchProcess(processId, { signal }),
    }),
  /** Keyed by the canonical query string: two URLs that mean the same list share one entry. */
  list: (query: ProcessListQuery) =>
    queryOptions({
      queryKey: [...processQueries.all(), 'list', processListSearch(query)] as const,
      queryFn: ({ signal }) => fetchProcessList(query, { signal }),
    }),
};
