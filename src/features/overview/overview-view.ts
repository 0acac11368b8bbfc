import { WATCH_DEFAULT_LIMIT, type WatchQuery } from '../../contract/watch.ts';

/** `/transfers?…`: the API's filters and order, and `page` (1-based) instead of limit/offset. */
export const OVERVIEW_PAGE_SIZE = WATCH_DEFAULT_LIMIT;
/** Read by others on the page (the time zone toggle) or turned into limit/offset here. */
export const OVERVIEW_CONSOLE_PARAMS = ['page', 'tz'] as const;

export function pageOf(params: URLSearchParams): number {
  const raw = params.get('page') ?? '';
  return /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 1;
}

/** The API query of a page of the overview. */
export function toWatchQuery(query: WatchQuery, page: number): WatchQuery {
  return { ...query, limit: OVERVIEW_PAGE_SIZE, offset: (page - 1) * OVERVIEW_PAGE_SIZE };
}

/** The URL's search with `changes` applied (undefined removes); the page goes back to 1. */
export function withParams(search: string, changes: Record<string, string | undefined>): string {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === '') params.delete(key);
    else params.set(key, value);
  }
  if (!('page' in changes)) params.delete('page');
  const text = params.toString();
  return text ? `?${text}` : '';
}
