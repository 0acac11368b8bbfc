import { isApiError } from '../../../api/api-error.ts';
import { ErrorReference } from '../../../components/error-reference.tsx';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';

/** A small inline error: the history is extra, so its failure never hides the status. */
export function HistoryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const reason = isApiError(error) ? error.message : String(error);
  return (
    <Alert as="div" role="alert" tone="danger" size="sm" className="mb-3">
      <p className="flex flex-wrap items-center gap-2">
        <span>The observed history could not be loaded. {reason}</span>
        <Button size="sm" onClick={onRetry}>
          Retry history
        </Button>
      </p>
      <ErrorReference error={error} />
    </Alert>
  );
}
