import type { Context } from 'hono';
import type * as z from 'zod/mini';
import type { ConsoleError } from '../console-error.ts';

/**
 * A request's JSON body checked against its contract schema, or the 400 ConsoleInvalidInput that
 * says what is wrong with it, followed by `example` (what to send instead).
 */
export async function readJsonBody<T>(
  c: Context,
  schema: z.ZodMiniType<T>,
  consoleError: ConsoleError,
  example: string,
): Promise<{ ok: true; body: T } | { ok: false; refused: Response }> {
  let json: unknown;
  try {
    json = JSON.parse(await c.req.text());
  } catch {
    return {
      ok: false,
      refused: consoleError(
        c,
        400,
        'ConsoleInvalidInput',
        `The request body is not JSON. ${example}`,
      ),
    };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, body: parsed.data };
  const problems = parsed.error.issues.map(describeIssue).join('; ');
  return {
    ok: false,
    refused: consoleError(c, 400, 'ConsoleInvalidInput', `${problems}. ${example}`),
  };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length === 0 ? 'the body' : issue.path.join('.');
  return `${where}: ${issue.message}`;
}
