import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type RefObject,
} from 'react';
import { observeElementRect, useVirtualizer, type Rect } from '@tanstack/react-virtual';
import { Link, useLocation, useNavigate } from 'react-router';
import type { CheckedDomain } from '../../../contract/domain-check.ts';
import { formatAbsolute, type TimeZoneChoice } from '../../../lib/time.ts';
import { useTimeZone } from '../../../lib/use-time-zone.ts';
import type { BulkRunner } from '../bulk-runner.ts';
import {
  OUTCOME_FILTERS,
  PHASE_FILTERS,
  type SortColumn,
  type SortValue,
} from '../bulk-filters.ts';
import { buildBulkRows, filterRows, isSettled, sortRows, type BulkRow } from '../bulk-rows.ts';
import { Alert } from '../../../components/ui/alert.tsx';
import { buttonClass } from '../../../components/ui/button.tsx';
import { inputClass } from '../../../components/ui/input.ts';

const ROW_HEIGHT_PX = 44;
const VIEWPORT_PX = 560;

export interface BulkFilters {
  phase?: string;
  outcome?: string;
  /** The table's order (`?sort=`): a column, `-` first for descending. */
  sort?: SortValue;
}

export function BulkTransfers({
  accountNumber,
  domains,
  runner,
  filters,
}: {
  accountNumber: string;
  domains: readonly CheckedDomain[];
  /** Looks the domains up (use-bulk-runner.ts): made for `domains`, in the same order. */
  runner: BulkRunner;
  /** From the URL, already validated by the route. */
  filters: BulkFilters;
}) {
  const location = useLocation();
  const navigate = useNavigate();
  const entries = useSyncExternalStore(runner.subscribe, runner.getSnapshot);
  const rows = useMemo(() => buildBulkRows(domains, entries), [domains, entries]);
  const phase = filters.phase ?? '';
  const outcome = filters.outcome ?? '';
  const sort = filters.sort;
  const visible = useMemo(
    () => sortRows(filterRows(rows, phase, outcome), sort),
    [rows, phase, outcome, sort],
  );
  const settled = rows.filter(isSettled).length;
  const noOrder = rows.filter((r) => r.state === 'no-order').length;
  const failed = rows.filter((r) => r.state === 'failed');
  const notRecorded = rows.filter((r) => r.notRecorded !== undefined);
  const filtered = phase !== '' || outcome !== '';
  const sectionRef = useRef<HTMLElement>(null);
  const focus = useFocusAfterRetry(sectionRef, entries);
  // Stable, so that rows whose answer did not change are not rendered again.
  const retryRow = useCallback(
    (domain: string, index: number) => {
      focus.afterRetryRow(domain, index);
      runner.retry(domain);
    },
    [focus, runner],
  );

  // The fragment (a long domain list travels there) stays as it is.
  function setParam(name: 'phase' | 'outcome' | 'sort', value: string) {
    const next = new URLSearchParams(location.search);
    if (value) next.set(name, value);
    else next.delete(name);
    void navigate(
      { pathname: location.pathname, search: `?${next}`, hash: location.hash },
      { replace: true, preventScrollReset: true },
    );
  }

  async function exportCsv(which: readonly BulkRow[], fileName: string) {
    const { toCsv, downloadText } = await import('../../../lib/csv.ts');
    const header = [
      'domain',
      'domain (unicode)',
      'code',
      'status',
      'phase',
      'outcome',
      'description',
      'approval mail',
      'status changed',
      'error',
    ];
    const lines = which.map((r) => [
      r.domain.ascii,
      r.domain.unicode,
      r.status?.status,
      r.description?.label,
      r.description?.phase,
      r.description?.outcome,
      r.status?.description,
      r.status?.emailAddress,
      r.status?.statusChangeDate,
      r.error,
    ]);
    downloadText(toCsv([header, ...lines]), fileName);
  }
  const shownFileName = `transfers-${accountNumber}${phase && `-${phase}`}${outcome && `-${outcome}`}.csv`;
  const allFileName = `transfers-${accountNumber}.csv`;

  return (
    <section ref={sectionRef} aria-labelledby="bulk-results-title" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="bulk-results-title" tabIndex={-1} className="text-lg font-semibold">
          {domains.length} {domains.length === 1 ? 'domain' : 'domains'} on account {accountNumber}
        </h2>
        <div className="flex flex-wrap gap-2">
          {failed.length > 0 && (
            <button
              type="button"
              onClick={() => {
                focus.afterRetryAll();
                failed.forEach((r) => runner.retry(r.domain.ascii));
              }}
              className={buttonClass()}
            >
              Retry {failed.length} failed
            </button>
          )}
          {filtered ? (
            <>
              <button
                type="button"
                disabled={visible.length === 0}
                onClick={() => void exportCsv(visible, shownFileName)}
                className={buttonClass({ variant: 'primary' })}
              >
                Export shown ({visible.length})
              </button>
              <button
                type="button"
                onClick={() => void exportCsv(rows, allFileName)}
                className={buttonClass()}
              >
                Export all ({rows.length})
              </button>
            </>
          ) : (
            <button
              type="button"
              onClick={() => void exportCsv(rows, allFileName)}
              className={buttonClass({ variant: 'primary' })}
            >
              Export CSV
            </button>
          )}
        </div>
      </div>

      <div className="space-y-1">
        <label htmlFor="bulk-progress" className="text-sm text-fg">
          {settled} of {rows.length} looked up
          {noOrder > 0 && ` · ${noOrder} with no transfer order`}
          {failed.length > 0 && ` · ${failed.length} failed`}
        </label>
        <progress id="bulk-progress" max={rows.length} value={settled} className="h-2 w-full" />
      </div>
      {notRecorded.length > 0 && (
        <Alert as="p" role="status" tone="warning" data-testid="not-recorded">
          {notRecorded.length === 1
            ? "1 status was not recorded in the console's history"
            : `${notRecorded.length} statuses were not recorded in the console's history`}
          : {notRecorded[0]!.notRecorded}. The statuses shown are current; the history and the
          overview may miss them. Those rows are marked “not recorded”.
        </Alert>
      )}

      <div className="flex flex-wrap gap-4 text-sm">
        <FilterSelect
          id="phase-filter"
          label="Phase"
          value={phase}
          options={PHASE_FILTERS}
          onChange={(v) => setParam('phase', v)}
        />
        <FilterSelect
          id="outcome-filter"
          label="Outcome"
          value={outcome}
          options={OUTCOME_FILTERS}
          onChange={(v) => setParam('outcome', v)}
        />
        <p className="self-end text-fg-muted" aria-live="polite">
          Showing {visible.length} of {rows.length}
        </p>
      </div>

      <BulkTable
        accountNumber={accountNumber}
        rows={visible}
        sort={sort}
        onSort={(value) => setParam('sort', value)}
        onRetry={retryRow}
      />
    </section>
  );
}

/**
 * A retry button disappears once its lookup is queued again, and focus would fall back to
 * the top of the document. Instead it moves to the same row's link when the row is still
 * shown, else to the next row's retry button, else to the table, else the heading.
 */
function useFocusAfterRetry(sectionRef: RefObject<HTMLElement | null>, entries: unknown) {
  const pending = useRef<{ domain?: string; index: number }>(undefined);

  useEffect(() => {
    const section = sectionRef.current;
    const wanted = pending.current;
    if (!section || !wanted) return;
    const active = document.activeElement;
    if (active && active !== document.body) {
      // Still on the button (the update has not rendered yet), or the user moved on.
      if (!section.contains(active) || !active.hasAttribute('data-retry')) {
        pending.current = undefined;
      }
      return;
    }
    pending.current = undefined;
    const row = wanted.domain
      ? section.querySelector<HTMLElement>(`tr[data-domain="${CSS.escape(wanted.domain)}"] a`)
      : null;
    const nextRetry = [...section.querySelectorAll<HTMLElement>('[data-retry]')].find(
      (button) => Number(button.closest('tr')?.dataset.index) >= wanted.index,
    );
    const target =
      row ??
      nextRetry ??
      section.querySelector<HTMLElement>('[role="region"]') ??
      section.querySelector<HTMLElement>('h2');
    target?.focus();
  }, [sectionRef, entries]);

  return useMemo(
    () => ({
      afterRetryRow: (domain: string, index: number) => {
        pending.current = { domain, index };
      },
      afterRetryAll: () => {
        pending.current = { index: 0 };
      },
    }),
    [],
  );
}

function FilterSelect({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange: (value: string) => void;
}) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className={`mt-1 px-2 py-1 ${inputClass}`}
      >
        <option value="">All</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

function BulkTable({
  accountNumber,
  rows,
  sort,
  onSort,
  onRetry,
}: {
  accountNumber: string;
  rows: BulkRow[];
  sort: SortValue | undefined;
  onSort: (value: SortValue) => void;
  onRetry: (domain: string, index: number) => void;
}) {
  const [timeZone] = useTimeZone();
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are not memoisable, which is fine here
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollElement,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 8,
    initialRect: { width: 0, height: VIEWPORT_PX },
    // A zero height (jsdom, or a container not laid out yet) would render no rows at all.
    observeElementRect: (instance, onRect) =>
      observeElementRect(instance, (rect: Rect) =>
        onRect(rect.height > 0 ? rect : { width: rect.width, height: VIEWPORT_PX }),
      ),
  });
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  if (rows.length === 0) {
    return (
      <p className="rounded-lg border border-line bg-surface p-4 text-sm">
        No domain matches these filters.
      </p>
    );
  }

  return (
    <div
      ref={setScrollElement}
      role="region"
      aria-label="Transfer results"
      tabIndex={0}
      className="max-h-[35rem] overflow-auto rounded border border-line bg-surface"
    >
      <table className="w-full text-sm" aria-rowcount={rows.length + 1}>
        <thead className="sticky top-0 z-10 bg-surface-muted text-left">
          <tr aria-rowindex={1}>
            <SortHeader column="domain" label="Domain" sort={sort} onSort={onSort} />
            <SortHeader column="status" label="Status" sort={sort} onSort={onSort} />
            <SortHeader column="phase" label="Phase" sort={sort} onSort={onSort} />
            <SortHeader column="changed" label="Changed" sort={sort} onSort={onSort} />
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {before > 0 && (
            <tr aria-hidden="true">
              <td colSpan={5} style={{ height: before }} />
            </tr>
          )}
          {items.map((item) => (
            <BulkRowView
              key={rows[item.index]!.domain.ascii}
              row={rows[item.index]!}
              index={item.index}
              accountNumber={accountNumber}
              timeZone={timeZone}
              onRetry={onRetry}
            />
          ))}
          {after > 0 && (
            <tr aria-hidden="true">
              <td colSpan={5} style={{ height: after }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A column header that sorts by its column (ascending first, then the other way); the header
 * says the current order (aria-sort).
 */
function SortHeader({
  column,
  label,
  sort,
  onSort,
}: {
  column: SortColumn;
  label: string;
  sort: SortValue | undefined;
  onSort: (value: SortValue) => void;
}) {
  const direction =
    sort === column ? 'ascending' : sort === `-${column}` ? 'descending' : undefined;
  const next: SortValue = direction === 'ascending' ? `-${column}` : column;
  return (
    <th scope="col" className="px-3 py-2" aria-sort={direction ?? 'none'}>
      <button
        type="button"
        onClick={() => onSort(next)}
        className="inline-flex items-center gap-1 font-semibold hover:underline"
      >
        {label}
        <span aria-hidden="true" className="text-fg-muted">
          {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}

/** One row; rendered again only when its answer (or the time zone) changes. */
const BulkRowView = memo(function BulkRowView({
  row,
  index,
  accountNumber,
  timeZone,
  onRetry,
}: {
  row: BulkRow;
  index: number;
  accountNumber: string;
  timeZone: TimeZoneChoice;
  onRetry: (domain: string, index: number) => void;
}) {
  return (
    <tr
      data-domain={row.domain.ascii}
      data-index={index}
      aria-rowindex={index + 2}
      className="h-11 border-t border-line"
    >
      <td className="px-3">
        <Link
          to={`/transfers/${accountNumber}/${row.domain.ascii}`}
          className="text-link underline"
        >
          {row.domain.unicode}
        </Link>
      </td>
      <td className="px-3">
        <StatusCell row={row} />
      </td>
      <td className="px-3">{row.description?.phaseLabel ?? '—'}</td>
      <td className="px-3 whitespace-nowrap">
        {row.status?.statusChangeDate ? (
          <time dateTime={row.status.statusChangeDate}>
            {formatAbsolute(row.status.statusChangeDate, timeZone)}
          </time>
        ) : (
          '—'
        )}
      </td>
      <td className="px-3 text-right">
        {row.state === 'failed' && (
          <button
            type="button"
            data-retry=""
            onClick={() => onRetry(row.domain.ascii, index)}
            aria-label={`Retry ${row.domain.unicode}`}
            className={buttonClass({ size: 'xs' })}
          >
            Retry
          </button>
        )}
      </td>
    </tr>
  );
});

function StatusCell({ row }: { row: BulkRow }) {
  if (row.state === 'queued') return <span className="text-fg-muted">Queued</span>;
  if (row.state === 'loading') return <span className="text-fg-muted">Looking up…</span>;
  if (row.state === 'failed') {
    return <span className="text-danger-fg">{row.error}</span>;
  }
  if (row.state === 'no-order') return <span>{row.error}</span>;
  return (
    <span>
      {row.description?.label} <span className="text-fg-muted">({row.status?.status})</span>
      {row.notRecorded && <span className="text-warning-fg"> · not recorded</span>}
    </span>
  );
}
