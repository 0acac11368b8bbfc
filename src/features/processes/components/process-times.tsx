import type { Process } from '../../../api/rtr-schemas.ts';
import { Timestamp } from '../../../components/timestamp.tsx';
import { formatDuration, type TimeZoneChoice } from '../../../lib/time.ts';
import { useNow } from '../../../lib/use-now.ts';
import { processDurations } from '../lib/process-facts.ts';

export function ProcessTimes({
  process,
  live,
  timeZone,
}: {
  process: Process;
  live: boolean;
  timeZone: TimeZoneChoice;
}) {
  const now = useNow(live ? 1000 : 60_000);
  const durations = processDurations(process, live, now);
  const rows: [string, string | undefined][] = [
    ['Created', process.createdDate],
    ['Started', process.startedDate],
    ['Updated', process.updatedDate],
  ];
  return (
    <>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
        {rows.map(([label, iso]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-fg-muted">{label}</dt>
            <dd>
              {iso ? (
                <Timestamp iso={iso} timeZone={timeZone} now={now} />
              ) : live ? (
                'not yet'
              ) : (
                // A finished process without the date: the answer lacks it, nothing is pending.
                'not in the answer'
              )}
            </dd>
          </div>
        ))}
      </dl>
      <ul className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm" aria-label="Durations">
        {durations.queued !== undefined && (
          <li>Waited {formatDuration(durations.queued)} before starting</li>
        )}
        {durations.runningFor !== undefined && (
          <li className="font-medium">Running for {formatDuration(durations.runningFor)}</li>
        )}
        {durations.finishedAfter !== undefined && (
          <li className="font-medium">Finished after {formatDuration(durations.finishedAfter)}</li>
        )}
      </ul>
    </>
  );
}
