import { queryOptions } from '@tanstack/react-query';
import { fetchDeliveries } from '../../api/notifications.ts';

export const notificationQueries = {
  all: () => ['notifications'] as const,
  /** The newest `limit` webhook deliveries, newest first, with the counts per state. */
  deliveries: (limit: number) =>
    queryOptions({
      queryKey: [...notificationQueries.all(), 'deliveries', limit] as const,
      queryFn: ({ signal }) => fetchDeliveries(limit, { signal }),
    }),
};
