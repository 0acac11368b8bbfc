import { queryOptions } from '@tanstack/react-query';
import { fetchWatchPage } from '../../api/watch.ts';
import { watchSearch, type WatchQuery } from '../../contract/watch.ts';

export const watchQueries = {
  all: () => ['watch'] as const,
  /** Keyed by the canonical query string: two URLs that mean the same list share one entry. */
  list: (query: WatchQuery) =>
    queryOptions({
      queryKey: [...watchQueries.all(), 'list', watchSearch(query)] as const,
      queryFn: ({ signal }) => fetchWatchPage(query, { signal }),
    }),
};
