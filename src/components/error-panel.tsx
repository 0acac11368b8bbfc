import { formatAbsolute } from '../lib/time.ts';
import { useTimeZone } from '../lib/use-time-zone.ts';
import { describeError, type ErrorContext } from './describe-error.ts';
import { ErrorReference } from './error-reference.tsx';
import { Alert } from './ui/alert.tsx';
import { Button } from './ui/button.tsx';

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
    <Alert as="section" tone="danger" size="lg" role="alert" aria-labelledby="error-title">
      <h2 id="error-title" className="text-lg font-semibold">
        {d.title}
      </h2>
      <p className="mt-2">{d.explanation}</p>
      {d.note && <p className="mt-2 text-sm">{d.note}</p>}
      {d.apiMessage && (
        <p className="mt-2 text-sm">
          {d.speaker ?? 'The API said'}
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
          <pre className="mt-1 overflow-x-auto rounded bg-surface p-2 font-mono text-xs whitespace-pre-wrap">
            {d.issues}
          </pre>
        </>
      )}
      {d.raw !== undefined && d.raw !== '' && (
        <details className="mt-3 text-sm" open={d.openRaw}>
          <summary className="cursor-pointer font-medium">{d.rawLabel ?? 'Raw answer'}</summary>
          <pre className="mt-1 max-h-96 overflow-auto rounded bg-surface p-2 font-mono text-xs">
            {typeof d.raw === 'string' ? d.raw : JSON.stringify(d.raw, null, 2)}
          </pre>
        </details>
      )}
      <ErrorReference error={error} className="mt-3" />
      {d.canRetry && onRetry && (
        <Button variant="danger" onClick={onRetry} disabled={retrying} className="mt-4">
          {retrying ? 'Retrying…' : 'Retry'}
        </Button>
      )}
    </Alert>
  );
}
