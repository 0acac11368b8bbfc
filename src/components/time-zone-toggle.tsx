import { useTimeZone } from '../lib/use-time-zone.ts';

/**
 * Local time or UTC for every timestamp on the page; kept in the URL as `?tz=`. A link that
 * names another zone (a colleague's) adds that zone as a third choice, checked.
 */
export function TimeZoneToggle() {
  const [timeZone, choose] = useTimeZone();
  const choices = [
    'local',
    'utc',
    ...(timeZone === 'local' || timeZone === 'utc' ? [] : [timeZone]),
  ];

  return (
    <fieldset className="flex items-center gap-1 text-sm">
      <legend className="sr-only">Show times in</legend>
      {choices.map((choice) => (
        <label
          key={choice}
          className="cursor-pointer rounded border border-line-strong px-2 py-1 has-checked:border-accent has-checked:bg-accent has-checked:text-accent-fg has-focus-visible:outline-3 has-focus-visible:outline-focus"
        >
          <input
            type="radio"
            name="time-zone"
            value={choice}
            checked={timeZone === choice}
            onChange={() => choose(choice)}
            className="sr-only"
          />
          {choice === 'utc' ? 'UTC' : choice === 'local' ? 'Local time' : choice}
        </label>
      ))}
    </fieldset>
  );
}
