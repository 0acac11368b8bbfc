import type { ReactNode } from 'react';
import { useUpdatedAgo, type LiveRefresh } from '../lib/use-live-refresh.ts';
import { Button } from './ui/button.tsx';

export interface LiveStatusProps {
  refresh: LiveRefresh;
  /** What to say instead of "Live" when the page does not refresh it. */
  notLiveMessage: ReactNode;
  /** A status change, in words, for screen readers (see useStatusChange). */
  announcement: string;
}

/**
 * "Live · updated 12 s ago" with a pause switch while the thing can still change, a refresh
 * button, and status changes announced to screen readers. Shared by the process and transfer
 * pages. While refreshes fail it stops looking live: no pulse, and it says so.
 */
export function LiveStatus({ refresh, notLiveMessage, announcement }: LiveStatusProps) {
  const { live, paused, failing, fetching } = refresh;
  const ago = useUpdatedAgo(refresh.updatedAt, live);
  const state = paused ? 'paused' : failing ? 'failing' : 'live';

  return (
    <div className="flex flex-wrap items-center gap-3 text-sm text-fg-muted">
      {live ? (
        <>
          <span className="flex items-center gap-1.5">
            <span
              aria-hidden="true"
              data-testid="live-dot"
              data-state={state}
              className={`size-2 rounded-full ${
                state === 'live'
                  ? 'bg-progress motion-safe:animate-pulse'
                  : state === 'failing'
                    ? 'bg-danger'
                    : 'bg-neutral'
              }`}
            />
            {state === 'paused'
              ? 'Live updates paused'
              : state === 'failing'
                ? 'Refresh failing'
                : 'Live'}{' '}
            · updated {ago}
            {fetching && (failing ? ' · retrying…' : ' · refreshing…')}
          </span>
          <Button
            size="sm"
            role="switch"
            aria-checked={!paused}
            onClick={() => refresh.setPaused(!paused)}
          >
            Live updates: {paused ? 'off' : 'on'}
          </Button>
        </>
      ) : (
        <span>{notLiveMessage}</span>
      )}
      <Button size="sm" onClick={refresh.refresh} disabled={fetching}>
        Refresh now
      </Button>
      <p aria-live="polite" aria-atomic="true" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
