import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { isApiError } from '../../../api/api-error.ts';
import type { AuditEntry } from '../../../contract/audit.ts';
import { CopyLinkButton } from '../../../components/copy-link-button.tsx';
import { LazyErrorPanel } from '../../../components/error-panel-lazy.tsx';
import { PageLoading } from '../../../components/page-loading.tsx';
import { TimeZoneToggle } from '../../../components/time-zone-toggle.tsx';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button, buttonClass } from '../../../components/ui/button.tsx';
import { inputClass } from '../../../components/ui/input.ts';
import { formatAbsolute, type TimeZoneChoice } from '../../../lib/time.ts';
import { useTimeZone } from '../../../lib/use-time-zone.ts';
import { auditCsvRows, collectAuditEntries, CSV_MAX_ROWS } from '../audit-csv.ts';
import { PAGE_SIZE, toAuditQuery, type AuditView } from '../audit-view.ts';
import { PageLinks } from '../../../components/page-links.tsx';
import { auditQueries } from '../queries.ts';

const KINDS = [
  ['', 'Any'],
  ['process', 'Process'],
  ['transfer', 'Transfer'],
  ['bulk', 'Bulk transfer'],
  ['history', 'Transfer history'],
  ['search', 'Process search'],
  ['watch', 'Watched a transfer'],
  ['unwatch', 'Stopped watching a transfer'],
] as const;

/** `/audit`: who looked up what, newest first, filtered by the URL; admins only. */
export function AuditTrail({ view }: { view: AuditView }) {
  const [timeZone] = useTimeZone();
  const query = toAuditQuery(view, timeZone);
  const result = useQuery({ ...auditQueries.list(query), placeholderData: keepPreviousData });

  return (
    <div className="space-y-6">
      <title>Audit trail · Registrar Console</title>
      <div>
        <h1 className="text-2xl font-semibold">Audit trail</h1>
        <div className="mt-1 flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-fg-muted">
            Every lookup made through the console, newest first.
          </p>
          <div className="flex flex-wrap items-center gap-3">
            <TimeZoneToggle />
            <CopyLinkButton />
          </div>
        </div>
      </div>
      {/* Keyed by the URL: the fields show what the URL says after Back or a pasted link. */}
      <AuditFilters key={JSON.stringify(view)} view={view} timeZone={timeZone} />
      {result.isPending ? (
        <PageLoading label="Loading the audit trail…" />
      ) : result.isError ? (
        isApiError(result.error) && result.error.kind === 'forbidden' ? (
          <Alert tone="warning" role="alert">
            <p className="font-medium">Only admins may see the audit trail.</p>
            <p className="mt-1">The console's operator lists them in AUTH_ADMINS.</p>
          </Alert>
        ) : (
          <LazyErrorPanel
            error={result.error}
            api="console"
            subject="the audit trail"
            notFound="This console keeps no audit trail."
            onRetry={() => void result.refetch()}
            retrying={result.isFetching}
          />
        )
      ) : (
        <AuditResults
          entries={result.data.entries}
          total={result.data.total}
          view={view}
          timeZone={timeZone}
          query={query}
        />
      )}
    </div>
  );
}

function AuditFilters({ view, timeZone }: { view: AuditView; timeZone: TimeZoneChoice }) {
  const navigate = useNavigate();
  const { search } = useLocation();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const params = new URLSearchParams();
    for (const key of ['user', 'object', 'kind', 'from', 'to']) {
      const value = String(form.get(key) ?? '').trim();
      if (value) params.set(key, value);
    }
    const tz = new URLSearchParams(search).get('tz');
    if (tz) params.set('tz', tz);
    void navigate({ pathname: '/audit', search: `?${params}` });
  };
  const tz = new URLSearchParams(search).get('tz');
  const field = 'mt-1 block w-full px-2 py-1.5 text-sm';
  return (
    <form
      role="search"
      aria-label="Filter the audit trail"
      onSubmit={submit}
      className="grid gap-3 rounded-lg border border-line bg-surface p-4 sm:grid-cols-2 lg:grid-cols-6"
    >
      <label className="text-sm lg:col-span-2">
        User (e-mail)
        <input
          name="user"
          type="text"
          autoComplete="off"
          defaultValue={view.user}
          className={`${inputClass} ${field}`}
        />
      </label>
      <label className="text-sm lg:col-span-2">
        Looked up
        <input
          name="object"
          type="text"
          autoComplete="off"
          defaultValue={view.object}
          aria-describedby="audit-object-hint"
          className={`${inputClass} ${field} font-mono`}
        />
        <span id="audit-object-hint" className="mt-1 block text-xs text-fg-muted">
          A process id or account/domain, exactly; end with * for everything that starts so.
        </span>
      </label>
      <label className="text-sm lg:col-span-2">
        Kind
        <select name="kind" defaultValue={view.kind ?? ''} className={`${inputClass} ${field}`}>
          {KINDS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm lg:col-span-2">
        From (day)
        <input
          name="from"
          type="date"
          defaultValue={view.from}
          aria-describedby="audit-days-hint"
          className={`${inputClass} ${field}`}
        />
      </label>
      <label className="text-sm lg:col-span-2">
        To (day, included)
        <input
          name="to"
          type="date"
          defaultValue={view.to}
          aria-describedby="audit-days-hint"
          className={`${inputClass} ${field}`}
        />
      </label>
      <div className="flex items-end gap-3 lg:col-span-2">
        <Button type="submit" variant="primary">
          Apply
        </Button>
        <Link
          to={{ pathname: '/audit', search: tz ? `?tz=${encodeURIComponent(tz)}` : '' }}
          className={buttonClass({ variant: 'ghost' })}
        >
          Clear
        </Link>
      </div>
      <p id="audit-days-hint" className="text-xs text-fg-muted sm:col-span-2 lg:col-span-6">
        Days are in the time zone the times are shown in (
        {timeZone === 'local' ? 'your local time' : timeZone === 'utc' ? 'UTC' : timeZone}).
      </p>
    </form>
  );
}

function AuditResults({
  entries,
  total,
  view,
  timeZone,
  query,
}: {
  entries: AuditEntry[];
  total: number;
  view: AuditView;
  timeZone: TimeZoneChoice;
  query: ReturnType<typeof toAuditQuery>;
}) {
  const filtered = Boolean(view.user || view.object || view.kind || view.from || view.to);
  if (total === 0) {
    return (
      <p role="status" className="rounded-lg border border-line bg-surface p-4">
        {filtered ? 'No lookups match these filters.' : 'No lookups have been recorded yet.'}
      </p>
    );
  }
  const first = query.offset + 1;
  const last = query.offset + entries.length;
  return (
    <section aria-labelledby="audit-results-title" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="audit-results-title" className="text-lg font-semibold">
          {total === 1 ? '1 lookup' : `${total.toLocaleString('en-GB')} lookups`}
        </h2>
        <CsvExport query={query} total={total} />
      </div>
      {entries.length === 0 ? (
        <p role="status">This page is past the last entry.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-line bg-surface">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Lookups, newest first</caption>
            <thead className="border-b border-line text-fg-muted">
              <tr>
                {['Time', 'User', 'Kind', 'Looked up', 'Upstream', 'Answer', 'Request id'].map(
                  (name) => (
                    <th key={name} scope="col" className="px-3 py-2 font-medium">
                      {name}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {entries.map((entry, i) => (
                <AuditRow key={`${query.offset + i}`} entry={entry} timeZone={timeZone} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <PageLinks
        label="Pages of the audit trail"
        first={first}
        last={last}
        total={total}
        page={view.page ?? 1}
        pageSize={PAGE_SIZE}
        previous="Newer"
        next="Older"
      />
    </section>
  );
}

function AuditRow({ entry, timeZone }: { entry: AuditEntry; timeZone: TimeZoneChoice }) {
  // What was refused as invalid is not a page one can open.
  const href =
    entry.errorType === 'ConsoleInvalidInput'
      ? undefined
      : entry.kind === 'process'
        ? `/processes/${entry.object}`
        : `/transfers/${entry.object}`;
  return (
    <tr className="border-b border-line last:border-0">
      <td className="px-3 py-2 whitespace-nowrap">
        <time dateTime={entry.at}>{formatAbsolute(entry.at, timeZone)}</time>
      </td>
      <td className="px-3 py-2 break-all">{entry.user}</td>
      <td className="px-3 py-2">{entry.kind}</td>
      <td className="px-3 py-2 font-mono break-all">
        {href ? (
          <Link to={href} className="text-link underline">
            {entry.object}
          </Link>
        ) : (
          entry.object
        )}
      </td>
      <td className="px-3 py-2">{entry.upstreamStatus ?? '—'}</td>
      <td className="px-3 py-2">
        {entry.status}
        {entry.errorType && <span className="block text-xs text-fg-muted">{entry.errorType}</span>}
      </td>
      <td className="px-3 py-2 font-mono text-xs break-all">{entry.requestId ?? '—'}</td>
    </tr>
  );
}

function CsvExport({ query, total }: { query: ReturnType<typeof toAuditQuery>; total: number }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<
    { kind: 'idle' } | { kind: 'running'; done: number } | { kind: 'done'; text: string }
  >({ kind: 'idle' });
  const run = async () => {
    setState({ kind: 'running', done: 0 });
    try {
      const { limit: _limit, offset: _offset, ...filter } = query;
      const { entries, total: matched } = await collectAuditEntries(queryClient, filter, (done) =>
        setState({ kind: 'running', done }),
      );
      const { toCsv, downloadText } = await import('../../../lib/csv.ts');
      downloadText(toCsv(auditCsvRows(entries)), 'audit-trail.csv');
      setState({
        kind: 'done',
        text:
          matched > entries.length
            ? `Exported the newest ${entries.length.toLocaleString('en-GB')} of ${matched.toLocaleString('en-GB')} lookups (at most ${CSV_MAX_ROWS.toLocaleString('en-GB')} per file): narrow the filter for the rest.`
            : `Exported ${entries.length.toLocaleString('en-GB')} lookups.`,
      });
    } catch (error) {
      setState({
        kind: 'done',
        text: `The export failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <span role="status">
        {state.kind === 'running'
          ? `Exporting… ${state.done.toLocaleString('en-GB')} of ${Math.min(total, CSV_MAX_ROWS).toLocaleString('en-GB')}`
          : state.kind === 'done'
            ? state.text
            : ''}
      </span>
      <Button onClick={() => void run()} disabled={state.kind === 'running'}>
        Export CSV
      </Button>
    </div>
  );
}
