import { getJson, postJson, type GetOptions } from './http-client.ts';
import {
  WATCH_PATH,
  watchActionSchema,
  watchPageSchema,
  watchSearch,
  type WatchQuery,
} from '../contract/watch.ts';

/** One page of the overview (GET /api/watch; see src/contract/watch.ts). */
export function fetchWatchPage(query: WatchQuery, options?: GetOptions) {
  const search = watchSearch(query);
  return getJson(`${WATCH_PATH}${search ? `?${search}` : ''}`, watchPageSchema, options);
}

/** A person watches a pair again (`watch`) or stops watching it (`stop`). */
export function postWatchAction(
  accountNumber: string,
  domainName: string,
  action: 'watch' | 'stop',
  options?: GetOptions,
) {
  const path = `${WATCH_PATH}/${encodeURIComponent(accountNumber)}/${encodeURIComponent(domainName)}/${action}`;
  return postJson(path, {}, watchActionSchema, options);
}
