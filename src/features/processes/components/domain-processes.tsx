import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { ProcessListQuery } from '../../../contract/process-list-search.ts';
import { LazyErrorPanel } from '../../../components/error-panel-lazy.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { formatAbsolute, type TimeZoneChoice } from '../../../lib/time.ts';
import { processListQueries } from '../list-queries.ts';
import { StatusBadge } from './status-badge.tsx';

export const DOMAIN_PROCESSES_PAGE_SIZE = 10;
const FIELDS = 'id,status,type,action,identifier,createdDate';

/** The list query of a domain's processes: identifier = the domain, newest first. */
export function domainProcessesQuery(domain: string, offset: number): ProcessListQuery {
  return {
    filters: [{ field: 'identifier', op: 'eq', value: domain }],
    order: { field: 'createdDate', descending: true },
    offset,
    limit: DOMAIN_PROCESSES_PAGE_SIZE,
    fields: FIELDS,
  };
}

/**
 * The processes whose identifier is the domain, newest first, a page at a time. `pageHref`
 * makes the link to another page (the offset lives in the page's URL).
 */
export function DomainProcesses({
  domain,
  offset,
  timeZone,
  pageHref,
}: {
  domain: string;
  offset: number;
  timeZone: TimeZoneChoice;
  pageHref: (offset: number) => string;
}) {
  const list = useQuery({
    ...processListQueries.page(domainProcessesQuery(domain, offset)),
    placeholderData: keepPreviousData,
  });
  if (list.isPending) return <PageLoading label={`Loading the processes of ${domain}…`} />;
  if (list.isError) {
    return (
      <LazyErrorPanel
        error={list.error}
        api="Realtime Register"
        subject={`the processes of ${domain}`}
        notFound="The process list is not available."
        onRetry={() => void list.refetch()}
        retrying={list.isFetching}
      />
    );
  }
  const { entities, pagination } = list.data;
  const total = pagination.total;
  if (entities.length === 0 && offset === 0) {
    return (
      <p className="text-sm text-fg-muted">
        No process has {domain} as its identifier.{' '}
        <Link className="text-link underline" to={`/processes?q=${encodeURIComponent(domain)}`}>
          Search every field for it
        </Link>
      </p>
    );
  }
  const last = offset + entities.length;
  return (
    <div className="space-y-2">
      <p className="text-sm text-fg-muted" aria-live="polite">
        {entities.length === 0
          ? 'No more processes.'
          : `Processes ${offset + 1}–${last}${total === undefined ? '' : ` of ${total}`}, newest first`}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">Processes of {domain}, newest first</caption>
          <thead>
            <tr className="border-b border-line-strong text-fg-muted">
              <th scope="col" className="py-1 pr-4 font-medium">
                Process
              </th>
              <th scope="col" className="py-1 pr-4 font-medium">
                Status
              </th>
              <th scope="col" className="py-1 pr-4 font-medium">
                Type · action
              </th>
              <th scope="col" className="py-1 font-medium">
                Created
              </th>
            </tr>
          </thead>
          <tbody>
            {entities.map((p) => (
              <tr key={p.id} className="border-b border-line">
                <td className="py-1 pr-4 font-mono">
                  <Link className="text-link underline" to={`/processes/${p.id}`}>
                    {p.id}
                  </Link>
                </td>
                <td className="py-1 pr-4">
                  <StatusBadge status={p.status} />
                </td>
                <td className="py-1 pr-4">{[p.type, p.action].filter(Boolean).join(' · ')}</td>
                <td className="py-1">{formatAbsolute(p.createdDate, timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Process pages" className="flex gap-4 text-sm">
        {offset > 0 && (
          <Link
            className="text-link underline"
            to={pageHref(Math.max(0, offset - DOMAIN_PROCESSES_PAGE_SIZE))}
          >
            Newer
          </Link>
        )}
        {(total === undefined ? entities.length === DOMAIN_PROCESSES_PAGE_SIZE : last < total) && (
          <Link className="text-link underline" to={pageHref(last)}>
            Older
          </Link>
        )}
      </nav>
    </div>
  );
}
