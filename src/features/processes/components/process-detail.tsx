import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { LazyErrorPanel as ErrorPanel } from '../../../components/error-panel-lazy.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { RetryNotice } from '../../../components/retry-notice.tsx';
import type { Process } from '../../../api/rtr-schemas.ts';
import { rememberLookup } from '../../../lib/recent-lookups.ts';
import { useLiveRefresh } from '../../../lib/use-live-refresh.ts';
import { isLiveStatus } from '../lib/status.ts';
import { processQueries } from '../queries.ts';
import { ProcessView } from './process-view.tsx';

/** How often a process that is still moving is fetched again. */
export const LIVE_INTERVAL_MS = 10_000;

const isLive = (process: Process) => isLiveStatus(process.status);

export function ProcessDetail({ processId }: { processId: number }) {
  const live = useLiveRefresh<Process>({ isLive, intervalMs: LIVE_INTERVAL_MS });
  const query = useQuery({
    ...processQueries.detail(processId),
    // A failure from the route's prefetch has already been retried: show it, don't ask again.
    retryOnMount: false,
    refetchInterval: live.refetchInterval,
  });

  const found = query.isSuccess;
  useEffect(() => {
    if (found) rememberLookup({ kind: 'process', id: processId });
  }, [found, processId]);

  const errorProps = {
    api: 'Realtime Register',
    subject: `process ${processId}`,
    notFound: `There is no process ${processId}, or it is not visible to the console's Realtime Register account.`,
  };

  if (query.data) {
    return (
      <ProcessView process={query.data} refresh={live.watch(query)} errorContext={errorProps} />
    );
  }

  if (query.isError) {
    return (
      <>
        <h1 className="mb-4 text-2xl font-semibold">Process {processId}</h1>
        <ErrorPanel
          {...errorProps}
          error={query.error}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
        />
      </>
    );
  }

  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Process {processId}</h1>
      <PageLoading label={`Loading process ${processId}…`} />
      <RetryNotice failureCount={query.failureCount} reason={query.failureReason} />
    </>
  );
}
