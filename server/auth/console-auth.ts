import { Hono, type Context, type Handler, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AuthMode, ConsoleUser, SessionInfo } from '../../src/contract/session.ts';
import { SIGN_IN_PATH, SIGN_OUT_PATH } from '../../src/contract/session.ts';
import type { ConsoleEnv } from '../access-log.ts';
import type { ConsoleError } from '../console-error.ts';
import { isOwnOrigin } from '../host-check.ts';
import { isApiRequest, rawPath } from '../request-path.ts';
import { consoleUser, isAllowed, type AccessPolicy } from './access-policy.ts';
import { LOCAL_USER } from './local-user.ts';
import { ProviderUnavailable, SignInRefused, type OidcClient } from './oidc-client.ts';
import {
  notAllowedPage,
  PAGE_CSS,
  PAGE_CSS_PATH,
  proxyRefusedPage,
  signedOutPage,
  signInFailedPage,
} from './pages.ts';
import { isPublicRequest } from './public-paths.ts';
import { safeReturnTo } from './return-to.ts';
import { TRANSACTION_MAX_AGE_S, transactionSetCookie, type CookieSealer } from './sealed-cookie.ts';
import { trustedProxyMatcher, type ProxyEntry } from './trusted-proxies.ts';

/*
 * Who is asking, for every request after the host and origin checks, before anything is
 * forwarded or recorded. Three parts, wired by server/app.ts in this order:
 *   routes        /auth/* (sign-in, its callback, sign-out, the pages around them): no session
 *   authenticate  sets c.var.user, or answers: /api → 401/403 console error; a page → 302 to
 *                 sign-in (oidc) or a 403 page; nothing behind it runs
 *   session       GET /api/session: the SessionInfo of src/contract/session.ts
 */

export interface ConsoleAuth {
  mode: AuthMode;
  routes: Hono<ConsoleEnv>;
  authenticate: MiddlewareHandler<ConsoleEnv>;
  session: Handler<ConsoleEnv>;
}

/** What createApp gives the auth it wires: the console's error answers and its log. */
export interface AuthDeps {
  consoleError: ConsoleError;
  log: (line: string) => void;
}

export type AuthFactory = (deps: AuthDeps) => ConsoleAuth;

/** The path under which the sign-in pages live. */
export const AUTH_PREFIX = '/auth';
export const CALLBACK_PATH = `${AUTH_PREFIX}/callback`;
export const SIGNED_OUT_PATH = `${AUTH_PREFIX}/signed-out`;

function sessionInfo(mode: AuthMode, user: ConsoleUser, canSignOut: boolean): SessionInfo {
  return { mode, user, canSignOut };
}

function sessionHandler(
  mode: AuthMode,
  canSignOut: boolean,
  consoleError: ConsoleError,
): Handler<ConsoleEnv> {
  return (c) => {
    const user = c.get('user');
    c.header('Cache-Control', 'no-store');
    // authenticate ran before: a user is always there. Fail closed if the wiring ever changes.
    if (!user) return consoleError(c, 401, 'ConsoleUnauthenticated', 'You are not signed in.');
    return c.json(sessionInfo(mode, user, canSignOut));
  };
}

/** Routes every mode has: the sign-in pages' stylesheet. */
function baseRoutes(): Hono<ConsoleEnv> {
  const routes = new Hono<ConsoleEnv>();
  routes.get(PAGE_CSS_PATH, (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', 'no-cache');
    return c.body(PAGE_CSS);
  });
  return routes;
}

/**
 * Without sign-in of the console's own (none, proxy), a link to sign-in (the SPA's "sign in
 * again") simply goes back where it was going: who is asking is settled on every request.
 */
function withoutSignIn(): Hono<ConsoleEnv> {
  const routes = baseRoutes();
  routes.get(SIGN_IN_PATH, (c) => c.redirect(safeReturnTo(c.req.query('returnTo')), 302));
  return routes;
}

/** AUTH_MODE=none: loopback only (checked at start), the one local operator. */
export const noAuth: AuthFactory = ({ consoleError }) => ({
  mode: 'none',
  routes: withoutSignIn(),
  authenticate: async (c, next) => {
    c.set('user', LOCAL_USER);
    await next();
  },
  session: sessionHandler('none', false, consoleError),
});

function forbidden(c: Context, consoleError: ConsoleError, message: string): Response {
  c.header('Cache-Control', 'no-store');
  return consoleError(c, 403, 'ConsoleForbidden', message);
}

function notAllowedMessage(email: string): string {
  return `${email} is not allowed to use this console (AUTH_ALLOWED_EMAILS / AUTH_ALLOWED_DOMAINS). Ask the people who run it to add the address or its domain.`;
}

export interface ProxyAuthOptions {
  /** AUTH_PROXY_HEADER, lower-case. */
  header: string;
  trustedProxies: readonly ProxyEntry[];
  access: AccessPolicy;
}

// One value, as a proxy writes it: no list (a header sent twice arrives joined by ", "), no
// spaces or control characters, not longer than an e-mail address can be.
const PROXY_USER = /^[\x21-\x2b\x2d-\x7e]{1,254}$/;
/** At most this many distinct refused peers are logged (a scan must not flood the log). */
const MAX_LOGGED_PEERS = 100;

/** The socket's remote address (@hono/node-server), never a header. */
function peerAddress(c: Context): string | undefined {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  return incoming?.socket?.remoteAddress;
}

/** AUTH_MODE=proxy: the user is what the trusted proxy says, on its connections only. */
export function proxyAuth(options: ProxyAuthOptions): AuthFactory {
  return ({ consoleError, log }) => {
    const trusted = trustedProxyMatcher(options.trustedProxies);
    const headerName = options.header;
    const loggedPeers = new Set<string>();
    const refuse = (c: Context, reason: string, page: string) =>
      isApiRequest(c) ? forbidden(c, consoleError, reason) : proxyRefusedPage(c, page);

    return {
      mode: 'proxy',
      routes: withoutSignIn(),
      authenticate: async (c, next) => {
        if (isPublicRequest(c)) return next();
        const peer = peerAddress(c);
        if (!peer || !trusted(peer)) {
          if (peer && loggedPeers.size < MAX_LOGGED_PEERS && !loggedPeers.has(peer)) {
            loggedPeers.add(peer);
            log(`auth: refused a request from ${peer}: not in TRUSTED_PROXIES`);
          }
          return refuse(
            c,
            'This request did not come through the console’s sign-in proxy (its address is not in TRUSTED_PROXIES).',
            'This request did not come through the console’s sign-in proxy.',
          );
        }
        const value = c.req.header(headerName)?.trim();
        if (!value || !PROXY_USER.test(value)) {
          return refuse(
            c,
            `The sign-in proxy did not name the user (one value in the ${headerName} header).`,
            'The sign-in proxy did not say who you are.',
          );
        }
        if (!isAllowed(options.access, value)) {
          return isApiRequest(c)
            ? forbidden(c, consoleError, notAllowedMessage(value))
            : notAllowedPage(c, value.toLowerCase(), false);
        }
        c.set('user', consoleUser(options.access, value));
        await next();
      },
      session: sessionHandler('proxy', false, consoleError),
    };
  };
}

/** A handler that answers on Node's own request and response (the development provider). */
export interface MountedNodeApp {
  /** e.g. `/dev-oidc`: every path under it. */
  prefix: string;
  handler: Handler<ConsoleEnv>;
}

export interface OidcAuthOptions {
  client: OidcClient;
  sealer: CookieSealer;
  access: AccessPolicy;
  /** PUBLIC_URL (or the console's own URL with the development provider). */
  publicOrigin: string;
  /**
   * PUBLIC_URL was not set (development provider): a sign-in started under another name of the
   * console (localhost vs 127.0.0.1) is moved to publicOrigin first, so its cookie is there
   * when the provider sends the browser back. Never with a configured PUBLIC_URL: behind a proxy
   * that rewrites Host that would loop.
   */
  canonicalizeSignIn?: boolean;
  sessionMaxAgeS: number;
  /** Mounted with the sign-in routes (before authenticate): the development provider. */
  mount?: MountedNodeApp;
}

const TRANSACTION_COOKIE_PREFIX = 'console_signin_';
const STATE_FORMAT = /^[A-Za-z0-9_-]{16,128}$/;

/** The request target as sent (path and query), for `returnTo`. */
function requestTarget(c: Context): string {
  const incoming = (c.env as { incoming?: { url?: string } } | undefined)?.incoming;
  if (incoming?.url?.startsWith('/')) return incoming.url;
  const url = new URL(c.req.url);
  return `${rawPath(c)}${url.search}`;
}

/**
 * Whether a POST comes from the console's own page. Browsers say so in Sec-Fetch-Site, which no
 * page can forge; under the console's `Referrer-Policy: no-referrer` they send `Origin: null` on
 * a same-origin POST, so an Origin of null counts only together with Sec-Fetch-Site:
 * same-origin. Without Fetch Metadata (older browsers, scripts) the Origin must be the console's.
 * Neither: refused.
 */
function isOwnPost(c: Context, publicOrigin: string): boolean {
  const origin = c.req.header('origin');
  const site = c.req.header('sec-fetch-site');
  const ownOrigin = (value: string) =>
    value === publicOrigin ||
    isOwnOrigin(value, c.req.header('host'), { allowedHosts: [], publicOrigin });
  if (site !== undefined) {
    return (
      site === 'same-origin' && (origin === undefined || origin === 'null' || ownOrigin(origin))
    );
  }
  return origin !== undefined && ownOrigin(origin);
}

/** AUTH_MODE=oidc: sign-in with the provider, the session in a sealed cookie. */
export function oidcAuth(options: OidcAuthOptions): AuthFactory {
  return ({ consoleError, log }) => {
    const { client, sealer, access, publicOrigin } = options;
    const secure = publicOrigin.startsWith('https:');
    // __Host-: only this origin, Path=/, Secure; browsers refuse the prefix over plain http.
    const sessionCookie = secure ? '__Host-console_session' : 'console_session';
    const cookieBase = { httpOnly: true, secure, sameSite: 'Lax' as const };
    const setSession = (c: Context, value: string) =>
      setCookie(c, sessionCookie, value, {
        ...cookieBase,
        path: '/',
        maxAge: options.sessionMaxAgeS,
      });
    const clearSession = (c: Context) =>
      deleteCookie(c, sessionCookie, { ...cookieBase, path: '/' });
    const transactionCookie = (state: string) => `${TRANSACTION_COOKIE_PREFIX}${state}`;
    const transactionOptions = { ...cookieBase, path: CALLBACK_PATH };

    const currentSession = async (c: Context) => {
      const value = getCookie(c, sessionCookie);
      if (value === undefined) return undefined;
      const claims = await sealer.openSession(value);
      // Tampered, expired, another secret's: gone, so the browser stops sending it.
      if (!claims) clearSession(c);
      return claims;
    };

    const routes = baseRoutes();
    if (options.mount) {
      routes.all(options.mount.prefix, options.mount.handler);
      routes.all(`${options.mount.prefix}/*`, options.mount.handler);
    }

    routes.get(SIGN_IN_PATH, async (c) => {
      const returnTo = safeReturnTo(c.req.query('returnTo'));
      if (options.canonicalizeSignIn && new URL(c.req.url).origin !== publicOrigin) {
        return c.redirect(`${publicOrigin}${requestTarget(c)}`, 302);
      }
      if (await currentSession(c)) return c.redirect(returnTo, 302);
      let started: Awaited<ReturnType<OidcClient['start']>>;
      try {
        started = await client.start();
      } catch (error) {
        log(`auth: sign-in could not start: ${String(error)}`);
        return signInFailedPage(
          c,
          503,
          'The sign-in provider cannot be reached right now, so you cannot sign in. Try again in a moment; if it persists, tell the people who run the console.',
          returnTo,
        );
      }
      c.header(
        'Set-Cookie',
        await transactionSetCookie(
          sealer,
          transactionCookie(started.checks.state),
          { ...started.checks, returnTo },
          { ...transactionOptions, maxAge: TRANSACTION_MAX_AGE_S },
        ),
        { append: true },
      );
      c.header('Cache-Control', 'no-store');
      return c.redirect(started.url.href, 302);
    });

    routes.get(CALLBACK_PATH, async (c) => {
      const state = c.req.query('state') ?? '';
      const cookieName = transactionCookie(state);
      const transaction = STATE_FORMAT.test(state)
        ? await sealer.openTransaction(getCookie(c, cookieName))
        : undefined;
      if (!transaction || transaction.state !== state) {
        return signInFailedPage(
          c,
          400,
          'This sign-in has expired or was started in another browser (or under another address of the console), so it cannot be completed. Start it again.',
        );
      }
      deleteCookie(c, cookieName, transactionOptions);
      const url = new URL(`${publicOrigin}${CALLBACK_PATH}${new URL(c.req.url).search}`);
      let identity: Awaited<ReturnType<OidcClient['finish']>>;
      try {
        identity = await client.finish(url, transaction);
      } catch (error) {
        if (error instanceof SignInRefused) {
          return signInFailedPage(
            c,
            403,
            `The sign-in provider did not sign you in (${error.message}).`,
            transaction.returnTo,
          );
        }
        log(`auth: sign-in callback failed: ${String(error)}`);
        return error instanceof ProviderUnavailable
          ? signInFailedPage(
              c,
              503,
              'The sign-in provider cannot be reached right now, so the sign-in could not be completed. Try again in a moment.',
              transaction.returnTo,
            )
          : signInFailedPage(
              c,
              400,
              'The sign-in provider’s answer could not be verified, so you are not signed in. Start again; if it persists, tell the people who run the console.',
              transaction.returnTo,
            );
      }
      if (!identity.email) {
        return signInFailedPage(
          c,
          403,
          'The sign-in provider did not tell the console your e-mail address (the email claim), so the console cannot tell whether you may use it.',
          transaction.returnTo,
        );
      }
      // An address the provider says it has not verified could be anyone's: refused. A provider
      // that does not say (no email_verified claim, e.g. some corporate directories) vouches for
      // its addresses itself; the allow-lists still apply.
      if (identity.emailVerified === false) {
        return signInFailedPage(
          c,
          403,
          `The sign-in provider has not verified the address ${identity.email}, so the console cannot accept it. Verify it with the provider, then sign in again.`,
          transaction.returnTo,
        );
      }
      setSession(
        c,
        await sealer.sealSession({ email: identity.email.toLowerCase(), name: identity.name }),
      );
      c.header('Cache-Control', 'no-store');
      // Not-allowed users are signed in too: the page they land on says who they are and why.
      return c.redirect(safeReturnTo(transaction.returnTo), 303);
    });

    routes.post(SIGN_OUT_PATH, async (c) => {
      if (!isOwnPost(c, publicOrigin)) {
        c.header('Cache-Control', 'no-store');
        return c.text(
          'Sign-out is accepted from the console’s own pages only (this request came from another site, or did not say where from).\n',
          403,
        );
      }
      clearSession(c);
      return c.redirect(SIGNED_OUT_PATH, 303);
    });
    routes.get(SIGNED_OUT_PATH, (c) => signedOutPage(c));

    const authenticate: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
      if (isPublicRequest(c)) return next();
      const claims = await currentSession(c);
      if (claims) {
        if (!isAllowed(access, claims.email)) {
          return isApiRequest(c)
            ? forbidden(c, consoleError, notAllowedMessage(claims.email))
            : notAllowedPage(c, claims.email, true);
        }
        c.set('user', consoleUser(access, claims.email, claims.name));
        return next();
      }
      c.header('Cache-Control', 'no-store');
      if (isApiRequest(c)) {
        return consoleError(
          c,
          401,
          'ConsoleUnauthenticated',
          'You are not signed in, or your sign-in has ended. Sign in again.',
        );
      }
      if (c.req.method === 'GET' || c.req.method === 'HEAD') {
        const returnTo = safeReturnTo(requestTarget(c));
        return c.redirect(`${SIGN_IN_PATH}?returnTo=${encodeURIComponent(returnTo)}`, 302);
      }
      return c.text('Sign in first.\n', 401);
    };

    return {
      mode: 'oidc',
      routes,
      authenticate,
      session: sessionHandler('oidc', true, consoleError),
    };
  };
}
