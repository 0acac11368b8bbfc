import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ConsoleErrorBody, ConsoleErrorType } from '../src/contract/console-error.ts';
import type { ConsoleEnv } from './access-log.ts';
import type { Redactor } from './redact.ts';
import { JSON_CONTENT_TYPE } from './upstream-answer.ts';

export type ConsoleError = (
  c: Context,
  status: ContentfulStatusCode,
  type: ConsoleErrorType,
  message: string,
  extra?: Pick<ConsoleErrorBody, 'upstreamStatus' | 'upstreamExcerpt'>,
) => Response;

function requestIdOf(c: Context): Pick<ConsoleErrorBody, 'requestId'> {
  const requestId = (c as Context<ConsoleEnv>).get('requestId');
  return requestId ? { requestId } : {};
}

/**
 * Answers an error the console itself found, as the contract's console error body. The message
 * may quote what the client sent (a path, a value), so it is redacted like everything else.
 */
export function consoleErrors(redact: Redactor): ConsoleError {
  return (c, status, type, message, extra) => {
    const body: ConsoleErrorBody = {
      type,
      message: redact.text(message),
      source: 'console',
      ...extra,
      // Already redacted with the body it came from; again here, as everything that leaves is.
      ...(extra?.upstreamExcerpt === undefined
        ? {}
        : { upstreamExcerpt: redact.text(extra.upstreamExcerpt) }),
      // To quote when reporting the error (also the X-Request-Id header).
      ...requestIdOf(c),
    };
    c.header('Content-Type', JSON_CONTENT_TYPE);
    return c.body(JSON.stringify(body), status);
  };
}
