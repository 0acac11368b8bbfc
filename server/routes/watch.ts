import type { Context, MiddlewareHandler } from 'hono';
import { REQUEST_ID_HEADER } from '../../src/contract/session.ts';
import { parseWatchQuery, WATCH_PATH, type WatchAction } from '../../src/contract/watch.ts';
import type { ConsoleEnv } from '../access-log.ts';
import type { AuditStore } from '../audit-trail.ts';
import type { ConsoleError } from '../console-error.ts';
import { message } from '../database.ts';
import { isOwnOrigin, type HostPolicy } from '../host-check.ts';
import { rawPath } from '../request-path.ts';
import type { WatchStore } from '../transfer-watch.ts';
import { validateAccount, validateDomain } from '../validation.ts';

export interface WatchRoutesOptions {
  watch: Pick<WatchStore, 'query' | 'setWatching'>;
  /** Where a person's watch / stop-watching is recorded; without one, it is not. */
  audit?: Pick<AuditStore, 'record'>;
  hosts: HostPolicy;
  consoleError: ConsoleError;
  log: (line: string) => void;
  now?: () => Date;
}

/**
 * The overview's API: `GET /api/watch` (the list, see src/contract/watch.ts) and
 * `POST /api/watch/:accountNumber/:domainName/watch|stop`. Other paths go to `next`.
 */
export function watchRoutes(options: WatchRoutesOptions): MiddlewareHandler<ConsoleEnv> {
  const { watch, audit, hosts, consoleError, log } = options;
  const now = options.now ?? (() => new Date());

  const list = async (c: Context<ConsoleEnv>) => {
    const parsed = parseWatchQuery(new URL(c.req.url).searchParams);
    if (!parsed.ok) return consoleError(c, 400, 'ConsoleInvalidInput', parsed.message);
    return c.json(await watch.query(parsed.query, now()), 200);
  };

  const act = async (
    c: Context<ConsoleEnv>,
    accountNumber: string,
    domainName: string,
    action: 'watch' | 'stop',
  ) => {
    const refused = notOwnPage(c, hosts);
    if (refused) {
      return consoleError(
        c,
        403,
        'ConsoleForbiddenOrigin',
        `Watching and stopping are only accepted from the console's own page; this request was refused because ${refused}.`,
      );
    }
    const invalid = validateAccount(accountNumber) ?? validateDomain(domainName);
    if (invalid) return consoleError(c, 400, 'ConsoleInvalidInput', invalid);
    const user = c.get('user')?.email ?? 'local';
    const at = now();
    const row = await watch.setWatching(accountNumber, domainName, action === 'watch', user, at);
    const response = row
      ? c.json({ accountNumber, domainName, state: row.state } satisfies WatchAction, 200)
      : consoleError(
          c,
          404,
          'ConsoleNotFound',
          `The console has recorded no transfer status for ${accountNumber}/${domainName}: look it up first.`,
        );
    if (audit && c.get('user')) {
      const requestId =
        (c.get('requestId') as string | undefined) ?? response.headers.get(REQUEST_ID_HEADER);
      try {
        await audit.record({
          at: at.toISOString(),
          user,
          kind: action === 'watch' ? 'watch' : 'unwatch',
          object: `${accountNumber}/${domainName}`,
          status: response.status,
          ...(row ? {} : { errorType: 'ConsoleNotFound' }),
          ...(requestId ? { requestId } : {}),
        });
      } catch (error) {
        log(
          `audit entry not recorded (${user} ${action} ${accountNumber}/${domainName}): ${message(error)}`,
        );
      }
    }
    return response;
  };

  return async (c, next) => {
    const path = rawPath(c);
    if (path !== WATCH_PATH && !path.startsWith(`${WATCH_PATH}/`)) return next();
    // The console's records of customer transfers: kept out of caches.
    c.header('Cache-Control', 'no-store');
    if (path === WATCH_PATH) {
      if (c.req.method === 'GET') return list(c);
      c.header('Allow', 'GET');
      return consoleError(
        c,
        405,
        'ConsoleMethodNotAllowed',
        `${c.req.method} is not allowed on ${path}.`,
      );
    }
    const s = path.slice(WATCH_PATH.length + 1).split('/');
    const [accountNumber = '', domainName = '', action = ''] = s;
    if (s.length !== 3 || (action !== 'watch' && action !== 'stop')) {
      return consoleError(c, 404, 'ConsoleNotFound', `The console has no API route ${path}.`);
    }
    if (c.req.method !== 'POST') {
      c.header('Allow', 'POST');
      return consoleError(
        c,
        405,
        'ConsoleMethodNotAllowed',
        `${c.req.method} is not allowed on ${path}: send POST.`,
      );
    }
    return act(c, accountNumber, domainName, action);
  };
}

/**
 * Why a POST is not from the console's own page, or undefined when it is (as sign-out decides):
 * `Sec-Fetch-Site: same-origin` (with no Origin, `null` under no-referrer, or the console's), or
 * without Fetch Metadata the console's Origin. A script must send the console's Origin.
 */
export function notOwnPage(c: Context, hosts: HostPolicy): string | undefined {
  const origin = c.req.header('origin');
  const site = c.req.header('sec-fetch-site');
  const own = (value: string) => isOwnOrigin(value, c.req.header('host'), hosts);
  if (site !== undefined) {
    if (site !== 'same-origin')
      return `it was sent by a page of another site (Sec-Fetch-Site: ${site})`;
    if (origin !== undefined && origin !== 'null' && !own(origin)) {
      return `it was sent by a page of another origin (${origin})`;
    }
    return undefined;
  }
  if (origin === undefined) return 'it has neither Sec-Fetch-Site nor Origin';
  return own(origin) ? undefined : `it was sent by a page of another origin (${origin})`;
}
