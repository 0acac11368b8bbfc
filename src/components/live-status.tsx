import { useEffect, useRef, useState, type ReactNode } from 'react';
import { formatDuration } from '../lib/time.ts';
import { useNow } from '../lib/use-now.ts';

export interface LiveStatusProps<T> {
  /** The status being watched; a change in `keyOf(status)` is announced. */
  status: T;
  keyOf: (status: T) => string;
  /** The words a screen reader hears when the status changes. */
  describeChange: (from: T, to: T) => string;
  /** Still moving: the page refreshes it. */
  live: boolean;
  /** What to say instead of "Live" when the page does not refresh it. */
  notLiveMessage: ReactNode;
  updatedAt: number;
  fetching: boolean;
  paused: boolean;
  onPausedChange: (paused: boolean) => void;
  onRefresh: () => void;
}

/**
 * "Live · updated 12 s ago" with a pause switch while the thing can still change, a refresh
 * button, and status changes announced to screen readers. Shared by the process and transfer
 * pages.
 */
export function LiveStatus<T>(props: LiveStatusProps<T>) {
  const { live, updatedAt, fetching, paused, onPausedChange, onRefresh } = props;
  const now = useNow(1000, live);
  const announcement = useChangeAnnouncement(props.status, props.keyOf, props.describeChange);
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
        <span>{props.notLiveMessage}</span>
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

function useChangeAnnouncement<T>(
  status: T,
  keyOf: (status: T) => string,
  describeChange: (from: T, to: T) => string,
): string {
  const key = keyOf(status);
  const previous = useRef({ key, status });
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (previous.current.key === key) return;
    const from = previous.current.status;
    previous.current = { key, status };
    setAnnouncement(describeChange(from, status));
  }, [key, status, describeChange]);
  return announcement;
}
