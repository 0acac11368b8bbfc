import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type * as z from 'zod/mini';
import type { ConsoleError } from '../console-error.ts';

export type JsonBody<T> = { ok: true; body: T } | { ok: false; refused: Response };

/**
 * Reads a POST's JSON body against its contract schema: refused with 415 when it is not sent as
 * application/json, 413 over `maxBytes`, and 400 ConsoleInvalidInput saying what is wrong with
 * it, followed by `example` (what to send instead).
 */
export function jsonBodyReader<T>(options: {
  schema: z.ZodMiniType<T>;
  maxBytes: number;
  example: string;
  consoleError: ConsoleError;
}): (c: Context) => Promise<JsonBody<T>> {
  const { schema, maxBytes, example, consoleError } = options;
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      consoleError(
        c,
        413,
        'ConsolePayloadTooLarge',
        `The request body is larger than ${maxBytes / 1_000_000} MB: send the names in smaller batches.`,
      ),
  });
  const invalid = (c: Context, why: string): JsonBody<T> => ({
    ok: false,
    refused: consoleError(c, 400, 'ConsoleInvalidInput', `${why} ${example}`),
  });
  const parse = async (c: Context): Promise<JsonBody<T>> => {
    let json: unknown;
    try {
      json = JSON.parse(await c.req.text());
    } catch {
      return invalid(c, 'The request body is not JSON.');
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return { ok: true, body: parsed.data };
    return invalid(c, `${parsed.error.issues.map(describeIssue).join('; ')}.`);
  };

  return async (c) => {
    const mediaType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (mediaType !== 'application/json') {
      const got = mediaType ? JSON.stringify(mediaType) : 'none';
      return {
        ok: false,
        refused: consoleError(
          c,
          415,
          'ConsoleUnsupportedMediaType',
          `The request body must be JSON, sent with Content-Type: application/json (got ${got}).`,
        ),
      };
    }
    let read: JsonBody<T> | undefined;
    // bodyLimit answers 413 itself (and skips the callback) once the body is over the limit.
    const tooLarge = await limit(c, async () => {
      read = await parse(c);
    });
    return tooLarge ? { ok: false, refused: tooLarge } : read!;
  };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length === 0 ? 'the body' : issue.path.join('.');
  return `${where}: ${issue.message}`;
}
