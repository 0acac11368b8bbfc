import type { MiddlewareHandler } from 'hono';
import type { AuditEntry, AuditKind } from '../src/contract/audit.ts';
import { BULK_LOOKUP, LOOKUP_KIND_HEADER } from '../src/contract/lookup-kind.ts';
import { REQUEST_ID_HEADER } from '../src/contract/session.ts';
import type { ConsoleEnv } from './access-log.ts';
import type { AuditStore } from './audit-trail.ts';
import type { ConsoleError } from './console-error.ts';
import { message } from './database.ts';
import type { ConsoleMetrics } from './metrics.ts';
import { isApiRequest, rawPath } from './request-path.ts';
import { matchApiRoute } from './routes/api.ts';

/** What is looked up is stored as sent, up to this many characters (a refused id may be long). */
export const MAX_OBJECT_LENGTH = 256;

/**
 * Records every lookup (GET on the process, transfer status and transfer history routes) in
 * the audit trail once its answer is known: who (the signed-in user), what, the upstream's
 * status or the console's error type, the status the browser got, and the request id.
 *
 * - Refused lookups (400 invalid input, 403, 429, 5xx …) are recorded too: an attempt to read
 *   customer data is worth knowing about even when it failed. Requests without a user (no
 *   session: answered 401 by the sign-in before they get here) are not: there is no one to
 *   record, and an anonymous client must not be able to fill the database.
 * - A failed write does not fail the lookup: it is logged and counted (auditWritesFailed), and
 *   a database that went read-only shows in /readyz. Failing closed would turn a full disk into
 *   an outage of every lookup, and the answer has been computed (and the upstream asked) by the
 *   time it could be recorded, so refusing it then would protect nothing.
 * - `X-Console-Lookup: bulk` (the bulk view's transfer lookups) marks the kind `bulk`; any other
 *   value is refused 400 before anything is forwarded.
 * - A bulk request (`POST /api/transfers/:account/lookups`) is one `bulk` entry whose object is
 *   `account/` and the registrable domains it asked for, comma-separated (cut at
 *   MAX_OBJECT_LENGTH), recorded when its answer starts: each line's status is in the history.
 */
export function auditLookups(options: {
  audit: Pick<AuditStore, 'record'>;
  consoleError: ConsoleError;
  metrics: ConsoleMetrics;
  log: (line: string) => void;
  now?: () => Date;
}): MiddlewareHandler<ConsoleEnv> {
  const { audit, consoleError, metrics, log } = options;
  const now = options.now ?? (() => new Date());

  return async (c, next) => {
    if (!isApiRequest(c)) return next();
    const route = matchApiRoute(rawPath(c));
    if (
      !route ||
      route.api === 'domain-names' ||
      route.api === 'audit' ||
      route.api === 'deliveries'
    ) {
      return next();
    }
    // A bulk request is one entry: its object is the account and the domains it asked for.
    const bulkRequest = route.api === 'bulk-lookups';
    if (c.req.method !== (bulkRequest ? 'POST' : 'GET')) return next();

    const mark = c.req.header(LOOKUP_KIND_HEADER);
    let refused: Response | undefined;
    if (!bulkRequest && mark !== undefined && mark !== BULK_LOOKUP) {
      refused = consoleError(
        c,
        400,
        'ConsoleInvalidInput',
        `The ${LOOKUP_KIND_HEADER} header may only be "${BULK_LOOKUP}" (or absent).`,
      );
    } else {
      await next();
    }

    const user = c.get('user');
    if (!user) return refused;
    const kind: AuditKind =
      route.api === 'rtr-list'
        ? 'search'
        : route.api === 'rtr'
          ? 'process'
          : route.api === 'history'
            ? 'history'
            : bulkRequest || mark === BULK_LOOKUP
              ? 'bulk'
              : 'transfer';
    const object =
      route.api === 'rtr-list'
        ? new URL(c.req.url).search.slice(1)
        : route.api === 'rtr'
          ? route.processId
          : route.api === 'bulk-lookups'
            ? (c.get('lookupObject') ?? `${route.accountNumber}/`)
            : `${route.accountNumber}/${route.domainName}`;
    const response = refused ?? c.res;
    const entry: AuditEntry = {
      at: now().toISOString(),
      user: user.email,
      kind,
      object: object.length > MAX_OBJECT_LENGTH ? `${object.slice(0, MAX_OBJECT_LENGTH)}…` : object,
      status: response.status,
      ...(await outcome(response, c.get('upstreamStatus'), c.get('upstreamMs') !== undefined)),
    };
    // Set by the request-id middleware when there is one (read defensively until then).
    const requestId =
      (c.get('requestId') as string | undefined) ?? response.headers.get(REQUEST_ID_HEADER);
    if (requestId) entry.requestId = requestId;

    try {
      await audit.record(entry);
    } catch (error) {
      metrics.auditWritesFailed.inc();
      const code = (error as { code?: unknown }).code;
      log(
        `audit entry not recorded (${entry.user} ${entry.kind} ${entry.object} ${entry.status}): ${message(error)}${typeof code === 'string' ? ` (${code})` : ''}`,
      );
    }
    return refused;
  };
}

/**
 * The upstream's status and the console's error type, from what the route left: the status the
 * proxy set (`upstreamStatus`), else read off the answer: a console error body says its type
 * (and the upstream status it refused); any other answer of a forwarded request (`upstreamMs`
 * set) is the upstream's own, relayed with its status.
 */
async function outcome(
  response: Response,
  upstreamStatus: number | undefined,
  forwarded: boolean,
): Promise<Pick<AuditEntry, 'upstreamStatus' | 'errorType'>> {
  let errorType: string | undefined;
  let refusedStatus: number | undefined;
  let consoleAnswered = false;
  if (response.status >= 400 && response.body) {
    try {
      const body = JSON.parse(await response.clone().text()) as Record<string, unknown>;
      if (body.source === 'console' && typeof body.type === 'string') {
        consoleAnswered = true;
        errorType = body.type;
        if (typeof body.upstreamStatus === 'number') refusedStatus = body.upstreamStatus;
      }
    } catch {
      // Not JSON: an upstream's own error, relayed.
    }
  }
  // 499: the browser went away before the upstream answered.
  const relayed =
    forwarded && !consoleAnswered && response.status !== 499 ? response.status : undefined;
  const status = upstreamStatus ?? refusedStatus ?? relayed;
  return {
    ...(status === undefined ? {} : { upstreamStatus: status }),
    ...(errorType === undefined ? {} : { errorType }),
  };
}
