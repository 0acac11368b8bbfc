/**
 * Where times are shown: the viewer's own zone, UTC, or a named IANA zone
 * (`Europe/Amsterdam`), which a copied link carries so its reader sees the sender's times.
 */
export type TimeZoneChoice = 'local' | 'utc' | (string & {});

/**
 * en-GB gives an unambiguous day-month order and a 24-hour clock, which operations staff in
 * different countries read the same way; callers may still pass another locale.
 */
const DEFAULT_LOCALE = 'en-GB';

export interface FormatAbsoluteOptions {
  locale?: string;
  /**
   * IANA zone used for `'local'`. Defaults to the browser's own zone; tests pass one so the
   * output does not depend on the machine they run on.
   */
  localTimeZone?: string;
}

/**
 * "24 Nov 2026, 14:03:05 UTC", or in local time with the zone's short name ("… 15:03:05 CET").
 * The zone name is always shown so a copied timestamp cannot be misread. Text that is not a
 * date is returned verbatim: the page shows what the API sent rather than "Invalid Date".
 */
export function formatAbsolute(
  iso: string,
  tz: TimeZoneChoice,
  options: FormatAbsoluteOptions = {},
): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const locale = options.locale ?? DEFAULT_LOCALE;
  const timeZone = tz === 'utc' ? 'UTC' : tz === 'local' ? options.localTimeZone : tz;
  // Making a formatter costs far more than using one: a table of 5,000 rows reuses it.
  const key = `${locale}|${timeZone ?? ''}`;
  let format = absoluteFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
      timeZone,
    });
    if (absoluteFormats.size >= 32) absoluteFormats.clear();
    absoluteFormats.set(key, format);
  }
  return format.format(date);
}

const absoluteFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Makes `tz`'s formatter when the browser is idle. The first date format of a page sets up the
 * browser's locale data, 30-45 ms of one task: a page about to show many dates (the bulk
 * table) calls this ahead, so that work neither delays nor joins the work of its first rows.
 */
export function warmUpDateFormat(tz: TimeZoneChoice): void {
  const warm = () => void formatAbsolute(new Date(0).toISOString(), tz);
  if (typeof requestIdleCallback === 'function') requestIdleCallback(warm, { timeout: 2000 });
  else setTimeout(warm, 0);
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Below this, "3 seconds ago" is noise (clock skew between browser and API is about as big). */
const JUST_NOW_MS = 10 * SECOND;

/**
 * "3 hours ago", "in 2 days", "just now", using the largest unit whose rounded value is at
 * least 1. Numbers are always numeric ("1 day ago", never "yesterday"): 30 hours ago is
 * "1 day ago" but may be two calendar days back, and "yesterday" would be wrong. Returns ''
 * for text that is not a date, so callers can render it beside the verbatim value.
 */
export function formatRelative(iso: string, now: Date, locale: string = DEFAULT_LOCALE): string {
  const diff = new Date(iso).getTime() - now.getTime();
  if (Number.isNaN(diff)) return '';
  const abs = Math.abs(diff);
  if (abs < JUST_NOW_MS) return 'just now';

  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'always', style: 'long' });
  const sign = diff < 0 ? -1 : 1;
  const [value, unit] = pickRelativeUnit(abs);
  return format.format(sign * value, unit);
}

// Rounded values decide the unit, so 59.6 s becomes "1 minute", not "60 seconds".
function pickRelativeUnit(abs: number): [number, Intl.RelativeTimeFormatUnit] {
  const seconds = Math.round(abs / SECOND);
  if (seconds < 60) return [seconds, 'second'];
  const minutes = Math.round(abs / MINUTE);
  if (minutes < 60) return [minutes, 'minute'];
  const hours = Math.round(abs / HOUR);
  if (hours < 24) return [hours, 'hour'];
  const days = Math.round(abs / DAY);
  if (days < 7) return [days, 'day'];
  if (days < 30) return [Math.round(days / 7), 'week'];
  const months = Math.round(days / 30.4375);
  if (months < 12) return [months, 'month'];
  return [Math.max(1, Math.round(days / 365.25)), 'year'];
}

const MONTH = 30.4375 * DAY;
const YEAR = 365.25 * DAY;

/**
 * How long, as people say it: "45 s", "3 min", "2 h 5 min", "3 days 4 h", "2 months 5 days",
 * "1 year 3 months", "12 years". At most two units, the larger whole and the smaller rounded;
 * from two years on the years alone (nobody acts on "12 years 4 months"). Months and years
 * are average lengths: the result is for reading, not for date arithmetic. A negative
 * duration (an end before its start, e.g. clock skew upstream) keeps its sign so the oddity
 * stays visible. Non-finite input gives ''.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  if (ms < 0) {
    const positive = formatDuration(-ms);
    // A sub-second skew is not worth a minus sign.
    return positive === '0 s' || positive === '< 1 s' ? positive : `-${positive}`;
  }
  const seconds = Math.round(ms / SECOND);
  if (seconds === 0) return ms === 0 ? '0 s' : '< 1 s';
  if (seconds < 60) return `${seconds} s`;

  const minutes = Math.round(ms / MINUTE);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) return joinUnits(Math.floor(minutes / 60), 'h', minutes % 60, 'min');

  const hours = Math.round(ms / HOUR);
  if (hours < MONTH / HOUR) {
    const days = Math.floor(hours / 24);
    return joinUnits(days, plural(days, 'day'), hours % 24, 'h');
  }

  if (ms < YEAR) {
    let months = Math.floor(ms / MONTH);
    let days = Math.round((ms - months * MONTH) / DAY);
    if (days >= 30) [months, days] = [months + 1, 0];
    if (months < 12) return joinUnits(months, plural(months, 'month'), days, plural(days, 'day'));
  }

  const years = Math.floor(ms / YEAR);
  if (years >= 2) return `${years} years`;
  const months = Math.round((ms - YEAR) / MONTH);
  return months >= 12 ? '2 years' : joinUnits(1, 'year', months, plural(months, 'month'));
}

function plural(count: number, unit: string): string {
  return count === 1 ? unit : `${unit}s`;
}

function joinUnits(big: number, bigUnit: string, small: number, smallUnit: string): string {
  return small === 0 ? `${big} ${bigUnit}` : `${big} ${bigUnit} ${small} ${smallUnit}`;
}

/**
 * Reads `?tz=` leniently: `local` or `utc` in any case, or an IANA zone name that this
 * browser knows (returned in its canonical spelling; UTC's aliases read as `utc`). Anything
 * else is undefined, so the caller falls back to its default.
 */
export function parseTimeZoneChoice(value: string | null | undefined): TimeZoneChoice | undefined {
  const trimmed = value?.trim() ?? '';
  const lower = trimmed.toLowerCase();
  if (lower === 'local' || lower === 'utc') return lower;
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(trimmed)) return undefined;
  let canonical: string;
  try {
    canonical = new Intl.DateTimeFormat('en', { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  return isUtcZone(canonical) ? 'utc' : canonical;
}

/** The browser's own IANA zone, if it tells. */
export function browserTimeZone(): string | undefined {
  try {
    return new Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The zone a shared link should name so that its reader sees what the sender sees: the
 * sender's own IANA zone in place of "local" (UTC when the browser does not say).
 */
export function sharedTimeZone(choice: TimeZoneChoice, local = browserTimeZone()): string {
  if (choice !== 'local') return choice;
  return local && !isUtcZone(local) ? local : 'utc';
}

function isUtcZone(zone: string): boolean {
  return /^(Etc\/)?(UTC|UCT|GMT|Zulu|Universal|Greenwich)$/i.test(zone);
}
