import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { ErrorBoundary, type FallbackProps } from 'react-error-boundary';
import { countLoadFailure, forgetFailedLoads } from '../lib/retryable-load.ts';
import { PageLoading } from './page-loading.tsx';
import { Button } from './ui/button.tsx';

const MAX_AUTO_RETRY_MS = 30_000;

/**
 * A part of a page that loads its own code. While it loads, a spinner; if its code cannot be
 * fetched, a small note with Retry in its place (tried again by itself, backing off), never an
 * error that replaces the page around it.
 */
export function LazySection({
  label,
  fallback,
  children,
  failed,
}: {
  /** What is loading, for the spinner: "Loading money…". */
  label: string;
  /** Shown while loading instead of the spinner. */
  fallback?: ReactNode;
  children: ReactNode;
  /** Replaces the default "This section could not be loaded" when its code fails to load. */
  failed?: ReactNode;
}) {
  return (
    <ErrorBoundary
      fallbackRender={(props) => <SectionLoadError {...props}>{failed}</SectionLoadError>}
      onReset={forgetFailedLoads}
    >
      <Suspense fallback={fallback ?? <PageLoading label={label} />}>{children}</Suspense>
    </ErrorBoundary>
  );
}

function SectionLoadError({
  resetErrorBoundary,
  children,
}: FallbackProps & { children?: ReactNode }) {
  const [attempt] = useState(countLoadFailure);
  useEffect(() => {
    const timer = window.setTimeout(
      resetErrorBoundary,
      Math.min(2000 * 2 ** attempt, MAX_AUTO_RETRY_MS),
    );
    return () => window.clearTimeout(timer);
  }, [attempt, resetErrorBoundary]);
  return (
    <p
      role="status"
      className="flex flex-wrap items-center gap-2 text-sm text-fg-muted"
      data-testid="section-load-error"
    >
      <span>
        {children ?? 'This section could not be loaded (the connection may have dropped).'}
      </span>
      <Button size="sm" onClick={resetErrorBoundary}>
        Retry
      </Button>
    </p>
  );
}
