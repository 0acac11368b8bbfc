import { processListSearch, type ProcessListQuery } from '../contract/process-list-query.ts';
import { getJson, type GetOptions } from './http-client.ts';
import { processListSchema, processSchema } from './rtr-schemas.ts';

/** Paths mirror the upstream documentation behind the console's `/api/rtr` prefix. */
export function fetchProcess(processId: number, options?: GetOptions) {
  return getJson(`/api/rtr/v2/processes/${processId}`, processSchema, options);
}

/** One page of the process list; the query is the contract's, so the server accepts it as is. */
export function fetchProcessList(query: ProcessListQuery, options?: GetOptions) {
  const search = processListSearch(query);
  return getJson(`/api/rtr/v2/processes${search ? `?${search}` : ''}`, processListSchema, options);
}
