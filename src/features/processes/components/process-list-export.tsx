import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ProcessListQuery } from '../../../contract/process-list-query.ts';
import { isApiError } from '../../../api/api-error.ts';
import { Alert } from '../../../components/ui/alert.tsx';
import { Button } from '../../../components/ui/button.tsx';
import { downloadText, toCsv } from '../../../lib/csv.ts';
import type { TimeZoneChoice } from '../../../lib/time.ts';
import { resolveZone } from '../../../lib/zoned-day.ts';
import {
  collectProcesses,
  EXPORT_MAX_ROWS,
  exportRows,
  type ExportOutcome,
  type ExportProgress,
  type ExportStart,
} from '../lib/process-export.ts';
import type { Process } from '../../../api/rtr-schemas.ts';

const UNMOUNTED = 'unmounted';

type State =
  | { kind: 'running'; progress: ExportProgress }
  | Exclude<ExportOutcome, { kind: 'done' }>
  | { kind: 'done'; rows: number; capped: boolean; total: number | undefined };

/**
 * The export of the current filter, started when this mounts: a progress bar, a cancel button
 * (no further page is requested), and after a failure the rows so far or a retry from there.
 */
export function ProcessListExport({
  query,
  timeZone,
  total,
  onClose,
}: {
  query: ProcessListQuery;
  timeZone: TimeZoneChoice;
  total: number | undefined;
  onClose: () => void;
}) {
  const id = useId();
  const expected = total === undefined ? undefined : Math.min(total, EXPORT_MAX_ROWS);
  const [run, setRun] = useState<{ start?: ExportStart; n: number }>({ n: 0 });
  const [state, setState] = useState<State>({ kind: 'running', progress: { rows: 0, expected } });
  const controller = useRef<AbortController>(undefined);

  const save = useCallback(
    (processes: readonly Process[]) =>
      downloadText(
        toCsv(exportRows(processes, timeZone, resolveZone(timeZone))),
        `processes-${new Date().toISOString().slice(0, 10)}.csv`,
      ),
    [timeZone],
  );

  useEffect(() => {
    const current = new AbortController();
    controller.current = current;
    void collectProcesses(query, {
      signal: current.signal,
      start: run.start,
      onProgress: (progress) => setState({ kind: 'running', progress }),
    }).then((outcome) => {
      if (current.signal.reason === UNMOUNTED) return;
      if (outcome.kind === 'done') {
        save(outcome.processes);
        setState({
          kind: 'done',
          rows: outcome.processes.length,
          capped: outcome.capped,
          total: outcome.total,
        });
      } else setState(outcome);
    });
    return () => current.abort(UNMOUNTED);
    // One export per run: a retry starts a new run; the query is the page's when it started.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run]);

  const retry = (start: ExportStart) => {
    setState({ kind: 'running', progress: { rows: start.processes.length, expected } });
    setRun({ start, n: run.n + 1 });
  };

  return (
    <Alert
      as="section"
      tone={state.kind === 'failed' ? 'danger' : 'info'}
      aria-labelledby={`${id}-title`}
      data-testid="process-export"
    >
      <h3 id={`${id}-title`} className="font-medium">
        Export CSV
      </h3>
      {state.kind === 'running' && (
        <div className="mt-2 space-y-2">
          <label htmlFor={`${id}-progress`} className="block">
            {state.progress.rows.toLocaleString('en')}
            {state.progress.expected !== undefined &&
              ` of ${state.progress.expected.toLocaleString('en')}`}{' '}
            rows fetched
          </label>
          <progress
            id={`${id}-progress`}
            className="w-full"
            max={state.progress.expected ?? undefined}
            value={state.progress.expected === undefined ? undefined : state.progress.rows}
          />
          <Button size="sm" onClick={() => controller.current?.abort('cancelled')}>
            Cancel export
          </Button>
        </div>
      )}
      {state.kind === 'done' && (
        <div className="mt-2 space-y-2">
          <p role="status">
            Downloaded {state.rows.toLocaleString('en')} rows.
            {state.capped &&
              ` The export stops at ${EXPORT_MAX_ROWS.toLocaleString('en')} rows${state.total === undefined ? '' : ` of ${state.total.toLocaleString('en')}`}: narrow the filter for the rest.`}
          </p>
          <Button size="sm" onClick={onClose}>
            Close
          </Button>
        </div>
      )}
      {state.kind === 'cancelled' && (
        <div className="mt-2 space-y-2">
          <p role="status">
            Export cancelled after {state.processes.length.toLocaleString('en')} rows; nothing more
            was requested.
          </p>
          <div className="flex flex-wrap gap-2">
            <RowsSoFar count={state.processes.length} onSave={() => save(state.processes)} />
            <Button size="sm" onClick={onClose}>
              Close
            </Button>
          </div>
        </div>
      )}
      {state.kind === 'failed' && (
        <div className="mt-2 space-y-2" role="alert">
          <p>
            The export stopped: the page from row {(state.resume.offset + 1).toLocaleString('en')}{' '}
            could not be fetched (
            {isApiError(state.error) ? state.error.message : String(state.error)}).
          </p>
          <div className="flex flex-wrap gap-2">
            <Button size="sm" variant="primary" onClick={() => retry(state.resume)}>
              Retry from row {(state.resume.offset + 1).toLocaleString('en')}
            </Button>
            <RowsSoFar count={state.processes.length} onSave={() => save(state.processes)} />
            <Button size="sm" onClick={onClose}>
              Close
            </Button>
          </div>
        </div>
      )}
    </Alert>
  );
}

/** After a cancel or a failed page: the rows fetched so far can still be saved. */
function RowsSoFar({ count, onSave }: { count: number; onSave: () => void }) {
  if (count === 0) return null;
  return (
    <Button size="sm" onClick={onSave}>
      Download the {count.toLocaleString('en')} rows so far
    </Button>
  );
}
