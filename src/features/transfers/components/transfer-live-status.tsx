import { useEffect, useRef, useState } from 'react';
import { formatDuration } from '../../../lib/time.ts';
import { useNow } from '../../../lib/use-now.ts';
import { describeTransferStatus } from '../lifecycle.ts';

interface TransferLiveStatusProps {
  status: { status: number; description?: string };
  /** Not final: the page refreshes it. */
  live: boolean;
  updatedAt: number;
  fetching: boolean;
  paused: boolean;
  onPausedChange: (paused: boolean) => void;
  onRefresh: () => void;
}

/**
 * "Live · updated 12 s ago" with a pause switch while the transfer can still move; a status
 * change is announced to screen readers.
 */
export function TransferLiveStatus(props: TransferLiveStatusProps) {
  const { status, live, updatedAt, fetching, paused, onPausedChange, onRefresh } = props;
  const now = useNow(1000, live);
  const announcement = useStatusChangeAnnouncement(status);
  const age = Math.max(0, now.getTime() - updatedAt);

  return (
    <div className="flex flex-wrap items-center gap-3 text-sm text-slate-700">
      {live ? (
        <>
          <span className="flex items-center gap-1.5">
            <span
              aria-hidden="true"
              className={`size-2 rounded-full ${paused ? 'bg-slate-400' : 'animate-pulse bg-blue-600'}`}
            />
            {paused ? 'Live updates paused' : 'Live'} · updated{' '}
            {age < 2000 ? 'just now' : `${formatDuration(age)} ago`}
            {fetching && ' · refreshing…'}
          </span>
          <button
            type="button"
            role="switch"
            aria-checked={!paused}
            onClick={() => onPausedChange(!paused)}
            className="rounded border border-slate-300 bg-white px-2 py-1 font-medium hover:bg-slate-100"
          >
            Live updates: {paused ? 'off' : 'on'}
          </button>
        </>
      ) : (
        <span>
          Final status: it will not move on by itself, so the page no longer refreshes it.
        </span>
      )}
      <button
        type="button"
        onClick={onRefresh}
        disabled={fetching}
        className="rounded border border-slate-300 bg-white px-2 py-1 font-medium hover:bg-slate-100 disabled:opacity-60"
      >
        Refresh now
      </button>
      <p aria-live="polite" aria-atomic="true" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}

function useStatusChangeAnnouncement(status: { status: number; description?: string }): string {
  const key = `${status.status}\n${status.description ?? ''}`;
  const previous = useRef({ key, status });
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (previous.current.key === key) return;
    const from = describeTransferStatus(previous.current.status);
    const to = describeTransferStatus(status);
    previous.current = { key, status };
    setAnnouncement(
      from.code === to.code && from.label === to.label
        ? `Status ${to.code} updated: ${to.label}.`
        : `Status changed from ${from.label} (code ${from.code}) to ${to.label} (code ${to.code}).`,
    );
  }, [key, status]);
  return announcement;
}
