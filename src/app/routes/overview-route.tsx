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
import { LazySection } from '../../components/lazy-section.tsx';
import { lazyRetry } from '../../components/lazy-retry.tsx';
import { useTimeZone } from '../../lib/use-time-zone.ts';
import { InvalidParam } from './invalid-param.tsx';

// Below the list and not needed to show it: its code and request come after the page's.
const RecentDeliveries = lazyRetry(() =>
  import('../../features/notifications/components/recent-deliveries.tsx').then(
    (m) => m.RecentDeliveries,
  ),
);

const parse = (params: URLSearchParams) =>
  parseWatchQuery(params, { ignore: OVERVIEW_CONSOLE_PARAMS });

/** `/transfers?phase=&account=&stuck=&final=&state=&q=&order=&page=`: a bad filter is explained. */
export function OverviewRoute() {
  const [searchParams] = useSearchParams();
  const parsed = parse(searchParams);
  const [timeZone] = useTimeZone();
  if (parsed.ok) {
    return (
      <div className="space-y-8">
        <TransferOverview query={parsed.query} page={pageOf(searchParams)} />
        <LazySection label="Loading the webhook deliveries…">
          <RecentDeliveries timeZone={timeZone} />
        </LazySection>
      </div>
    );
  }
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
