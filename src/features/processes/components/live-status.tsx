import { useEffect, useRef, useState } from 'react';
import { formatDuration } from '../../../lib/time.ts';
import { useNow } from '../../../lib/use-now.ts';
import { describeStatus } from '../lib/status.ts';

interface LiveStatusProps {
  status: string;
  live: boolean;
  updatedAt: number;
  fetching: boolean;
  paused: boolean;
  onPausedChange: (paused: boolean) => void;
  onRefresh: () => void;
}

/**
 * "Live · updated 12 s ago" with a pause switch while the process can still change; a status
 * change is announced to screen readers.
 */
export function LiveStatus(props: LiveStatusProps) {
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
      ) : describeStatus(status).final ? (
        <span>Final status: this process will not change any more.</span>
      ) : (
        // An undocumented status is not polled (nothing says it ever ends), but it is not
        // known to be final either: say so rather than promise that nothing will change.
        <span>
          Not refreshed automatically: this status is undocumented, so the console cannot tell
          whether the process will still change.
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

function useStatusChangeAnnouncement(status: string): string {
  const previous = useRef(status);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (previous.current === status) return;
    const from = describeStatus(previous.current).label;
    const to = describeStatus(status);
    previous.current = status;
    setAnnouncement(`Status changed from ${from} to ${to.label}. ${to.explanation}`);
  }, [status]);
  return announcement;
}
