import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { isApiError } from '../../api/api-error.ts';
import { markSignedOut } from '../../lib/signed-out.ts';

/** The console's own "no valid session" (not an upstream's 401: that is a credentials problem). */
export function isSignedOutError(error: unknown): boolean {
  return isApiError(error) && error.status === 401 && error.errorType === 'ConsoleUnauthenticated';
}

/**
 * The session is gone: every request would be refused the same way. The page keeps what it
 * shows (and its URL); nothing polls, retries or starts again until the person signs in (which
 * reloads the page).
 */
export function stopForSignIn(queryClient: QueryClient): void {
  markSignedOut();
  const defaults = queryClient.getDefaultOptions();
  queryClient.setDefaultOptions({
    ...defaults,
    queries: { ...defaults.queries, enabled: false, retry: false },
  });
  for (const query of queryClient.getQueryCache().getAll()) {
    for (const observer of query.observers)
      observer.setOptions({ ...observer.options, enabled: false });
  }
  // Retries waiting for their turn stop; the data on screen stays (cancel reverts to it).
  void queryClient.cancelQueries();
}

/**
 * Watches every request of the page (queries, and the bulk view's fetchQuery calls): the first
 * answer 401 ConsoleUnauthenticated stops them all. Also looks at what failed before it started
 * (it is loaded after the page).
 */
export function useStopOnSignOut(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const cache = queryClient.getQueryCache();
    if (cache.getAll().some((query) => isSignedOutError(query.state.error))) {
      stopForSignIn(queryClient);
    }
    return cache.subscribe((event) => {
      if (
        event.type === 'updated' &&
        event.action.type === 'error' &&
        isSignedOutError(event.action.error)
      ) {
        stopForSignIn(queryClient);
      }
    });
  }, [queryClient]);
}
