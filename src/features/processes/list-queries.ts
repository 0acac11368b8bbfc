import { queryOptions } from '@tanstack/react-query';
import { processListSearch, type ProcessListQuery } from '../../contract/process-list-search.ts';
import { fetchProcessList } from '../../api/rtr-list.ts';

/**
 * The process list, apart from processQueries: a process page must not download the list's
 * query parser (bundle budget), and an object's properties are never tree-shaken.
 */
export const processListQueries = {
  all: () => ['processes', 'list'] as const,
  /** Keyed by the canonical query string: two URLs that mean the same list share one entry. */
  page: (query: ProcessListQuery) =>
    queryOptions({
      queryKey: [...processListQueries.all(), processListSearch(query)] as const,
      queryFn: ({ signal }) => fetchProcessList(query, { signal }),
    }),
};
