import { processListSearch, type ProcessListQuery } from '../contract/process-list-search.ts';
import { getJson, type GetOptions } from './http-client.ts';
import { processListSchema } from './rtr-schemas.ts';

/*
 * Apart from rtr.ts: a module both the process page and the process list use is bundled into a
 * chunk they share, and with it everything it imports. Here, the list's query parser stays in
 * the list's own chunk (the process page is at the edge of its budget).
 */

/** One page of the process list; the query is the contract's, so the server accepts it as is. */
export function fetchProcessList(query: ProcessListQuery, options?: GetOptions) {
  const search = processListSearch(query);
  return getJson(`/api/rtr/v2/processes${search ? `?${search}` : ''}`, processListSchema, options);
}
