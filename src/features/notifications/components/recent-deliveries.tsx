import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Delivery } from '../../../contract/notifications.ts';
import { Badge, type BadgeTone } from '../../../components/ui/badge.tsx';
import { Alert } from '../../../components/ui/alert.tsx';
import { formatAbsolute, type TimeZoneChoice } from '../../../lib/time.ts';
import { notificationQueries } from '../queries.ts';

/** How often the list is fetched again while it is shown. */
export const DELIVERIES_REFRESH_MS = 30_000;

const STATE_TONES: Record<string, BadgeTone> = {
  delivered: 'success',
  pending: 'warning',
  failed: 'danger',
};
const STATE_LABELS: Record<string, string> = {
  delivered: 'Delivered',
  pending: 'Retrying',
  failed: 'Failed (gave up)',
};

/**
 * The webhook deliveries of the newest status changes, for the transfers overview: which change
 * went to which address (its origin only), and whether it arrived, is being retried or failed.
 * Self-contained: it fetches its own data.
 */
export function RecentDeliveries({
  limit = 20,
  timeZone,
}: {
  limit?: number;
  timeZone: TimeZoneChoice;
}) {
  const { data, error, isPending } = useQuery({
    ...notificationQueries.deliveries(limit),
    refetchInterval: DELIVERIES_REFRESH_MS,
  });
  return (
    <section aria-labelledby="recent-deliveries-title" className="space-y-3">
      <h2 id="recent-deliveries-title" className="text-lg font-semibold">
        Webhook deliveries
      </h2>
      {isPending ? (
        <p className="text-sm text-fg-muted">Loading the recent deliveries…</p>
      ) : error ? (
        <Alert tone="danger" role="alert">
          The recent deliveries could not be loaded: {error.message}
        </Alert>
      ) : !data.configured && data.deliveries.length === 0 ? (
        <p className="text-sm text-fg-muted">
          Webhooks are off: set NOTIFY_WEBHOOK_URLS to be told of every status change (see the
          README, “Webhooks”).
        </p>
      ) : (
        <>
          <p className="text-sm" aria-label="Deliveries per state">
            {data.counts.delivered} delivered · {data.counts.pending} retrying ·{' '}
            {data.counts.failed} failed
          </p>
          {data.deliveries.length === 0 ? (
            <p className="text-sm text-fg-muted">No status change has been sent yet.</p>
          ) : (
            <DeliveriesTable deliveries={data.deliveries} timeZone={timeZone} />
          )}
        </>
      )}
    </section>
  );
}

function DeliveriesTable({
  deliveries,
  timeZone,
}: {
  deliveries: readonly Delivery[];
  timeZone: TimeZoneChoice;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">Recent webhook deliveries, newest first</caption>
        <thead>
          <tr className="border-b border-line-strong text-fg-muted">
            {['Transfer', 'Change', 'Sent to', 'State', 'Attempts', 'Last attempt', 'Error'].map(
              (title) => (
                <th key={title} scope="col" className="px-2 py-1.5 font-medium whitespace-nowrap">
                  {title}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr key={`${d.eventId}:${d.target}`} className="border-b border-line align-top">
              <th scope="row" className="px-2 py-1.5 font-normal">
                <Link
                  className="text-link underline-offset-2 hover:underline"
                  to={`/transfers/${encodeURIComponent(d.accountNumber)}/${encodeURIComponent(d.domainName)}`}
                >
                  {d.domainName}
                </Link>{' '}
                <span className="text-fg-muted">({d.accountNumber})</span>
              </th>
              <td className="px-2 py-1.5 whitespace-nowrap">
                {d.from ? `${d.from.name} → ` : 'first seen: '}
                {d.to.name}
              </td>
              <td className="px-2 py-1.5 font-mono text-xs">{d.target}</td>
              <td className="px-2 py-1.5">
                <Badge size="sm" tone={STATE_TONES[d.state] ?? 'neutral'}>
                  {STATE_LABELS[d.state] ?? d.state}
                </Badge>
                {d.state === 'pending' && d.nextAttemptAt && (
                  <span className="block text-xs text-fg-muted">
                    next {formatAbsolute(d.nextAttemptAt, timeZone)}
                  </span>
                )}
              </td>
              <td className="px-2 py-1.5 tabular-nums">{d.attempts}</td>
              <td className="px-2 py-1.5 whitespace-nowrap">
                {d.lastAttemptAt ? formatAbsolute(d.lastAttemptAt, timeZone) : '—'}
              </td>
              <td className="px-2 py-1.5">{d.lastError ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
