import * as z from 'zod/mini';
import { ApiError } from './api-error.ts';
import {
  errorFromResponse,
  REQUEST_ID_HEADER,
  transportError,
  type GetOptions,
} from './http-client.ts';
import { timeSlices } from '../lib/yield-to-main.ts';

// Apart from http-client.ts, which every page loads: only the bulk view reads a stream.

export interface StreamOptions extends Omit<GetOptions, 'timeoutMs'> {
  /** The stream fails with a timeout when nothing arrives for this long (default 60 s). */
  idleTimeoutMs?: number;
}

/** How long a streamed answer may stay silent: the server's per-lookup deadline and waits fit. */
export const STREAM_IDLE_TIMEOUT_MS = 60_000;

/**
 * POST `body` as JSON and read the answer as NDJSON: `onLines` gets the lines of each chunk as
 * they arrive, each validated with `schema`. Resolves when the answer is complete; failures as
 * for postJson (an answer other than 2xx, a line that is not valid, the connection lost), and
 * a timeout when nothing arrives for `idleTimeoutMs`. Aborting `signal` rejects with its reason.
 */
export async function postNdjson<T extends z.ZodMiniType>(
  path: string,
  body: unknown,
  schema: T,
  onLines: (lines: z.infer<T>[]) => void,
  { signal, headers, idleTimeoutMs = STREAM_IDLE_TIMEOUT_MS }: StreamOptions = {},
): Promise<void> {
  const idle = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => idle.abort(), idleTimeoutMs);
  };
  const both = signal ? AbortSignal.any([signal, idle.signal]) : idle.signal;
  const transport = (error: unknown) => transportError(error, signal, idle.signal, idleTimeoutMs);
  arm();
  try {
    let response: Response;
    try {
      response = await fetch(path, {
        method: 'POST',
        headers: {
          ...headers,
          Accept: 'application/x-ndjson',
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body),
        signal: both,
      });
    } catch (error) {
      throw transport(error);
    }
    if (!response.ok || !response.body) {
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        throw transport(error);
      }
      throw errorFromResponse(response, text);
    }
    const requestId = response.headers.get(REQUEST_ID_HEADER) ?? undefined;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let rest = '';
    const parseLine = (line: string): z.infer<T> => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new ApiError({
          kind: 'bad-response',
          source: 'console',
          status: response.status,
          message: 'A line of the answer was not valid JSON.',
          body: line,
          requestId,
        });
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        throw new ApiError({
          kind: 'bad-response',
          source: 'console',
          status: response.status,
          message: 'A line of the answer did not have the expected shape.',
          issues: z.prettifyError(parsed.error),
          body: json,
          requestId,
        });
      }
      return parsed.data as z.infer<T>;
    };
    // A chunk may hold thousands of lines, and chunks already received are read without a new
    // task: the lines are checked in slices, with the browser's turn between them.
    const slices = timeSlices();
    for (;;) {
      let chunk: ReadableStreamReadResult<string>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw transport(error);
      }
      arm();
      if (chunk.done) break;
      const parts = (rest + chunk.value).split('\n');
      rest = parts.pop() ?? '';
      let lines: z.infer<T>[] = [];
      try {
        for (const part of parts) {
          if (part.trim() === '') continue;
          lines.push(parseLine(part));
          if (slices.due()) {
            onLines(lines);
            lines = [];
            await slices.next();
          }
        }
      } finally {
        // The lines before a bad one are still answers.
        if (lines.length > 0) onLines(lines);
      }
      if (slices.due()) await slices.next();
    }
    if (rest.trim() !== '') onLines([parseLine(rest)]);
  } finally {
    clearTimeout(timer);
  }
}
