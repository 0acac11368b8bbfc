import { formatAbsolute, type TimeZoneChoice } from '../../../lib/time.ts';
import { whatHappensNext, type NextStepsInput } from '../next-steps.ts';
import { alertClass } from '../../../components/ui/alert.tsx';

/** "What happens next" in plain words: where it stands, when something is due, what to do. */
export function TransferNextSteps({
  status,
  now,
  timeZone,
}: {
  status: NextStepsInput;
  now: Date;
  timeZone: TimeZoneChoice;
}) {
  const next = whatHappensNext(status, now);
  const { due } = next;
  return (
    <div className="space-y-3 text-sm">
      <p className="text-base font-medium">{next.heading}</p>
      {next.paragraphs.map((text) => (
        <p key={text}>{text}</p>
      ))}
      {due && (
        <p
          data-testid="transfer-due"
          className={alertClass({ tone: due.overdue ? 'warning' : 'info' })}
        >
          <span className="font-semibold">
            {due.label}
            {due.typical && ' (a typical period, not documented by Hostway)'}:
          </span>{' '}
          <time dateTime={due.at.toISOString()}>
            {formatAbsolute(due.at.toISOString(), timeZone)}
          </time>{' '}
          ({due.relative})
        </p>
      )}
      {next.likelyCauses && next.likelyCauses.length > 0 && (
        <div>
          <h3 className="font-semibold">Likely causes</h3>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {next.likelyCauses.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </div>
      )}
      {next.whatToDo && next.whatToDo.length > 0 && (
        <div>
          <h3 className="font-semibold">What to do</h3>
          <ol className="mt-1 list-decimal space-y-1 pl-5">
            {next.whatToDo.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
