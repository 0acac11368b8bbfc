import { LiveStatus } from '../../../components/live-status.tsx';
import type { LiveRefresh } from '../../../lib/use-live-refresh.ts';
import { describeTransferStatus } from '../lifecycle.ts';

type WatchedStatus = { status: number; description?: string };

/** How the transfer page notices a status change (see useStatusChange). */
export const transferStatusChange = {
  // Code 2 covers two statuses told apart by their description, so both make the key.
  keyOf: (status: WatchedStatus) => `${status.status}\n${status.description ?? ''}`,
  describeChange(previous: WatchedStatus, current: WatchedStatus) {
    const from = describeTransferStatus(previous);
    const to = describeTransferStatus(current);
    return from.code === to.code && from.label === to.label
      ? `Status ${to.code} updated: ${to.label}.`
      : `Status changed from ${from.label} (code ${from.code}) to ${to.label} (code ${to.code}).`;
  },
  labelOf: (status: WatchedStatus) => describeTransferStatus(status).label,
};

/** The transfer page's live line: polling state, pause switch, announced status changes. */
export function TransferLiveStatus({
  refresh,
  announcement,
}: {
  refresh: LiveRefresh;
  announcement: string;
}) {
  return (
    <LiveStatus
      refresh={refresh}
      announcement={announcement}
      notLiveMessage="Final status: it will not move on by itself, so the page no longer refreshes it."
    />
  );
}
