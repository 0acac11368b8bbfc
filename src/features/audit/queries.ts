import { queryOptions } from '@tanstack/react-query';
import { fetchAuditPage, type AuditQuery } from '../../api/audit.ts';

export const auditQueries = {
  all: () => ['audit'] as const,
  /** One page of entries for a filter, newest first. */
  list: (query: AuditQuery) =>
    queryOptions({
      queryKey: [...auditQueries.all(), 'list', query] as const,
      queryFn: ({ signal }) => fetchAuditPage(query, { signal }),
    }),
};
