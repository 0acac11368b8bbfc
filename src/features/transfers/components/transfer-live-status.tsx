import { LiveStatus } from '../../../components/live-status.tsx';
import { describeTransferStatus } from '../lifecycle.ts';

type WatchedStatus = { status: number; description?: string };

interface TransferLiveStatusProps {
  status: WatchedStatus;
  /** Not final: the page refreshes it. */
  live: boolean;
  updatedAt: number;
  fetching: boolean;
  paused: boolean;
  onPausedChange: (paused: boolean) => void;
  onRefresh: () => void;
}

// Code 2 covers two statuses told apart by their description, so both make the key.
const keyOf = (status: WatchedStatus) => `${status.status}\n${status.description ?? ''}`;

function describeChange(previous: WatchedStatus, current: WatchedStatus) {
  const from = describeTransferStatus(previous);
  const to = describeTransferStatus(current);
  return from.code === to.code && from.label === to.label
    ? `Status ${to.code} updated: ${to.label}.`
    : `Status changed from ${from.label} (code ${from.code}) to ${to.label} (code ${to.code}).`;
}

/** The transfer page's live line: polling state, pause switch, announced status changes. */
export function TransferLiveStatus(props: TransferLiveStatusProps) {
  return (
    <LiveStatus
      {...props}
      keyOf={keyOf}
      describeChange={describeChange}
      notLiveMessage="Final status: it will not move on by itself, so the page no longer refreshes it."
    />
  );
}
