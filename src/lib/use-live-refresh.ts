import { useEffect, useRef, useState } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { formatDuration } from './time.ts';
import { useNow } from './use-now.ts';

/** What the live line, the "last refresh failed" banner and the page need to know. */
export interface LiveRefresh {
  /** Still moving: the page refreshes it every interval unless paused. */
  live: boolean;
  paused: boolean;
  setPaused: (paused: boolean) => void;
  /** When the data on screen arrived (ms since the epoch). */
  updatedAt: number;
  fetching: boolean;
  /** The last refresh failed after its retries: the data on screen may be out of date. */
  failed: boolean;
  /** A refresh is failing now, retries included: the page must not look live. */
  failing: boolean;
  error: unknown;
  refresh: () => void;
}

/**
 * Live refresh for a detail page: the polling interval (by the data's own status, off while
 * paused) and the state around it. Convention 2 stays: the component calls
 * `useQuery({ ...factory.detail(id), refetchInterval: live.refetchInterval })` itself, then
 * `live.watch(query)` gives the UI state.
 */
export function useLiveRefresh<T>({
  isLive,
  intervalMs,
}: {
  /** Whether data in this state can still change (and so is worth fetching again). */
  isLive: (data: T) => boolean;
  intervalMs: number;
}) {
  const [paused, setPaused] = useState(false);
  const refetchInterval = (query: { state: { data: T | undefined } }): number | false => {
    const data = query.state.data;
    return !paused && data !== undefined && isLive(data) ? intervalMs : false;
  };
  const watch = (query: UseQueryResult<T>): LiveRefresh => ({
    live: query.data !== undefined && isLive(query.data),
    paused,
    setPaused,
    updatedAt: query.dataUpdatedAt,
    fetching: query.isFetching,
    failed: query.isError && query.data !== undefined,
    failing: query.data !== undefined && (query.isError || query.failureCount > 0),
    error: query.error ?? query.failureReason,
    refresh: () => void query.refetch(),
  });
  return { refetchInterval, watch };
}

/** "just now", "12 s ago": the age of the data on screen, re-rendered every second while `active`. */
export function useUpdatedAgo(updatedAt: number, active: boolean): string {
  const now = useNow(1000, active);
  const age = Math.max(0, now.getTime() - updatedAt);
  return age < 2000 ? 'just now' : `${formatDuration(age)} ago`;
}

const TITLE_MARK = '● ';
/** How long a change stays in the tab title when the person was looking at the page anyway. */
const TITLE_WHILE_WATCHED_MS = 10_000;

export interface StatusChange {
  /** The words a screen reader hears (an aria-live region shows them). */
  announcement: string;
  /** Counts changes seen while watching: a new value restarts the highlight (use it as a key). */
  count: number;
}

/**
 * Notices a status change while the page is open: it is announced, counted (the page
 * highlights the status) and shown in the tab title ("● Completed · Process 1 · …") until the
 * person comes back to the tab.
 */
export function useStatusChange<T>(
  status: T,
  {
    keyOf,
    describeChange,
    labelOf,
  }: {
    keyOf: (status: T) => string;
    describeChange: (from: T, to: T) => string;
    /** A short name of the new status, for the tab title. */
    labelOf: (status: T) => string;
  },
): StatusChange {
  const key = keyOf(status);
  const previous = useRef({ key, status });
  const [change, setChange] = useState<StatusChange>({ announcement: '', count: 0 });
  // An object, so that the same label twice (A → B → A) still marks the title again.
  const [title, setTitle] = useState<{ label: string }>();

  useEffect(() => {
    if (previous.current.key === key) return;
    const from = previous.current.status;
    previous.current = { key, status };
    setChange((c) => ({ announcement: describeChange(from, status), count: c.count + 1 }));
    setTitle({ label: labelOf(status) });
  }, [key, status, describeChange, labelOf]);

  useEffect(() => {
    if (title === undefined) return;
    const unmarked = document.title.startsWith(TITLE_MARK)
      ? document.title.slice(document.title.indexOf(' · ') + 3)
      : document.title;
    document.title = `${TITLE_MARK}${title.label} · ${unmarked}`;
    const clear = () => {
      if (document.title.startsWith(TITLE_MARK)) document.title = unmarked;
    };
    const watched = document.visibilityState === 'visible' && document.hasFocus();
    const timer = watched ? window.setTimeout(clear, TITLE_WHILE_WATCHED_MS) : undefined;
    const onBack = () => {
      if (document.visibilityState === 'visible') clear();
    };
    window.addEventListener('focus', onBack);
    document.addEventListener('visibilitychange', onBack);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('focus', onBack);
      document.removeEventListener('visibilitychange', onBack);
      clear();
    };
  }, [title]);

  return change;
}
