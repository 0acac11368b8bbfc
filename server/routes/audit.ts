import type { Context } from 'hono';
import { z } from 'zod';
import {
  AUDIT_DEFAULT_LIMIT,
  AUDIT_MAX_LIMIT,
  AUDIT_PARAMS,
  AUDIT_PREFIX_MARK,
  auditKindSchema,
  type AuditPage,
} from '../../src/contract/audit.ts';
import type { ConsoleEnv } from '../access-log.ts';
import type { AuditFilter, AuditStore } from '../audit-trail.ts';
import type { ConsoleError } from '../console-error.ts';

const MAX_OFFSET = 10_000_000;
const DAY_MS = 24 * 3600 * 1000;

const whole = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a whole number from ${min} to ${max}`);

const dateOrDateTime = z.union([z.iso.datetime({ offset: true }), z.iso.date()], {
  error: 'must be an ISO-8601 date or date-time, e.g. 2026-12-01 or 2026-12-01T09:30:00Z',
});

/**
 * The query of `GET /api/audit`. Dates without a time are UTC days: `from=2026-12-01` starts at
 * its midnight, `to=2026-12-01` includes the whole day; a date-time `to` is inclusive too.
 * `object` is exact, or a prefix with a trailing `*` (`acct1/*`).
 */
const querySchema = z.object({
  user: z.string().min(1).max(320).optional(),
  object: z
    .string()
    .max(300)
    .regex(/^[^*]+\*?$/, `must be an object, optionally ending in ${AUDIT_PREFIX_MARK} (a prefix)`)
    .optional(),
  kind: z.enum(auditKindSchema.options).optional(),
  from: dateOrDateTime.optional(),
  to: dateOrDateTime.optional(),
  limit: whole(1, AUDIT_MAX_LIMIT).default(AUDIT_DEFAULT_LIMIT),
  offset: whole(0, MAX_OFFSET).default(0),
});

/** Validated query → the store's filter, or which parameter is wrong and why. */
export function parseAuditQuery(params: URLSearchParams): AuditFilter | { invalid: string } {
  const input: Record<string, string> = {};
  for (const [key, value] of params) {
    if (!(AUDIT_PARAMS as readonly string[]).includes(key)) {
      return {
        invalid: `The parameter ${JSON.stringify(bounded(key))} is not one of ${AUDIT_PARAMS.join(', ')}.`,
      };
    }
    if (key in input) return { invalid: `The parameter "${key}" is given more than once.` };
    input[key] = value;
  }
  const parsed = querySchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? '');
    const message =
      key === 'kind' ? `must be one of ${auditKindSchema.options.join(', ')}` : issue?.message;
    return {
      invalid: `The parameter "${key}" ${message} (got ${JSON.stringify(bounded(input[key] ?? ''))}).`,
    };
  }
  const { user, object, kind, from, to, limit, offset } = parsed.data;
  const start = from === undefined ? undefined : new Date(from);
  // Exclusive: the next day after a date, the next millisecond after a date-time.
  const end =
    to === undefined
      ? undefined
      : new Date(new Date(to).getTime() + (to.includes('T') ? 1 : DAY_MS));
  if (start && end && start >= end) {
    return { invalid: `The parameter "from" (${from}) is after "to" (${to}).` };
  }
  return {
    ...(user === undefined ? {} : { user }),
    ...(object === undefined
      ? {}
      : object.endsWith(AUDIT_PREFIX_MARK)
        ? { object: { value: object.slice(0, -1), prefix: true } }
        : { object: { value: object, prefix: false } }),
    ...(kind === undefined ? {} : { kind }),
    ...(start ? { from: start.toISOString() } : {}),
    ...(end ? { before: end.toISOString() } : {}),
    limit,
    offset,
  };
}

/**
 * `GET /api/audit`: the audit trail, for admins only (AUTH_ADMINS; the local operator under
 * AUTH_MODE=none). Answered from the database: it never reaches an upstream.
 */
export function auditRoute(audit: Pick<AuditStore, 'query'>, consoleError: ConsoleError) {
  return async (c: Context<ConsoleEnv>): Promise<Response> => {
    if (!c.get('user')?.admin) {
      return consoleError(
        c,
        403,
        'ConsoleForbidden',
        'Only admins may see the audit trail (AUTH_ADMINS lists them).',
      );
    }
    const filter = parseAuditQuery(new URL(c.req.url).searchParams);
    if ('invalid' in filter) return consoleError(c, 400, 'ConsoleInvalidInput', filter.invalid);
    const body: AuditPage = await audit.query(filter);
    return c.json(body, 200);
  };
}

function bounded(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}
