import { getJson, type GetOptions } from './http-client.ts';
import { processSchema } from './rtr-schemas.ts';

/** Paths mirror the upstream documentation behind the console's `/api/rtr` prefix. */
export function fetchProcess(processId: number, options?: GetOptions) {
  return getJson(`/api/rtr/v2/processes/${processId}`, processSchema, options);
}
