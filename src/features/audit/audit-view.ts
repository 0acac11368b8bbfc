import type { AuditQuery } from '../../api/audit.ts';
import type { AuditKind } from '../../contract/audit.ts';
import { browserTimeZone, type TimeZoneChoice } from '../../lib/time.ts';

/** What the /audit URL says (the route validates each param; invalid ones read as absent). */
export interface AuditView {
  user?: string;
  /** Exact, or a prefix ending in `*`. */
  object?: string;
  kind?: AuditKind;
  /** Days (YYYY-MM-DD) in the page's time zone, both included. */
  from?: string;
  to?: string;
  /** 1-based. */
  page?: number;
}

export const PAGE_SIZE = 50;

/** The API query for a view: its days turned into instants in the chosen zone. */
export function toAuditQuery(view: AuditView, tz: TimeZoneChoice): AuditQuery {
  return {
    ...(view.user ? { user: view.user } : {}),
    ...(view.object ? { object: view.object } : {}),
    ...(view.kind ? { kind: view.kind } : {}),
    ...(view.from ? { from: dayStart(view.from, tz).toISOString() } : {}),
    ...(view.to
      ? { to: new Date(dayStart(nextDay(view.to), tz).getTime() - 1).toISOString() }
      : {}),
    limit: PAGE_SIZE,
    offset: ((view.page ?? 1) - 1) * PAGE_SIZE,
  };
}

/** The instant a day (YYYY-MM-DD) begins in a zone. */
export function dayStart(day: string, tz: TimeZoneChoice): Date {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  const midnightUtc = Date.UTC(y, m - 1, d);
  const zone = tz === 'utc' ? 'UTC' : tz === 'local' ? browserTimeZone() : tz;
  if (zone === undefined) return new Date(y, m - 1, d);
  // The zone's offset at an instant: its wall-clock time read as UTC, minus the instant.
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const offset = (t: number) => {
    const part = (type: string) =>
      Number(format.formatToParts(t).find((p) => p.type === type)?.value ?? 0);
    const wall = Date.UTC(
      part('year'),
      part('month') - 1,
      part('day'),
      part('hour'),
      part('minute'),
      part('second'),
    );
    return wall - Math.floor(t / 1000) * 1000;
  };
  // Twice: the first guess may sit on the other side of a daylight-saving change.
  const guess = midnightUtc - offset(midnightUtc);
  return new Date(midnightUtc - offset(guess));
}

function nextDay(day: string): string {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
