import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { TransferHistory as TransferHistoryData } from '../../../contract/transfer-history.ts';
import type { TransferStatus } from '../../../contract/transfer-status.ts';
import type { TransferStatusAnswer } from '../../../api/hostway.ts';
import { CopyLinkButton } from '../../../components/copy-link-button.tsx';
import { RetryNotice } from '../../../components/retry-notice.tsx';
import { LazyErrorPanel as ErrorPanel } from '../../../components/error-panel-lazy.tsx';
import { LazySection } from '../../../components/lazy-section.tsx';
import { lazyRetry } from '../../../components/lazy-retry.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { RefreshFailedBanner } from '../../../components/refresh-failed-banner.tsx';
import { Section } from '../../../components/section.tsx';
import { TimeZoneToggle } from '../../../components/time-zone-toggle.tsx';
import { Timestamp } from '../../../components/timestamp.tsx';
import type { TimeZoneChoice } from '../../../lib/time.ts';
import {
  useLiveRefresh,
  useStatusChange,
  type LiveRefresh,
} from '../../../lib/use-live-refresh.ts';
import { useNow } from '../../../lib/use-now.ts';
import { useTimeZone } from '../../../lib/use-time-zone.ts';
import { describeTransferStatus } from '../lifecycle.ts';
import { transferQueries } from '../queries.ts';
import { TransferLiveStatus, transferStatusChange } from './transfer-live-status.tsx';
import { TransferStatusBadge } from './transfer-status-badge.tsx';
import { Alert } from '../../../components/ui/alert.tsx';

// The timeline, advice and history table load beside the current status, which comes first;
// each in a LazySection, so code that cannot be fetched never hides the status.
const TransferTimeline = lazyRetry(() =>
  import('./transfer-timeline.tsx').then((m) => m.TransferTimeline),
);
const TransferNextSteps = lazyRetry(() =>
  import('./transfer-next-steps.tsx').then((m) => m.TransferNextSteps),
);
// Shown only when the console's database failed: a rare page should not weigh on every one.
const NotRecordedNotice = lazyRetry(() =>
  import('./not-recorded-notice.tsx').then((m) => m.NotRecordedNotice),
);
// Failures of the extras: code that only a failure needs. Their words while it loads, and if it
// cannot be loaded, say what happened all the same.
const NOT_RECORDED = "This status was not recorded in the console's history.";
const HISTORY_FAILED = 'The observed history could not be loaded.';
const HistoryError = lazyRetry(() => import('./history-error.tsx').then((m) => m.HistoryError));
const TransferHistory = lazyRetry(() =>
  import('./transfer-history.tsx').then((m) => m.TransferHistory),
);

/** How often a transfer that is not final is fetched again. Transfers move in hours, not seconds. */
export const LIVE_INTERVAL_MS = 30_000;

const isLive = (answer: TransferStatusAnswer) => !describeTransferStatus(answer.status).final;

interface TransferDetailProps {
  accountNumber: string;
  /** The registrable domain in ASCII (A-label) form: what the API is asked about. */
  domainName: string;
  /** The same domain for people (Unicode form of an IDN). */
  displayName?: string;
}

export function TransferDetail({ accountNumber, domainName, displayName }: TransferDetailProps) {
  const [timeZone] = useTimeZone();
  const live = useLiveRefresh<TransferStatusAnswer>({ isLive, intervalMs: LIVE_INTERVAL_MS });
  const status = useQuery({
    ...transferQueries.status(accountNumber, domainName),
    // A failure from the route's prefetch has already been retried: show it, don't ask again.
    retryOnMount: false,
    refetchInterval: live.refetchInterval,
  });
  const refresh = live.watch(status);
  const history = useQuery(transferQueries.history(accountNumber, domainName));
  useRefetchHistoryOnNewStatus(accountNumber, domainName, status.dataUpdatedAt);

  const found = status.isSuccess;
  useEffect(() => {
    if (!found) return;
    // Loaded when needed: remembering comes after the answer, not before the first render.
    void import('../../../lib/recent-lookups.ts').then(({ rememberLookup }) =>
      rememberLookup({ kind: 'transfer', accountNumber, domainName }),
    );
    void import('../../../lib/remembered-account.ts').then(({ rememberAccountNumber }) =>
      rememberAccountNumber(accountNumber),
    );
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
          <CurrentStatus answer={status.data} timeZone={timeZone} refresh={refresh} />
          <RefreshFailedBanner refresh={refresh} what="the status above" context={errorProps} />
          <TransferBody status={status.data.status} history={history} timeZone={timeZone} />
        </>
      ) : status.isError ? (
        <ErrorPanel
          {...errorProps}
          error={status.error}
          onRetry={retry}
          retrying={status.isFetching}
        />
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
        <Link to="/" className="text-link underline underline-offset-2">
          New lookup
        </Link>
        <Link
          to={`/transfers?account=${encodeURIComponent(accountNumber)}`}
          className="text-link underline underline-offset-2"
        >
          All transfers of account {accountNumber}
        </Link>
        <Link to={`/domains/${domainName}`} className="text-link underline underline-offset-2">
          Everything about {shownName}
        </Link>
      </nav>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h1 id="transfer-title" className="text-2xl font-semibold break-all">
          Transfer of {shownName}
        </h1>
        {shownName !== domainName && (
          <span className="font-mono text-sm text-fg-muted" data-testid="transfer-a-label">
            <span className="sr-only">ASCII form: </span>
            {domainName}
          </span>
        )}
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-fg">Account {accountNumber}</p>
        <div className="flex flex-wrap items-center gap-3">
          <TimeZoneToggle />
          <CopyLinkButton />
        </div>
      </div>
    </header>
  );
}

interface CurrentStatusProps {
  answer: TransferStatusAnswer;
  timeZone: TimeZoneChoice;
  refresh: LiveRefresh;
}

function CurrentStatus({ answer, timeZone, refresh }: CurrentStatusProps) {
  const { status } = answer;
  const d = describeTransferStatus(status);
  const now = useNow(10_000);
  const change = useStatusChange(status, transferStatusChange);
  return (
    <Section id="status" title="Current status">
      <p className="flex flex-wrap items-center gap-3">
        {/* Keyed by the change count: each change replays the highlight. */}
        <span
          key={change.count}
          className={change.count > 0 ? 'animate-highlight rounded-full' : undefined}
        >
          <TransferStatusBadge status={status} />
        </span>
      </p>
      {d.ambiguity && (
        <Alert as="p" tone="warning" className="mt-3">
          {d.ambiguity}
        </Alert>
      )}
      {!answer.recorded && (
        <LazySection label={NOT_RECORDED} failed={NOT_RECORDED}>
          <NotRecordedNotice reason={answer.reason} />
        </LazySection>
      )}
      <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="font-medium text-fg-muted">Status</dt>
        <dd data-testid="transfer-status">
          {d.names.length > 0 ? d.names.join(' or ') : 'Unknown status'} (code {d.code})
        </dd>
        <dt className="font-medium text-fg-muted">Description</dt>
        <dd className="break-words">{status.description || '(empty)'}</dd>
        <dt className="font-medium text-fg-muted">Approval mail sent to</dt>
        <dd className="break-all">{status.emailAddress || 'not given'}</dd>
        <dt className="font-medium text-fg-muted">Status changed</dt>
        <dd>
          {status.statusChangeDate ? (
            <Timestamp iso={status.statusChangeDate} timeZone={timeZone} now={now} />
          ) : (
            'not given'
          )}
        </dd>
      </dl>
      <div className="mt-3">
        <TransferLiveStatus refresh={refresh} announcement={change.announcement} />
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
        <LazySection label="Loading advice…">
          <TransferNextSteps status={status} now={now} timeZone={timeZone} />
        </LazySection>
      </Section>
      <Section id="timeline" title="Timeline">
        <LazySection label="Loading the timeline…">
          <TransferTimeline status={status} observations={observations} timeZone={timeZone} />
        </LazySection>
      </Section>
      <Section id="history" title="Observed history">
        <p className="mb-3 text-sm text-fg-muted">
          Every distinct status the console has seen for this transfer, with when it first and last
          saw it.
        </p>
        {history.isError && (
          <LazySection label={HISTORY_FAILED} failed={HISTORY_FAILED}>
            <HistoryError error={history.error} onRetry={() => void history.refetch()} />
          </LazySection>
        )}
        {observations ? (
          <LazySection label="Loading the observed history…">
            <TransferHistory observations={observations} timeZone={timeZone} />
          </LazySection>
        ) : (
          !history.isError && (
            <p role="status" className="text-sm text-fg-muted">
              Loading the observed history…
            </p>
          )
        )}
      </Section>
    </>
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
