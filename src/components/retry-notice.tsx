import { isApiError } from '../api/api-error.ts';
import { Alert } from './ui/alert.tsx';

/** While React Query retries a failed request, say why the answer is taking longer. */
export function RetryNotice({ failureCount, reason }: { failureCount: number; reason: unknown }) {
  if (failureCount === 0 || !isApiError(reason)) return null;
  const wait =
    reason.retryAfterMs !== undefined
      ? ` The API asked to wait ${Math.ceil(reason.retryAfterMs / 1000)} s.`
      : '';
  const why =
    reason.kind === 'rate-limited'
      ? 'The API is limiting requests (HTTP 429).'
      : `Attempt ${failureCount} failed: ${reason.message}`;
  return (
    <Alert as="p" role="status" tone="warning">
      {why}
      {wait} Retrying automatically…
    </Alert>
  );
}
