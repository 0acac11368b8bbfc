import type { TransferObservation } from '../../../contract/transfer-history.ts';
import { formatAbsolute, type TimeZoneChoice } from '../../../lib/time.ts';
import { describeTransferStatus } from '../lifecycle.ts';

export const EMPTY_HISTORY_TEXT = 'The console has not recorded any status for this transfer yet';

/** Every distinct status the console server has seen, in the order it first saw them. */
export function TransferHistory({
  observations,
  timeZone,
}: {
  observations: readonly TransferObservation[];
  timeZone: TimeZoneChoice;
}) {
  if (observations.length === 0) {
    return <p className="text-sm text-fg-muted">{EMPTY_HISTORY_TEXT}</p>;
  }
  const rows = [...observations].sort(
    (a, b) => (Date.parse(a.firstSeenAt) || 0) - (Date.parse(b.firstSeenAt) || 0),
  );
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">
          Statuses observed by the console, in the order it first saw them
        </caption>
        <thead>
          <tr className="border-b border-line-strong text-fg-muted">
            {[
              'Status',
              'Description',
              'Status changed',
              'First seen',
              'Last seen',
              'Times seen',
              'Source',
            ].map((title) => (
              <th key={title} scope="col" className="px-2 py-1.5 font-medium whitespace-nowrap">
                {title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((o, index) => {
            const d = describeTransferStatus(o);
            return (
              <tr
                key={`${index}:${o.status}:${o.firstSeenAt}`}
                className="border-b border-line align-top"
              >
                <th scope="row" className="px-2 py-1.5 font-normal">
                  <span className="font-medium">
                    {d.names.length > 0 ? d.names.join(' / ') : 'Undocumented'} ({o.status})
                  </span>
                  <span className="block text-fg-muted">{d.label}</span>
                </th>
                <td className="px-2 py-1.5">{o.description}</td>
                <td className="px-2 py-1.5">
                  {o.statusChangeDate ? <Time iso={o.statusChangeDate} timeZone={timeZone} /> : '—'}
                </td>
                <td className="px-2 py-1.5">
                  <Time iso={o.firstSeenAt} timeZone={timeZone} />
                </td>
                <td className="px-2 py-1.5">
                  <Time iso={o.lastSeenAt} timeZone={timeZone} />
                </td>
                <td className="px-2 py-1.5 tabular-nums">{o.seenCount}</td>
                <td className="px-2 py-1.5">{o.source}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Time({ iso, timeZone }: { iso: string; timeZone: TimeZoneChoice }) {
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap">
      {formatAbsolute(iso, timeZone)}
    </time>
  );
}
