import { getJson, type GetOptions } from './http-client.ts';
import { SESSION_PATH, sessionInfoSchema } from '../contract/session.ts';

/** Who the console server thinks is asking (GET /api/session). */
export function fetchSession(options?: GetOptions) {
  return getJson(SESSION_PATH, sessionInfoSchema, options);
}
