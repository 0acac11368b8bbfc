import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/api-error.ts';

const MAX_RETRIES = 3;
/** A timed-out attempt already cost the user the whole upstream timeout: try once more only. */
const MAX_TIMEOUT_RETRIES = 1;
const MAX_BACKOFF_MS = 10_000;

/** Retry only what can get better by waiting: network trouble, 5xx and 429. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (!isApiError(error) || !error.retryable) return false;
  return failureCount < (error.kind === 'timeout' ? MAX_TIMEOUT_RETRIES : MAX_RETRIES);
}

/** Honour Retry-After when the server gave one, else back off exponentially. */
export function retryDelay(attempt: number, error: unknown): number {
  if (isApiError(error) && error.retryAfterMs !== undefined) return error.retryAfterMs;
  return Math.min(500 * 2 ** attempt, MAX_BACKOFF_MS);
}

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Registry state changes slowly; live pages poll explicitly with refetchInterval.
        staleTime: 30_000,
        gcTime: 10 * 60_000,
        retry: shouldRetry,
        retryDelay,
      },
    },
  });
}
