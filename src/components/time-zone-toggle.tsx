import { useTimeZone } from '../lib/use-time-zone.ts';

/** Local time or UTC for every timestamp on the page; kept in the URL as `?tz=`. */
export function TimeZoneToggle() {
  const [timeZone, choose] = useTimeZone();

  return (
    <fieldset className="flex items-center gap-1 text-sm">
      <legend className="sr-only">Show times in</legend>
      {(['local', 'utc'] as const).map((choice) => (
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
          {choice === 'utc' ? 'UTC' : 'Local time'}
        </label>
      ))}
    </fieldset>
  );
}
