import * as z from 'zod/mini';
import { ApiError, type ApiErrorKind } from './api-error.ts';
import { rtrErrorSchema } from './rtr-error-schema.ts';
import { hostwayFaultSchema } from './hostway-schemas.ts';
import { consoleErrorBodySchema, type ConsoleErrorType } from '../contract/console-error.ts';

// REQUEST_ID_HEADER of contract/session.ts, spelled out: importing that module would bring its
// schemas (and the zod code they need) into every page's first render.
export const REQUEST_ID_HEADER = 'X-Request-Id';

/** The browser gives up a little after the console server's own upstream timeout (15 s). */
export const CLIENT_TIMEOUT_MS = 20_000;

export interface GetOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Extra request headers (e.g. X-Console-Lookup for the audit trail). */
  headers?: Record<string, string>;
}

/**
 * GET a JSON resource from the console's own origin and validate it with `schema`.
 * Throws ApiError for every failure; has no UI side effects and no retries (React Query retries).
 */
export async function getJson<T extends z.ZodMiniType>(
  path: string,
  schema: T,
  options: GetOptions = {},
): Promise<z.infer<T>> {
  return (await requestJson(path, schema, options)).data;
}

/**
 * POST `body` as JSON to one of the console server's own endpoints and validate the answer
 * with `schema`; failures as for getJson. Only for requests that are safe to repeat (the
 * console's POSTs compute, they do not write), so React Query may retry them.
 */
export async function postJson<T extends z.ZodMiniType>(
  path: string,
  body: unknown,
  schema: T,
  options: GetOptions = {},
): Promise<z.infer<T>> {
  return (await requestJson(path, schema, { ...options, body: JSON.stringify(body) })).data;
}

/**
 * As getJson (or postJson, given a body), with the answer's headers: for endpoints that say
 * more in them.
 */
export async function requestJson<T extends z.ZodMiniType>(
  path: string,
  schema: T,
  options: SendOptions = {},
): Promise<{ data: z.infer<T>; headers: Headers }> {
  const sent = await send(path, options);
  const { response } = sent;
  const text = await readBody(sent, options.signal);

  if (!response.ok) throw errorFromResponse(response, text);

  const requestId = response.headers.get(REQUEST_ID_HEADER) ?? undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError({
      kind: 'bad-response',
      source: 'upstream',
      status: response.status,
      message: 'The answer was not valid JSON.',
      body: text,
      requestId,
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError({
      kind: 'bad-response',
      source: 'upstream',
      status: response.status,
      message: 'The answer did not have the expected shape.',
      issues: z.prettifyError(parsed.error),
      body: json,
      requestId,
    });
  }
  return { data: parsed.data as z.infer<T>, headers: response.headers };
}

export interface SendOptions extends GetOptions {
  /** A JSON text: sent as a POST. */
  body?: string;
}

async function send(
  path: string,
  { signal, timeoutMs = CLIENT_TIMEOUT_MS, body, headers }: SendOptions,
) {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(path, {
      ...(body === undefined
        ? { headers: { ...headers, Accept: 'application/json' } }
        : {
            method: 'POST',
            headers: { ...headers, Accept: 'application/json', 'Content-Type': 'application/json' },
            body,
          }),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    return { response, timeout, timeoutMs };
  } catch (error) {
    throw transportError(error, signal, timeout, timeoutMs);
  }
}

async function readBody(
  { response, timeout, timeoutMs }: Awaited<ReturnType<typeof send>>,
  signal: AbortSignal | undefined,
) {
  try {
    return await response.text();
  } catch (error) {
    throw transportError(error, signal, timeout, timeoutMs);
  }
}

export function transportError(
  error: unknown,
  signal: AbortSignal | undefined,
  timeout: AbortSignal,
  timeoutMs: number,
) {
  // A cancelled query is not a failure: let React Query see the abort as it is.
  if (signal?.aborted) return signal.reason ?? error;
  if (timeout.aborted) {
    return new ApiError({
      kind: 'timeout',
      source: 'browser',
      message: `The console server did not answer within ${Math.round(timeoutMs / 1000)} s.`,
    });
  }
  return new ApiError({
    kind: 'network',
    source: 'browser',
    message: 'The console server could not be reached. Check your connection.',
  });
}

// Any type is accepted: a page open across an upgrade may meet a type it does not know yet.
const consoleErrorSchema = z.object({ ...consoleErrorBodySchema.shape, type: z.string() });

// Types not listed take their kind from the HTTP status (400 and 405 invalid-input, 404
// not-found, 504 timeout, 503 and 500 upstream-error, 429 rate-limited, 421 invalid-input).
const CONSOLE_ERROR_KINDS: Record<string, ApiErrorKind> = {
  UpstreamUnreachable: 'network',
  UpstreamBadResponse: 'bad-response',
} satisfies Partial<Record<ConsoleErrorType, ApiErrorKind>>;

export function errorFromResponse(response: Response, text: string): ApiError {
  const status = response.status;
  const body = parseJsonOrText(text);
  const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));
  // The id to quote: the header is on every answer of the console; the body's, a fallback.
  let requestId = response.headers.get(REQUEST_ID_HEADER) ?? undefined;

  const consoleError = consoleErrorSchema.safeParse(body);
  if (consoleError.success) {
    const { type, message, upstreamStatus, upstreamExcerpt } = consoleError.data;
    requestId ??= consoleError.data.requestId;
    return new ApiError({
      // Refused upstream answers carry the upstream's status: a bare 404 (no body, no
      // Content-Type) is how RTR says an id does not exist.
      kind:
        upstreamStatus === 404
          ? 'not-found'
          : (CONSOLE_ERROR_KINDS[type] ?? kindFromStatus(status)),
      source: 'console',
      status,
      errorType: type,
      message,
      retryAfterMs,
      // For a refused answer, the start of what the upstream sent (redacted, as text).
      body: upstreamStatus === undefined ? body : upstreamExcerpt,
      requestId,
    });
  }

  const { errorType, message } = describeUpstreamError(body);
  // RTR reports an unknown id either as a bare 404 or as 400 ObjectDoesNotExist.
  const kind = errorType === 'ObjectDoesNotExist' ? 'not-found' : kindFromStatus(status);
  return new ApiError({
    kind,
    source: 'upstream',
    status,
    errorType,
    message: message ?? `The API answered HTTP ${status}.`,
    retryAfterMs,
    body,
    requestId,
  });
}

function describeUpstreamError(body: unknown): { errorType?: string; message?: string } {
  const rtr = rtrErrorSchema.safeParse(body);
  if (rtr.success) return { errorType: rtr.data.type, message: rtr.data.message };
  const fault = hostwayFaultSchema.safeParse(body);
  if (fault.success) {
    const [name, detail] = Object.entries(fault.data)[0] ?? [];
    if (name && detail) return { errorType: name, message: detail.message };
  }
  return {};
}

export function kindFromStatus(status: number): ApiErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status === 504) return 'timeout';
  if (status >= 400 && status < 500) return 'invalid-input';
  return 'upstream-error';
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function parseJsonOrText(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
