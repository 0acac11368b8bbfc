import { formatAbsolute } from '../lib/time.ts';
import { useTimeZone } from '../lib/use-time-zone.ts';
import { describeError, type ErrorContext } from './describe-error.ts';

interface ErrorPanelProps extends ErrorContext {
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
}

/** Every failure gets a title, a plain explanation and, where it helps, the API's own words. */
export function ErrorPanel({ error, onRetry, retrying = false, ...context }: ErrorPanelProps) {
  const d = describeError(error, context);
  const [timeZone] = useTimeZone();
  return (
    <section
      role="alert"
      aria-labelledby="error-title"
      className="rounded-lg border border-red-300 bg-red-50 p-5 text-red-950"
    >
      <h2 id="error-title" className="text-lg font-semibold">
        {d.title}
      </h2>
      <p className="mt-2">{d.explanation}</p>
      {d.apiMessage && (
        <p className="mt-2 text-sm">
          The API said
          {d.errorType ? (
            <>
              {' '}
              (<code className="font-mono">{d.errorType}</code>)
            </>
          ) : null}
          : <q>{d.apiMessage}</q>
        </p>
      )}
      {d.maintenance && (
        <p className="mt-2 text-sm">
          Maintenance window:{' '}
          {d.maintenance.start ? formatAbsolute(d.maintenance.start, timeZone) : 'unknown start'} –{' '}
          {d.maintenance.end ? formatAbsolute(d.maintenance.end, timeZone) : 'unknown end'}
        </p>
      )}
      {d.issues && (
        <>
          <h3 className="mt-3 text-sm font-semibold">What did not match</h3>
          <pre className="mt-1 overflow-x-auto rounded bg-white p-2 font-mono text-xs whitespace-pre-wrap">
            {d.issues}
          </pre>
        </>
      )}
      {d.raw !== undefined && d.raw !== '' && (
        <details className="mt-3 text-sm" open={d.openRaw}>
          <summary className="cursor-pointer font-medium">Raw answer</summary>
          <pre className="mt-1 max-h-96 overflow-auto rounded bg-white p-2 font-mono text-xs">
            {typeof d.raw === 'string' ? d.raw : JSON.stringify(d.raw, null, 2)}
          </pre>
        </details>
      )}
      {d.canRetry && onRetry && (
        <button
          type="button"
          onClick={onRetry}
          disabled={retrying}
          className="mt-4 rounded bg-red-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-900 disabled:opacity-60"
        >
          {retrying ? 'Retrying…' : 'Retry'}
        </button>
      )}
    </section>
  );
}
