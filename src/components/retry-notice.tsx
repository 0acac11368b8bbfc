import { isApiError } from '../api/api-error.ts';

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
    <p
      role="status"
      className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
    >
      {why}
      {wait} Retrying automatically…
    </p>
  );
}
