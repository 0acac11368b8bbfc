import { browserTimeZone, type TimeZoneChoice } from './time.ts';

/*
 * Calendar days in a time zone, for date filters: a person picks "1 Nov 2026" meaning the day as
 * their clock shows it, and the API needs an instant. Intl knows every zone's offsets, so no
 * zone library is needed; a day starts at the first instant whose wall clock reads that date.
 */

const DAY_MS = 86_400_000;

/** The IANA zone a choice stands for (`local` is the browser's own, or `localTimeZone`). */
export function resolveZone(tz: TimeZoneChoice, localTimeZone = browserTimeZone()): string {
  if (tz === 'utc') return 'UTC';
  if (tz === 'local') return localTimeZone ?? 'UTC';
  return tz;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function wallClock(ms: number, zone: string) {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far the zone's wall clock is ahead of UTC at `ms`. */
function offsetMs(ms: number, zone: string): number {
  const w = wallClock(ms, zone);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wallAsUtc - Math.floor(ms / 1000) * 1000;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` → the instant that day starts in `zone`, as ISO-8601 in UTC (`…Z`). */
export function startOfDay(date: string, zone: string): string | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const midnightUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(midnightUtc)) return undefined;
  // Twice: the offset at the guessed instant may differ from the one at the answer (DST).
  const first = midnightUtc - offsetMs(midnightUtc, zone);
  const start = midnightUtc - offsetMs(first, zone);
  return toIso(start);
}

/** The calendar day `iso` falls on in `zone` (`YYYY-MM-DD`), or undefined for a non-date. */
export function dayOf(iso: string, zone: string): string | undefined {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  const w = wallClock(ms, zone);
  return `${String(w.year).padStart(4, '0')}-${pad(w.month)}-${pad(w.day)}`;
}

/** `YYYY-MM-DD` plus `days` (calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  const m = DATE.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + days * DAY_MS);
  return d.toISOString().slice(0, 10);
}

/** An instant as the API's ISO-8601 in UTC, without milliseconds when they are zero. */
export function toIso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

const pad = (n: number) => String(n).padStart(2, '0');
