import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';
import { REQUEST_ID_HEADER } from '../src/contract/session.ts';
import type { ConsoleEnv } from './access-log.ts';
import { inRequestScope } from './log.ts';
import type { Redactor } from './redact.ts';

/** A valid incoming X-Request-Id is kept: 1 to 128 of letters, digits, `_`, `-` and `=`. */
export const REQUEST_ID_MAX_LENGTH = 128;

/**
 * First in the chain: every request gets an id (a valid incoming X-Request-Id, e.g. from a
 * reverse proxy, else a new UUID), answered as X-Request-Id, kept in `c.get('requestId')` and
 * in the log's request scope, so every line logged on its behalf carries it. An incoming id
 * that holds a secret (it is echoed and logged) is replaced like an invalid one.
 */
export function requestIds(redact: Redactor): MiddlewareHandler<ConsoleEnv> {
  const assign = requestId({
    headerName: REQUEST_ID_HEADER,
    limitLength: REQUEST_ID_MAX_LENGTH,
    generator: () => randomUUID(),
  });
  return (c, next) =>
    assign(c, () => {
      let id = c.get('requestId');
      if (redact.text(id) !== id) {
        id = randomUUID();
        c.set('requestId', id);
        c.header(REQUEST_ID_HEADER, id);
      }
      return inRequestScope(id, next);
    });
}
