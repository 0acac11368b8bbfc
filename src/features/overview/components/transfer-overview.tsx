import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { postWatchAction } from '../../../api/watch.ts';
import { formatDuration } from '../../../contract/stuck-rules.ts';
import {
  WATCH_PHASE_LABELS,
  WATCH_PHASES,
  type WatchPhase,
} from '../../../contract/transfer-phase.ts';
import { transferStatusNames } from '../../../contract/transfer-status.ts';
import type { WatchOrder, WatchPage, WatchQuery, WatchRow } from '../../../contract/watch.ts';
import { CopyLinkButton } from '../../../components/copy-link-button.tsx';
import { LazyErrorPanel } from '../../../components/error-panel-lazy.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { Timestamp } from '../../../components/timestamp.tsx';
import { TimeZoneToggle } from '../../../components/time-zone-toggle.tsx';
import { Badge } from '../../../components/ui/badge.tsx';
import { Button, buttonClass } from '../../../components/ui/button.tsx';
import { inputClass } from '../../../components/ui/input.ts';
import type { TimeZoneChoice } from '../../../lib/time.ts';
import { useNow } from '../../../lib/use-now.ts';
import { useTimeZone } from '../../../lib/use-time-zone.ts';
import { OVERVIEW_PAGE_SIZE, toWatchQuery, withParams } from '../overview-view.ts';
import { PageLinks } from '../../../components/page-links.tsx';
import { watchQueries } from '../queries.ts';

const ORDERS: readonly (readonly [WatchOrder, string])[] = [
  ['since', 'Longest in its status first'],
  ['-since', 'Newest status first'],
  ['-lastChecked', 'Checked most recently first'],
  ['lastChecked', 'Checked longest ago first'],
  ['-changes', 'Most changes first'],
  ['domain', 'Domain A–Z'],
  ['-domain', 'Domain Z–A'],
  ['account', 'Account A–Z'],
];

const STOP_REASONS: Record<string, string> = {
  final: 'final for long enough',
  'not-found': 'not found (404) repeatedly',
  person: 'stopped by a person',
};

/** `/transfers`: every transfer the console watches or has watched, what is stuck, by the URL. */
export function TransferOverview({ query, page }: { query: WatchQuery; page: number }) {
  const [timeZone] = useTimeZone();
  const request = toWatchQuery(query, page);
  const result = useQuery({ ...watchQueries.list(request), placeholderData: keepPreviousData });
  const now = useNow(30_000);

  return (
    <div className="space-y-6">
      <title>Transfers · Registrar Console</title>
      <div>
        <h1 className="text-2xl font-semibold">Transfers</h1>
        <div className="mt-1 flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-fg-muted">
            Every transfer the console has seen, what the watcher does with it, and what is stuck.
          </p>
          <div className="flex flex-wrap items-center gap-3">
            <TimeZoneToggle />
            <CopyLinkButton />
          </div>
        </div>
      </div>
      {result.data && <PhaseCounts page={result.data} query={query} />}
      {/* Keyed by the URL: the fields show what the URL says after Back or a pasted link. */}
      <OverviewFilters key={JSON.stringify(query)} query={query} />
      {result.isPending ? (
        <PageLoading label="Loading the transfers…" />
      ) : result.isError ? (
        <LazyErrorPanel
          error={result.error}
          api="console"
          subject="the transfers overview"
          notFound="This console has no transfers overview."
          onRetry={() => void result.refetch()}
          retrying={result.isFetching}
        />
      ) : (
        <OverviewResults
          data={result.data}
          query={query}
          page={page}
          timeZone={timeZone}
          now={now}
        />
      )}
    </div>
  );
}

function PhaseCounts({ page, query }: { page: WatchPage; query: WatchQuery }) {
  const { search } = useLocation();
  const all = Object.values(page.counts).reduce((sum, n) => sum + n, 0);
  const item = (phase: WatchPhase | undefined, label: string, count: number) => {
    const current = query.phase === phase;
    return (
      <li key={phase ?? 'all'}>
        <Link
          to={{ pathname: '/transfers', search: withParams(search, { phase }) }}
          aria-current={current ? 'true' : undefined}
          className={`flex min-w-28 flex-col rounded-lg border px-3 py-2 text-sm ${current ? 'border-accent bg-surface-muted font-medium' : 'border-line bg-surface hover:bg-surface-muted'}`}
        >
          <span className="text-fg-muted">{label}</span>
          <span className="text-xl font-semibold text-fg">{count.toLocaleString('en-GB')}</span>
        </Link>
      </li>
    );
  };
  return (
    <nav aria-label="Transfers per phase">
      <ul className="flex flex-wrap gap-2">
        {item(undefined, 'All phases', all)}
        {WATCH_PHASES.map((phase) =>
          item(phase, WATCH_PHASE_LABELS[phase], page.counts[phase] ?? 0),
        )}
        <li>
          <Link
            to={{
              pathname: '/transfers',
              search: withParams(search, { stuck: query.stuck === true ? undefined : 'true' }),
            }}
            aria-current={query.stuck === true ? 'true' : undefined}
            className={`flex min-w-28 flex-col rounded-lg border px-3 py-2 text-sm ${query.stuck === true ? 'border-accent bg-surface-muted font-medium' : 'border-warning-line bg-surface hover:bg-surface-muted'}`}
          >
            <span className="text-fg-muted">Stuck</span>
            <span className="text-xl font-semibold text-fg">
              {page.stuckCount.toLocaleString('en-GB')}
            </span>
          </Link>
        </li>
      </ul>
    </nav>
  );
}

function OverviewFilters({ query }: { query: WatchQuery }) {
  const navigate = useNavigate();
  const { search } = useLocation();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (key: string) => String(form.get(key) ?? '').trim() || undefined;
    void navigate({
      pathname: '/transfers',
      search: withParams(search, {
        account: value('account'),
        q: value('q'),
        stuck: value('stuck'),
        final: value('final'),
        state: value('state'),
        order: value('order') === 'since' ? undefined : value('order'),
      }),
    });
  };
  const tz = new URLSearchParams(search).get('tz');
  const field = 'mt-1 block w-full px-2 py-1.5 text-sm';
  const yesNo = (name: 'stuck' | 'final', label: string, yes: string, no: string) => (
    <label className="text-sm">
      {label}
      <select
        name={name}
        defaultValue={query[name] === undefined ? '' : String(query[name])}
        className={`${inputClass} ${field}`}
      >
        <option value="">Any</option>
        <option value="true">{yes}</option>
        <option value="false">{no}</option>
      </select>
    </label>
  );
  return (
    <form
      role="search"
      aria-label="Filter the transfers"
      onSubmit={submit}
      className="grid gap-3 rounded-lg border border-line bg-surface p-4 sm:grid-cols-2 lg:grid-cols-6"
    >
      <label className="text-sm lg:col-span-2">
        Account
        <input
          name="account"
          type="text"
          autoComplete="off"
          defaultValue={query.account}
          className={`${inputClass} ${field} font-mono`}
        />
      </label>
      <label className="text-sm lg:col-span-2">
        Text (domain, account or description)
        <input
          name="q"
          type="search"
          autoComplete="off"
          defaultValue={query.q}
          className={`${inputClass} ${field}`}
        />
      </label>
      <label className="text-sm lg:col-span-2">
        Order
        <select name="order" defaultValue={query.order} className={`${inputClass} ${field}`}>
          {ORDERS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {yesNo('stuck', 'Stuck', 'Stuck only', 'Not stuck')}
      {yesNo('final', 'Final', 'Finished', 'In progress')}
      <label className="text-sm">
        Watch
        <select name="state" defaultValue={query.state ?? ''} className={`${inputClass} ${field}`}>
          <option value="">Any</option>
          <option value="watching">Watching</option>
          <option value="stopped">Stopped</option>
        </select>
      </label>
      <div className="flex items-end gap-3 lg:col-span-3">
        <Button type="submit" variant="primary">
          Apply
        </Button>
        <Link
          to={{ pathname: '/transfers', search: tz ? `?tz=${encodeURIComponent(tz)}` : '' }}
          className={buttonClass({ variant: 'ghost' })}
        >
          Clear
        </Link>
      </div>
    </form>
  );
}

function OverviewResults({
  data,
  query,
  page,
  timeZone,
  now,
}: {
  data: WatchPage;
  query: WatchQuery;
  page: number;
  timeZone: TimeZoneChoice;
  now: Date;
}) {
  const filtered = Boolean(
    query.phase ||
    query.account ||
    query.q ||
    query.state ||
    query.stuck !== undefined ||
    query.final !== undefined,
  );
  if (data.total === 0) {
    return (
      <p role="status" className="rounded-lg border border-line bg-surface p-4">
        {filtered ? (
          'No transfers match these filters.'
        ) : (
          <>
            The console has not seen any transfer yet.{' '}
            <Link to="/" className="text-link underline">
              Look one up
            </Link>{' '}
            and it appears here.
          </>
        )}
      </p>
    );
  }
  const offset = (page - 1) * OVERVIEW_PAGE_SIZE;
  const first = offset + 1;
  const last = offset + data.rows.length;
  const limits = Object.entries(data.stuckAfterMs)
    .map(([phase, ms]) => `${phase} ${formatDuration(ms)}`)
    .join(', ');
  return (
    <section aria-labelledby="overview-results-title" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="overview-results-title" className="text-lg font-semibold">
          {data.total === 1 ? '1 transfer' : `${data.total.toLocaleString('en-GB')} transfers`}
        </h2>
        <p className="text-xs text-fg-muted">
          Stuck after: {limits}.{' '}
          {data.intervalS > 0
            ? `The watcher re-checks every ${formatDuration(data.intervalS * 1000)}.`
            : 'The watcher is off (TRANSFER_WATCH_INTERVAL_S=0).'}
        </p>
      </div>
      {data.rows.length === 0 ? (
        <p role="status">This page is past the last transfer.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-line bg-surface">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Transfers the console has seen</caption>
            <thead className="border-b border-line text-fg-muted">
              <tr>
                {[
                  'Domain',
                  'Account',
                  'Status',
                  'Since',
                  'Last checked',
                  'Next check',
                  'Changes',
                  'Stuck',
                  'Watch',
                ].map((name) => (
                  <th key={name} scope="col" className="px-3 py-2 font-medium">
                    {name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <OverviewRow
                  key={`${row.accountNumber}/${row.domainName}`}
                  row={row}
                  timeZone={timeZone}
                  now={now}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(page > 1 || data.total > OVERVIEW_PAGE_SIZE) && (
        <PageLinks
          label="Pages of the transfers"
          first={first}
          last={last}
          total={data.total}
          page={page}
          pageSize={OVERVIEW_PAGE_SIZE}
        />
      )}
    </section>
  );
}

function OverviewRow({
  row,
  timeZone,
  now,
}: {
  row: WatchRow;
  timeZone: TimeZoneChoice;
  now: Date;
}) {
  const names = transferStatusNames(row.status).join('/') || 'Unknown';
  const phase = WATCH_PHASE_LABELS[row.phase as WatchPhase] ?? row.phase;
  return (
    <tr className="border-b border-line align-top last:border-0">
      <th scope="row" className="px-3 py-2 text-left font-normal break-all">
        <Link
          to={`/transfers/${encodeURIComponent(row.accountNumber)}/${row.domainName}`}
          className="text-link underline"
        >
          {row.domainName}
        </Link>
      </th>
      <td className="px-3 py-2 font-mono break-all">{row.accountNumber}</td>
      <td className="px-3 py-2" data-testid="overview-status">
        <span className="block font-medium">
          {names} (code {row.status})
        </span>
        <span className="block text-xs text-fg-muted">
          {phase}
          {row.final ? ' · final' : ''}
        </span>
      </td>
      <td className="px-3 py-2 whitespace-nowrap">
        <Timestamp iso={row.since} timeZone={timeZone} now={now} />
      </td>
      <td className="px-3 py-2 whitespace-nowrap">
        <Timestamp iso={row.lastCheckedAt} timeZone={timeZone} now={now} />
      </td>
      <td className="px-3 py-2 whitespace-nowrap">
        {row.nextCheckAt ? <Timestamp iso={row.nextCheckAt} timeZone={timeZone} now={now} /> : '—'}
      </td>
      <td className="px-3 py-2 text-right" data-testid="overview-changes">
        {row.changes}
      </td>
      <td className="px-3 py-2">
        {row.stuck ? (
          <Badge tone="warning" size="sm">
            Stuck: {row.stuck}
          </Badge>
        ) : (
          '—'
        )}
      </td>
      <td className="px-3 py-2">
        <WatchCell row={row} />
      </td>
    </tr>
  );
}

function WatchCell({ row }: { row: WatchRow }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();
  const watching = row.state === 'watching';
  const mutation = useMutation({
    mutationFn: () =>
      postWatchAction(row.accountNumber, row.domainName, watching ? 'stop' : 'watch'),
    onSuccess: () => {
      setError(undefined);
      return queryClient.invalidateQueries({ queryKey: ['watch'] });
    },
    onError: (e) => setError(e instanceof Error ? e.message : String(e)),
  });
  return (
    <div className="space-y-1">
      <span className="block whitespace-nowrap">
        {watching ? 'Watching' : 'Stopped'}
        {!watching && row.stopReason && (
          <span className="block text-xs text-fg-muted">
            {STOP_REASONS[row.stopReason] ?? row.stopReason}
            {row.stoppedBy ? ` (${row.stoppedBy})` : ''}
          </span>
        )}
      </span>
      <Button
        size="sm"
        variant={watching ? 'secondary' : 'primary'}
        disabled={mutation.isPending}
        onClick={() => mutation.mutate()}
        aria-label={`${watching ? 'Stop watching' : 'Watch'} ${row.domainName} (${row.accountNumber})`}
      >
        {watching ? 'Stop watching' : 'Watch'}
      </Button>
      {error && (
        <p role="alert" className="text-xs text-danger-fg">
          {error}
        </p>
      )}
    </div>
  );
}
