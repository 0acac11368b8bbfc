import type { FallbackProps } from 'react-error-boundary';

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
      <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-5">
        <h1 className="text-lg font-semibold text-red-900">{title}</h1>
        {detail && <p className="mt-2 text-sm text-red-900">{detail}</p>}
        <div className="mt-4 flex gap-3 text-sm">
          <button
            type="button"
            onClick={() => window.location.reload()}
            className="rounded bg-red-800 px-3 py-1.5 font-medium text-white hover:bg-red-900"
          >
            Reload
          </button>
          <a href="/" onClick={resetErrorBoundary} className="px-3 py-1.5 text-red-900 underline">
            Back to lookup
          </a>
        </div>
      </div>
    </div>
  );
}
