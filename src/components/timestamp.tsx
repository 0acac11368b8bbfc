import { formatAbsolute, formatRelative, type TimeZoneChoice } from '../lib/time.ts';

/** An API timestamp as `<time>`: absolute in the chosen zone, then relative ("3 h ago"). */
export function Timestamp({
  iso,
  timeZone,
  now,
}: {
  iso: string;
  timeZone: TimeZoneChoice;
  now: Date;
}) {
  const relative = formatRelative(iso, now);
  return (
    <span>
      <time dateTime={iso} title={iso}>
        {formatAbsolute(iso, timeZone)}
      </time>
      {relative && <span className="text-fg-muted"> ({relative})</span>}
    </span>
  );
}
