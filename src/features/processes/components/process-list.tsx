import { lazy, Suspense, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import {
  parseProcessListQuery,
  processListSearch,
  type ProcessListQuery,
} from '../../../contract/process-list-query.ts';
import type { ProcessList as ProcessListPage } from '../../../api/rtr-schemas.ts';
import { LazyErrorPanel as ErrorPanel } from '../../../components/error-panel-lazy.tsx';
import { RefreshFailedBanner } from '../../../components/refresh-failed-banner.tsx';
import { RetryNotice } from '../../../components/retry-notice.tsx';
import { TimeZoneToggle } from '../../../components/time-zone-toggle.tsx';
import { CopyLinkButton } from '../../../components/copy-link-button.tsx';
import { LazySection } from '../../../components/lazy-section.tsx';
import { lazyRetry } from '../../../components/lazy-retry.tsx';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import type { TimeZoneChoice } from '../../../lib/time.ts';
import { useTimeZone } from '../../../lib/use-time-zone.ts';
import { CONSOLE_ONLY_PARAMS, pageInfo, tableRequest } from '../lib/list-query.ts';
import { processListQueries } from '../list-queries.ts';

// The filters come in their own chunk, requested with the page's data (see the route's
// prefetch): the rows of a deep link need none of their code to show.
const ProcessListFilters = lazyRetry(() =>
  import('./process-list-filters.tsx').then((m) => m.ProcessListFilters),
);

// The table's code (rows, sort links, badges, money) comes in its own chunk, requested as soon as
// this module runs, before the page's data is (the route's prefetch): the first render needs only
// the skeleton, which holds the table's place until both are in. A failed load is shown, and
// retried, by the section around the table.
const ProcessListTable = lazyRetry(() =>
  import('./process-list-table.tsx').then((m) => m.ProcessListTable),
);
ProcessListTable.preload().catch(() => undefined);

// The export's code (paging, CSV) is fetched only when someone exports.
const ProcessListExport = lazy(() =>
  import('./process-list-export.tsx').then((m) => ({ default: m.ProcessListExport })),
);

const errorContext = {
  api: 'Realtime Register',
  subject: 'the process list',
  notFound: 'The Realtime Register API has no process list at this address.',
};

/** `/processes?…`: the URL is the API's query (plus `tz`); see lib/list-query.ts and lib/list-form.ts. */
export function ProcessList({ query }: { query: ProcessListQuery }) {
  const [searchParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const [timeZone] = useTimeZone();

  const consoleParams = CONSOLE_ONLY_PARAMS.flatMap((key) => {
    const value = searchParams.get(key);
    return value === null ? [] : [`${key}=${encodeURIComponent(value)}`];
  });
  const hrefFor = (next: ProcessListQuery) => {
    const search = [processListSearch(next), ...consoleParams].filter(Boolean).join('&');
    return `/processes${search ? `?${search}` : ''}`;
  };
  // The form keeps its draft across its own navigations and starts afresh after any other one
  // (back, a quick filter, a link), so it always shows what the URL says.
  const state = location.state as { formKey?: string } | null;
  const formKey = state?.formKey ?? location.key;

  return (
    <div className="space-y-4">
      <title>Processes · Registrar Console</title>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Processes</h1>
        <div className="flex flex-wrap items-center gap-3">
          <TimeZoneToggle />
          <CopyLinkButton />
        </div>
      </div>
      {/* The filters' place is held while their code loads (and kept after), so the rows never
          move when the form arrives. The heights are the form's with the quick filters, for a link
          that adds no lines to it (an exact time, other filters): 466 px from 1000 px wide, 506 to
          526 px from 768 px (20-60 px to spare up to 1023 px), 781 px from 536 px; narrower, the
          form is taller, but the rows are then below the fold. e2e/process-list-layout.spec.ts. */}
      <div className="min-h-[48.8125rem] space-y-4 md:min-h-[32.875rem] lg:min-h-[29.125rem]">
        <LazySection label="Loading the filters…">
          <ProcessListFilters
            key={formKey}
            query={query}
            timeZone={timeZone}
            clearHref={hrefFor({ filters: [] })}
            onQuickFilter={(next) => void navigate(hrefFor(next))}
            onApply={(next, { push }) => {
              const search = processListSearch(next);
              // The form never writes a link the page would refuse: it says what is wrong instead.
              const check = parseProcessListQuery(new URLSearchParams(search));
              if (!check.ok) return check.message;
              const href = hrefFor(next);
              if (href !== `${location.pathname}${location.search}`) {
                void navigate(href, { replace: !push, state: { formKey } });
              }
              return undefined;
            }}
          />
        </LazySection>
      </div>
      <ProcessListResults query={query} timeZone={timeZone} hrefFor={hrefFor} />
    </div>
  );
}

function ProcessListResults({
  query,
  timeZone,
  hrefFor,
}: {
  query: ProcessListQuery;
  timeZone: TimeZoneChoice;
  hrefFor: (query: ProcessListQuery) => string;
}) {
  const request = tableRequest(query);
  const list = useQuery({ ...processListQueries.page(request), retryOnMount: false });
  const [exporting, setExporting] = useState(false);
  // The last page that loaded, of whichever filter: a failed request keeps it on screen.
  const [last, setLast] = useState<{ page: ProcessListPage; at: number }>();
  if (list.data && list.data !== last?.page) setLast({ page: list.data, at: list.dataUpdatedAt });

  const fresh = list.data !== undefined;
  const page = list.data ?? last?.page;
  const failed = list.isError;
  const info = page && pageInfo(request, page.entities.length, page.pagination.total);

  const count = !page
    ? failed
      ? 'The process list could not be loaded.'
      : 'Loading processes…'
    : !fresh && !failed
      ? 'Loading processes…'
      : page.pagination.total === 0
        ? 'No processes match.'
        : `Showing ${info!.first}–${info!.last} of ${info!.total?.toLocaleString('en') ?? 'many'} processes.`;

  return (
    <section aria-labelledby="results-title" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="results-title" className="text-lg font-semibold">
          Results
        </h2>
        {list.data && list.data.entities.length > 0 && !exporting && (
          <Button size="sm" onClick={() => setExporting(true)}>
            Export CSV
          </Button>
        )}
      </div>
      <p role="status" aria-live="polite" data-testid="result-count" className="text-sm">
        {count}
      </p>
      {exporting && (
        <Suspense fallback={<p className="text-sm">Preparing the export…</p>}>
          <ProcessListExport
            query={query}
            timeZone={timeZone}
            total={page?.pagination.total}
            onClose={() => setExporting(false)}
          />
        </Suspense>
      )}
      {failed && page && (
        <RefreshFailedBanner
          what={fresh ? 'the rows below' : 'the rows below (the last list that loaded)'}
          context={errorContext}
          refresh={{
            live: false,
            paused: false,
            setPaused: () => undefined,
            updatedAt: fresh ? list.dataUpdatedAt : (last?.at ?? 0),
            fetching: list.isFetching,
            failed: true,
            failing: true,
            error: list.error,
            refresh: () => void list.refetch(),
          }}
        />
      )}
      {!page && failed && (
        <ErrorPanel
          {...errorContext}
          error={list.error}
          onRetry={() => void list.refetch()}
          retrying={list.isFetching}
        />
      )}
      {!page && !failed && (
        <>
          <ProcessListSkeleton />
          <RetryNotice failureCount={list.failureCount} reason={list.failureReason} />
        </>
      )}
      {page && page.entities.length === 0 && (
        <Alert tone="info" size="lg">
          <p className="font-medium">No processes match</p>
          <p className="mt-1">
            Widen the search: tick more statuses, widen or remove the dates, shorten the identifier
            or the free text, or{' '}
            <Link to={hrefFor({ filters: [] })} className="underline">
              clear all filters
            </Link>
            .
          </p>
        </Alert>
      )}
      {page && page.entities.length > 0 && info && (
        <>
          <LazySection label="Loading processes…" fallback={<ProcessListSkeleton />}>
            <ProcessListTable
              processes={page.entities}
              query={request}
              timeZone={timeZone}
              hrefFor={(next) => hrefFor({ ...next, limit: query.limit, fields: undefined })}
              caption={count}
              busy={!fresh && !failed}
            />
          </LazySection>
          <nav aria-label="Pages" className="flex flex-wrap items-center gap-3 text-sm">
            <PageLink
              to={
                info.previous &&
                hrefFor({ ...info.previous, limit: query.limit, fields: undefined })
              }
            >
              ← Previous
            </PageLink>
            <span>
              {info.first}–{info.last} of {info.total?.toLocaleString('en') ?? 'many'}
            </span>
            <PageLink
              to={info.next && hrefFor({ ...info.next, limit: query.limit, fields: undefined })}
            >
              Next →
            </PageLink>
          </nav>
        </>
      )}
    </section>
  );
}

function PageLink({ to, children }: { to: string | undefined; children: string }) {
  if (to === undefined) {
    return (
      <span aria-disabled="true" className="text-fg-muted">
        {children}
      </span>
    );
  }
  return (
    <Link to={to} className="text-link underline">
      {children}
    </Link>
  );
}

/** Placeholder rows while the first page loads, the table's own shape. */
function ProcessListSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <div
      role="status"
      aria-label="Loading processes…"
      data-testid="process-list-skeleton"
      className="space-y-2 rounded-lg border border-line bg-surface p-3"
    >
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} aria-hidden="true" className="h-6 animate-pulse rounded bg-surface-muted" />
      ))}
    </div>
  );
}
