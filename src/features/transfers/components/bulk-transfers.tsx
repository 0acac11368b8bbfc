import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Link, useSearchParams } from 'react-router';
import type { CheckedDomain } from '../../../lib/domain-name.ts';
import { createBulkRunner } from '../bulk-runner.ts';
import {
  buildBulkRows,
  filterRows,
  OUTCOME_FILTERS,
  PHASE_FILTERS,
  type BulkRow,
} from '../bulk-rows.ts';
import { buttonClass } from '../../../components/ui/button.tsx';
import { inputClass } from '../../../components/ui/input.ts';

/**
 * At most this many lookups in flight from the browser. The console server enforces its own
 * TRANSFER_CONCURRENCY towards Hostway; the browser keeps a matching queue so that queued
 * requests do not run into the client's own timeout.
 */
export const BULK_CONCURRENCY = 6;
const ROW_HEIGHT_PX = 44;
const VIEWPORT_PX = 560;

export function BulkTransfers({
  accountNumber,
  domains,
}: {
  accountNumber: string;
  domains: readonly CheckedDomain[];
}) {
  const [searchParams, setSearchParams] = useSearchParams();
  const queryClient = useQueryClient();
  // The parent keys this component by account and list, so one runner serves one lookup.
  const [runner] = useState(() =>
    createBulkRunner({
      queryClient,
      accountNumber,
      domains: domains.map((d) => d.ascii),
      concurrency: BULK_CONCURRENCY,
    }),
  );
  useEffect(() => {
    runner.start();
    return () => runner.stop();
  }, [runner]);
  const entries = useSyncExternalStore(runner.subscribe, runner.getSnapshot);
  const rows = useMemo(() => buildBulkRows(domains, entries), [domains, entries]);
  const phase = searchParams.get('phase') ?? '';
  const outcome = searchParams.get('outcome') ?? '';
  const visible = filterRows(rows, phase, outcome);
  const settled = rows.filter((r) => r.state === 'done' || r.state === 'failed').length;
  const failed = rows.filter((r) => r.state === 'failed');

  function setFilter(name: 'phase' | 'outcome', value: string) {
    setSearchParams(
      (params) => {
        const next = new URLSearchParams(params);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  }

  async function exportCsv() {
    const { toCsv, downloadText } = await import('../csv.ts');
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
    const lines = rows.map((r) => [
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
    downloadText(toCsv([header, ...lines]), `transfers-${accountNumber}.csv`);
  }

  return (
    <section aria-labelledby="bulk-results-title" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="bulk-results-title" className="text-lg font-semibold">
          {domains.length} {domains.length === 1 ? 'domain' : 'domains'} on account {accountNumber}
        </h2>
        <div className="flex flex-wrap gap-2">
          {failed.length > 0 && (
            <button
              type="button"
              onClick={() => failed.forEach((r) => runner.retry(r.domain.ascii))}
              className={buttonClass()}
            >
              Retry {failed.length} failed
            </button>
          )}
          <button
            type="button"
            onClick={() => void exportCsv()}
            className={buttonClass({ variant: 'primary' })}
          >
            Export CSV
          </button>
        </div>
      </div>

      <div className="space-y-1">
        <label htmlFor="bulk-progress" className="text-sm text-fg">
          {settled} of {rows.length} looked up
          {failed.length > 0 && ` · ${failed.length} failed`}
        </label>
        <progress id="bulk-progress" max={rows.length} value={settled} className="h-2 w-full" />
      </div>

      <div className="flex flex-wrap gap-4 text-sm">
        <FilterSelect
          id="phase-filter"
          label="Phase"
          value={phase}
          options={PHASE_FILTERS}
          onChange={(v) => setFilter('phase', v)}
        />
        <FilterSelect
          id="outcome-filter"
          label="Outcome"
          value={outcome}
          options={OUTCOME_FILTERS}
          onChange={(v) => setFilter('outcome', v)}
        />
        <p className="self-end text-fg-muted" aria-live="polite">
          Showing {visible.length} of {rows.length}
        </p>
      </div>

      <BulkTable accountNumber={accountNumber} rows={visible} onRetry={runner.retry} />
    </section>
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
  onRetry,
}: {
  accountNumber: string;
  rows: BulkRow[];
  onRetry: (domain: string) => void;
}) {
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are not memoisable, which is fine here
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollElement,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 8,
    initialRect: { width: 0, height: VIEWPORT_PX },
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
            <th scope="col" className="px-3 py-2">
              Domain
            </th>
            <th scope="col" className="px-3 py-2">
              Status
            </th>
            <th scope="col" className="px-3 py-2">
              Phase
            </th>
            <th scope="col" className="px-3 py-2">
              Changed
            </th>
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
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <tr
                key={row.domain.ascii}
                aria-rowindex={item.index + 2}
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
                      {row.status.statusChangeDate.slice(0, 10)}
                    </time>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="px-3 text-right">
                  {row.state === 'failed' && (
                    <button
                      type="button"
                      onClick={() => onRetry(row.domain.ascii)}
                      aria-label={`Retry ${row.domain.unicode}`}
                      className={buttonClass({ size: 'xs' })}
                    >
                      Retry
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
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

function StatusCell({ row }: { row: BulkRow }) {
  if (row.state === 'queued') return <span className="text-fg-muted">Queued</span>;
  if (row.state === 'loading') return <span className="text-fg-muted">Looking up…</span>;
  if (row.state === 'failed') {
    return <span className="text-danger-fg">{row.error}</span>;
  }
  return (
    <span>
      {row.description?.label} <span className="text-fg-muted">({row.status?.status})</span>
    </span>
  );
}
