import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { isApiError } from '../../../api/api-error.ts';
import type { TransferHistory as TransferHistoryData } from '../../../api/console-schemas.ts';
import type { TransferStatus } from '../../../api/hostway-schemas.ts';
import { CopyLinkButton } from '../../../components/copy-link-button.tsx';
import { RetryNotice } from '../../../components/retry-notice.tsx';
import { LazyErrorPanel as ErrorPanel } from '../../../components/error-panel-lazy.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { Section } from '../../../components/section.tsx';
import { TimeZoneToggle } from '../../../components/time-zone-toggle.tsx';
import { Timestamp } from '../../../components/timestamp.tsx';
import { rememberAccountNumber } from '../../../lib/remembered-account.ts';
import type { TimeZoneChoice } from '../../../lib/time.ts';
import { useNow } from '../../../lib/use-now.ts';
import { useTimeZone } from '../../../lib/use-time-zone.ts';
import { describeTransferStatus } from '../lifecycle.ts';
import { transferQueries } from '../queries.ts';
import { TransferLiveStatus } from './transfer-live-status.tsx';
import { TransferStatusBadge } from './transfer-status-badge.tsx';

// The timeline, advice and history table load beside the current status, which comes first.
const TransferTimeline = lazy(() =>
  import('./transfer-timeline.tsx').then((m) => ({ default: m.TransferTimeline })),
);
const TransferNextSteps = lazy(() =>
  import('./transfer-next-steps.tsx').then((m) => ({ default: m.TransferNextSteps })),
);
const TransferHistory = lazy(() =>
  import('./transfer-history.tsx').then((m) => ({ default: m.TransferHistory })),
);

/** How often a transfer that is not final is fetched again. Transfers move in hours, not seconds. */
export const LIVE_INTERVAL_MS = 30_000;

interface TransferDetailProps {
  accountNumber: string;
  /** The registrable domain in ASCII (A-label) form: what the API is asked about. */
  domainName: string;
  /** The same domain for people (Unicode form of an IDN). */
  displayName?: string;
}

export function TransferDetail({ accountNumber, domainName, displayName }: TransferDetailProps) {
  const [paused, setPaused] = useState(false);
  const [timeZone] = useTimeZone();
  const status = useQuery({
    ...transferQueries.status(accountNumber, domainName),
    // A failure from the route's prefetch has already been retried: show it, don't ask again.
    retryOnMount: false,
    refetchInterval: (q) => {
      const data = q.state.data;
      return !paused && data && !describeTransferStatus(data).final ? LIVE_INTERVAL_MS : false;
    },
  });
  const history = useQuery(transferQueries.history(accountNumber, domainName));
  useRefetchHistoryOnNewStatus(accountNumber, domainName, status.dataUpdatedAt);

  const found = status.isSuccess;
  useEffect(() => {
    if (!found) return;
    // Loaded when needed: remembering comes after the answer, not before the first render.
    void import('../../../lib/recent-lookups.ts').then(({ rememberLookup }) =>
      rememberLookup({ kind: 'transfer', accountNumber, domainName }),
    );
    rememberAccountNumber(accountNumber);
  }, [found, accountNumber, domainName]);

  const shownName = displayName || domainName;
  const errorProps = {
    api: 'Hostway',
    subject: `the transfer of ${shownName}`,
    notFound: `There is no transfer order for ${shownName} on account ${accountNumber}.`,
  };
  const retry = () => void status.refetch();

  return (
    <article className="space-y-5" aria-labelledby="transfer-title">
      <TransferHeader accountNumber={accountNumber} domainName={domainName} shownName={shownName} />

      {status.data ? (
        <>
          <CurrentStatus
            status={status.data}
            timeZone={timeZone}
            updatedAt={status.dataUpdatedAt}
            fetching={status.isFetching}
            paused={paused}
            onPausedChange={setPaused}
            onRefresh={retry}
          />
          {status.isError && (
            <div>
              <p className="mb-2 text-sm font-medium text-red-900">
                The last refresh failed; the status above may be out of date.
              </p>
              <ErrorPanel
                {...errorProps}
                error={status.error}
                onRetry={retry}
                retrying={status.isFetching}
              />
            </div>
          )}
          <TransferBody status={status.data} history={history} timeZone={timeZone} />
        </>
      ) : status.isError ? (
        <>
          <RegistryErrorNote error={status.error} />
          <ErrorPanel
            {...errorProps}
            error={status.error}
            onRetry={retry}
            retrying={status.isFetching}
          />
        </>
      ) : (
        <>
          <PageLoading label={`Loading the transfer status of ${shownName}…`} />
          <RetryNotice failureCount={status.failureCount} reason={status.failureReason} />
        </>
      )}
    </article>
  );
}

function TransferHeader({
  accountNumber,
  domainName,
  shownName,
}: {
  accountNumber: string;
  domainName: string;
  shownName: string;
}) {
  return (
    <header className="space-y-2">
      <nav aria-label="Transfer pages" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <Link to="/" className="text-blue-800 underline underline-offset-2">
          New lookup
        </Link>
        <Link
          to={`/transfers/${encodeURIComponent(accountNumber)}`}
          className="text-blue-800 underline underline-offset-2"
        >
          All transfers of account {accountNumber}
        </Link>
      </nav>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h1 id="transfer-title" className="text-2xl font-semibold break-all">
          Transfer of {shownName}
        </h1>
        {shownName !== domainName && (
          <span className="font-mono text-sm text-slate-700" data-testid="transfer-a-label">
            <span className="sr-only">ASCII form: </span>
            {domainName}
          </span>
        )}
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-slate-800">Account {accountNumber}</p>
        <div className="flex flex-wrap items-center gap-3">
          <TimeZoneToggle />
          <CopyLinkButton />
        </div>
      </div>
    </header>
  );
}

interface CurrentStatusProps {
  status: TransferStatus;
  timeZone: TimeZoneChoice;
  updatedAt: number;
  fetching: boolean;
  paused: boolean;
  onPausedChange: (paused: boolean) => void;
  onRefresh: () => void;
}

function CurrentStatus(props: CurrentStatusProps) {
  const { status, timeZone } = props;
  const d = describeTransferStatus(status);
  const now = useNow(10_000);
  return (
    <Section id="status" title="Current status">
      <p className="flex flex-wrap items-center gap-3">
        <TransferStatusBadge status={status} />
      </p>
      {d.ambiguity && (
        <p className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          {d.ambiguity}
        </p>
      )}
      <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="font-medium text-slate-600">Status</dt>
        <dd data-testid="transfer-status">
          {d.names.length > 0 ? d.names.join(' or ') : 'Unknown status'} (code {d.code})
        </dd>
        <dt className="font-medium text-slate-600">Description</dt>
        <dd className="break-words">{status.description || '(empty)'}</dd>
        <dt className="font-medium text-slate-600">Approval mail sent to</dt>
        <dd className="break-all">{status.emailAddress || 'not given'}</dd>
        <dt className="font-medium text-slate-600">Status changed</dt>
        <dd>
          {status.statusChangeDate ? (
            <Timestamp iso={status.statusChangeDate} timeZone={timeZone} now={now} />
          ) : (
            'not given'
          )}
        </dd>
      </dl>
      <div className="mt-3">
        <TransferLiveStatus
          status={status}
          live={!d.final}
          updatedAt={props.updatedAt}
          fetching={props.fetching}
          paused={props.paused}
          onPausedChange={props.onPausedChange}
          onRefresh={props.onRefresh}
        />
      </div>
    </Section>
  );
}

function TransferBody({
  status,
  history,
  timeZone,
}: {
  status: TransferStatus;
  history: UseQueryResult<TransferHistoryData>;
  timeZone: TimeZoneChoice;
}) {
  const now = useNow(30_000);
  const observations = history.data?.observations;
  return (
    <>
      <Section id="next" title="What happens next">
        <Suspense fallback={<PageLoading label="Loading advice…" />}>
          <TransferNextSteps status={status} now={now} timeZone={timeZone} />
        </Suspense>
      </Section>
      <Section id="timeline" title="Timeline">
        <Suspense fallback={<PageLoading label="Loading the timeline…" />}>
          <TransferTimeline status={status} observations={observations} timeZone={timeZone} />
        </Suspense>
      </Section>
      <Section id="history" title="Observed history">
        <p className="mb-3 text-sm text-slate-700">
          Every distinct status the console has seen for this transfer, with when it first and last
          saw it.
        </p>
        {history.isError && (
          <HistoryError error={history.error} onRetry={() => void history.refetch()} />
        )}
        {observations ? (
          <Suspense fallback={<PageLoading label="Loading the observed history…" />}>
            <TransferHistory observations={observations} timeZone={timeZone} />
          </Suspense>
        ) : (
          !history.isError && (
            <p role="status" className="text-sm text-slate-700">
              Loading the observed history…
            </p>
          )
        )}
      </Section>
    </>
  );
}

/** A small inline error: the history is extra, so its failure never hides the status. */
function HistoryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const reason = isApiError(error) ? error.message : String(error);
  return (
    <p
      role="alert"
      className="mb-3 flex flex-wrap items-center gap-2 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-950"
    >
      <span>The observed history could not be loaded. {reason}</span>
      <button
        type="button"
        onClick={onRetry}
        className="rounded border border-red-300 bg-white px-2 py-0.5 font-medium hover:bg-red-100"
      >
        Retry history
      </button>
    </p>
  );
}

/**
 * The server records each status it proxies, so a history fetched before a status arrived may
 * lack it, and every fetch moves "last seen" on: refetch the history whenever a status arrives.
 * A status served from the cache at mount (no new fetch) does not trigger it.
 */
function useRefetchHistoryOnNewStatus(
  accountNumber: string,
  domainName: string,
  statusUpdatedAt: number,
) {
  const queryClient = useQueryClient();
  const seen = useRef(statusUpdatedAt);
  useEffect(() => {
    if (statusUpdatedAt === 0 || statusUpdatedAt === seen.current) return;
    seen.current = statusUpdatedAt;
    void queryClient.invalidateQueries({
      queryKey: transferQueries.history(accountNumber, domainName).queryKey,
    });
  }, [queryClient, accountNumber, domainName, statusUpdatedAt]);
}

/** Hostway documents HTTP 500 as a registry error: say so above the generic explanation. */
function RegistryErrorNote({ error }: { error: unknown }) {
  if (!isApiError(error) || error.source !== 'upstream' || error.status !== 500) return null;
  return (
    <p className="text-sm text-slate-800">
      Hostway answers HTTP 500 when the registry behind the domain reports an error. It is often
      temporary: retry in a moment.
    </p>
  );
}
