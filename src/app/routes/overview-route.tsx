import type { QueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { parseWatchQuery } from '../../contract/watch.ts';
import { TransferOverview } from '../../features/overview/components/transfer-overview.tsx';
import {
  OVERVIEW_CONSOLE_PARAMS,
  pageOf,
  toWatchQuery,
} from '../../features/overview/overview-view.ts';
import { watchQueries } from '../../features/overview/queries.ts';
import { InvalidParam } from './invalid-param.tsx';

const parse = (params: URLSearchParams) =>
  parseWatchQuery(params, { ignore: OVERVIEW_CONSOLE_PARAMS });

/** `/transfers?phase=&account=&stuck=&final=&state=&q=&order=&page=`: a bad filter is explained. */
export function OverviewRoute() {
  const [searchParams] = useSearchParams();
  const parsed = parse(searchParams);
  if (parsed.ok) return <TransferOverview query={parsed.query} page={pageOf(searchParams)} />;
  return (
    <div className="space-y-3">
      <title>Transfers · Registrar Console</title>
      <InvalidParam
        title="This transfers filter cannot be used"
        value={parsed.param}
        reason={`${parsed.message} Nothing was requested.`}
      />
      <p>
        <Link to="/transfers" className="text-link underline">
          Clear filters
        </Link>
      </p>
    </div>
  );
}

/** Starts the page's request from the URL alone (see app/lazy-page.tsx). */
export function prefetchOverview(queryClient: QueryClient) {
  const params = new URLSearchParams(window.location.search);
  const parsed = parse(params);
  if (parsed.ok) {
    void queryClient.prefetchQuery(watchQueries.list(toWatchQuery(parsed.query, pageOf(params))));
  }
}
