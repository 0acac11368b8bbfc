import { Link } from 'react-router';
import type {
  FilterableProcessField,
  ProcessListQuery,
} from '../../../contract/process-list-query.ts';
import type { Process } from '../../../api/rtr-schemas.ts';
import { Timestamp } from '../../../components/timestamp.tsx';
import type { TimeZoneChoice } from '../../../lib/time.ts';
import { useNow } from '../../../lib/use-now.ts';
import { formatMinorUnits } from '../lib/money-format.ts';
import { SORTABLE, sortedBy, sortState } from '../lib/list-query.ts';
import { StatusBadge } from './status-badge.tsx';

const th = 'border-b border-line px-3 py-2 text-left font-medium whitespace-nowrap';
const td = 'border-b border-line px-3 py-2 align-top';

/** One page of the process list; column headers sort (a link each, so the order is in the URL). */
export function ProcessListTable({
  processes,
  query,
  timeZone,
  hrefFor,
  caption,
  busy = false,
}: {
  processes: readonly Process[];
  query: ProcessListQuery;
  timeZone: TimeZoneChoice;
  hrefFor: (query: ProcessListQuery) => string;
  caption: string;
  busy?: boolean;
}) {
  const now = useNow(60_000);
  const header = (field: FilterableProcessField, label: string) => {
    const state = sortState(query, field);
    const next =
      state === 'none' ? SORTABLE[field] : state === 'ascending' ? 'descending' : 'ascending';
    return (
      <th scope="col" className={th} aria-sort={state === 'none' ? undefined : state}>
        <Link
          to={hrefFor(sortedBy(query, field))}
          className="inline-flex items-center gap-1 text-link hover:underline"
          aria-label={`${label}: sort ${next}`}
        >
          {label}
          <span aria-hidden="true" className="text-xs">
            {state === 'ascending' ? '▲' : state === 'descending' ? '▼' : '↕'}
          </span>
        </Link>
      </th>
    );
  };
  return (
    <div className="overflow-x-auto rounded-lg border border-line bg-surface">
      <table className="w-full border-collapse text-sm" aria-busy={busy || undefined}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-surface-muted">
          <tr>
            {header('id', 'Id')}
            {header('status', 'Status')}
            {header('identifier', 'Identifier')}
            {header('createdDate', 'Created')}
            {header('updatedDate', 'Updated')}
            <th scope="col" className={th}>
              Net money
            </th>
          </tr>
        </thead>
        <tbody className={busy ? 'opacity-60' : undefined}>
          {processes.map((process) => (
            <ProcessRow key={process.id} process={process} timeZone={timeZone} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProcessRow({
  process,
  timeZone,
  now,
}: {
  process: Process;
  timeZone: TimeZoneChoice;
  now: Date;
}) {
  const net = netMoney(process).map(([currency, amount]) => formatMinorUnits(amount, currency));
  const kind = [process.type, process.action].filter(Boolean).join(' · ');
  return (
    <tr data-testid="process-row" data-process-id={process.id}>
      <td className={td}>
        <Link to={`/processes/${process.id}`} className="font-mono text-link underline">
          {process.id}
        </Link>
      </td>
      <td className={td}>
        <StatusBadge status={process.status} />
      </td>
      <td className={td}>
        <span className="break-all">{process.identifier ?? '—'}</span>
        {kind && <span className="block text-xs text-fg-muted">{kind}</span>}
      </td>
      <td className={`${td} whitespace-nowrap`}>
        <Timestamp iso={process.createdDate} timeZone={timeZone} now={now} />
      </td>
      <td className={`${td} whitespace-nowrap`}>
        {process.updatedDate ? (
          <Timestamp iso={process.updatedDate} timeZone={timeZone} now={now} />
        ) : (
          <span className="text-fg-muted">—</span>
        )}
      </td>
      <td className={`${td} whitespace-nowrap`}>
        {net.length > 0 ? net.join(' · ') : <span className="text-fg-muted">—</span>}
      </td>
    </tr>
  );
}

/**
 * Charged minus refunded per currency, as the process page's ledger (lib/money.ts) counts it,
 * without the ledger's checks: the list shows only the net. Sorted by currency.
 */
export function netMoney(process: Pick<Process, 'transaction' | 'refund'>): [string, number][] {
  const charged = process.transaction ?? {};
  const refunded = process.refund ?? {};
  const currencies = [...new Set([...Object.keys(charged), ...Object.keys(refunded)])].sort();
  return currencies.map((c) => [
    c,
    (Object.hasOwn(charged, c) ? charged[c]! : 0) - (Object.hasOwn(refunded, c) ? refunded[c]! : 0),
  ]);
}
