import type { FallbackProps } from 'react-error-boundary';
import { Alert } from '../components/ui/alert.tsx';
import { Button } from '../components/ui/button.tsx';

/** Last line of defence: a bug or a failed chunk load shows a message, never a blank page. */
export function RouteError({ error, resetErrorBoundary }: FallbackProps) {
  const chunkFailed = error instanceof TypeError && /import|module/i.test(error.message);
  const title = chunkFailed ? 'This page could not be loaded' : 'Something went wrong on this page';
  const detail = chunkFailed
    ? 'The console may have been updated, or the connection dropped. Reload to try again.'
    : error instanceof Error
      ? error.message
      : undefined;
  return (
    <div className="mx-auto max-w-2xl px-4 py-10">
      <Alert role="alert" tone="danger" size="lg">
        <h1 className="text-lg font-semibold">{title}</h1>
        {detail && <p className="mt-2 text-sm">{detail}</p>}
        <div className="mt-4 flex items-center gap-3 text-sm">
          <Button variant="danger" onClick={() => window.location.reload()}>
            Reload
          </Button>
          <a href="/" onClick={resetErrorBoundary} className="px-3 py-1.5 underline">
            Back to lookup
          </a>
        </div>
      </Alert>
    </div>
  );
}
