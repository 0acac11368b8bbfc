import { useState } from 'react';
import { isApiError } from '../api/api-error.ts';
import { useUpdatedAgo, type LiveRefresh } from '../lib/use-live-refresh.ts';
import type { ErrorContext } from './describe-error.ts';
import { LazyErrorPanel } from './error-panel-lazy.tsx';
import { Alert } from './ui/alert.tsx';
import { Button } from './ui/button.tsx';

/**
 * A refresh failed, but the page has data: the data stays, and this says it may be out of
 * date. Its own words need no extra code, so it shows even when the server is unreachable; the
 * full explanation loads inside "What went wrong" (and says so if it cannot).
 */
export function RefreshFailedBanner({
  refresh,
  what,
  context,
}: {
  refresh: LiveRefresh;
  /** What may be out of date: "the data below", "the status above". */
  what: string;
  context: ErrorContext;
}) {
  const ago = useUpdatedAgo(refresh.updatedAt, refresh.failed);
  // The explanation's code is fetched only when asked for: the server may be the thing down.
  const [open, setOpen] = useState(false);
  if (!refresh.failed) return null;
  const reason = isApiError(refresh.error) ? refresh.error.message : String(refresh.error);
  return (
    <Alert tone="warning" role="alert" data-testid="refresh-failed">
      <p className="font-medium">
        The last refresh failed; {what} may be out of date (updated {ago}).
      </p>
      <p className="mt-1">{reason}</p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <Button size="sm" onClick={refresh.refresh} disabled={refresh.fetching}>
          {refresh.fetching ? 'Retrying…' : 'Retry now'}
        </Button>
      </div>
      <details className="mt-2" onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary className="cursor-pointer font-medium">What went wrong</summary>
        {open && (
          <div className="mt-2">
            <LazyErrorPanel {...context} error={refresh.error} />
          </div>
        )}
      </details>
    </Alert>
  );
}
