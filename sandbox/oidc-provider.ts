/**
 * The sandbox's development OpenID provider: panva's oidc-provider (the certified reference
 * implementation) with the test users of `oidc-users.ts`, our own sign-in page, consent granted
 * automatically to the registered clients, and keys made at start. For `AUTH_MODE=oidc` with no
 * `OIDC_ISSUER_URL` while both APIs are the sandbox, and for the tests; never in front of real data.
 *
 * Two ways to run it:
 *
 * - **Mounted** on the console's own server (recommended for the console: the provider is then
 *   reachable wherever the console is, e.g. from another host through `PUBLIC_URL`):
 *   `createDevOidcProvider({ issuer: `${PUBLIC_URL}/dev-oidc`, clients })` and hand every request
 *   whose path `handles()` (here `/dev-oidc` and below) to `callback`, unmodified (the path
 *   prefix included; do not strip it). The issuer must be known before the provider is made: on
 *   port 0, listen first and create the provider in the listen callback (requests for its path
 *   before then can answer 503).
 * - **Standalone** on its own loopback port: `startDevOidcProvider({ clients })`; the issuer is
 *   `http://127.0.0.1:<port><path>`, computed after listening, so port 0 works. Good for tests and
 *   a console reached only from this machine.
 *
 * Every URL the provider advertises (discovery, redirects, cookies' paths) follows the issuer, not
 * the Host header a request came with, so a back-channel call over loopback to a provider whose
 * issuer is a public name still gets the public endpoints.
 */
import { generateKeyPair, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import Provider, { errors, type Account, type Grant, type OidcContext } from 'oidc-provider';
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';
import { z } from 'zod';
import {
  pageCsp,
  renderLoginPage,
  renderLogoutPage,
  renderLogoutSuccessPage,
  renderMessagePage,
} from './oidc-pages.ts';
import {
  DEV_OIDC_USERS,
  authenticateDevOidcUser,
  devOidcClaims,
  findDevOidcUserBySub,
} from './oidc-users.ts';

export { DEV_OIDC_USERS, type DevOidcUser } from './oidc-users.ts';

/** The scopes the provider grants (and the only ones it knows). */
export const DEV_OIDC_SCOPES = ['openid', 'email', 'profile'] as const;

/** Where the interaction pages live, below the issuer: `${issuer}/interaction/<uid>`. */
export const DEV_OIDC_INTERACTION_PATH = '/interaction';

const httpUrl = z.url({ protocol: /^https?$/ });

export const devOidcClientSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  redirectUris: z.array(httpUrl).min(1),
  postLogoutRedirectUris: z.array(httpUrl).optional(),
  /**
   * How the client authenticates at the token endpoint. Default `client_secret_post`, which is
   * what openid-client 6 does when given a client secret string.
   */
  tokenEndpointAuthMethod: z.enum(['client_secret_post', 'client_secret_basic']).optional(),
});
export type DevOidcClient = z.input<typeof devOidcClientSchema>;

export const createDevOidcProviderOptionsSchema = z.object({
  /**
   * The issuer identifier, a full URL; its path (e.g. `/dev-oidc`) is where the provider is
   * mounted. No query, no fragment, no trailing slash.
   */
  issuer: httpUrl.refine((s) => {
    const u = new URL(s);
    return !u.search && !u.hash && !s.endsWith('/') && !s.includes('?') && !s.includes('#');
  }, 'the issuer must be an http(s) URL with no query, fragment or trailing slash'),
  clients: z.array(devOidcClientSchema).min(1),
});
export type CreateDevOidcProviderOptions = z.input<typeof createDevOidcProviderOptionsSchema>;

export interface DevOidcProvider {
  /** The issuer identifier, as given. */
  issuer: string;
  /** The issuer's path, `''` at the root of its origin, else e.g. `/dev-oidc`. */
  mountPath: string;
  /** True when a request target (`req.url`) belongs to the provider (is under `mountPath`). */
  handles(url: string): boolean;
  /**
   * The Node request listener. Give it requests unmodified (the mount path still in `req.url`);
   * one outside `mountPath` gets 404.
   */
  callback: (req: IncomingMessage, res: ServerResponse) => void;
}

const generateRsaKeyPair = promisify(generateKeyPair);

// Short lifetimes: it is for development, and a stale session should not outlive a test run.
const TTL = {
  AccessToken: 10 * 60,
  AuthorizationCode: 60,
  IdToken: 10 * 60,
  Interaction: 10 * 60,
  Session: 60 * 60,
  Grant: 60 * 60,
};

const FORM_BODY_LIMIT = 8 * 1024;

function stripMountPath(url: string, mountPath: string): string | null {
  if (mountPath === '') return url.startsWith('/') ? url : null;
  if (url === mountPath) return '/';
  if (url.startsWith(`${mountPath}/`)) return url.slice(mountPath.length);
  if (url.startsWith(`${mountPath}?`)) return `/${url.slice(mountPath.length)}`;
  return null;
}

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    req.resume();
    throw new BodyError(415, 'The sign-in form must be sent as a form (urlencoded).');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > FORM_BODY_LIMIT) throw new BodyError(413, 'The sign-in form is too large.');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Make the provider (keys and cookie keys are generated here, so it is async). Mount it as the
 * module comment says.
 */
export async function createDevOidcProvider(
  options: CreateDevOidcProviderOptions,
): Promise<DevOidcProvider> {
  const { issuer, clients } = createDevOidcProviderOptionsSchema.parse(options);
  const issuerUrl = new URL(issuer);
  const mountPath = issuerUrl.pathname === '/' ? '' : issuerUrl.pathname;
  const interactionBase = `${mountPath}${DEV_OIDC_INTERACTION_PATH}/`;

  const { privateKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
  const signingKey = {
    ...privateKey.export({ format: 'jwk' }),
    kid: randomBytes(8).toString('hex'),
    use: 'sig',
    alg: 'RS256',
  };

  const formTargets = [
    ...new Set(
      clients.flatMap((c) =>
        [...c.redirectUris, ...(c.postLogoutRedirectUris ?? [])].map((u) => new URL(u).origin),
      ),
    ),
  ].filter((origin) => origin !== issuerUrl.origin);
  const csp = pageCsp(formTargets);

  const setPageHeaders = (ctx: OidcContext) => {
    ctx.set('Content-Security-Policy', csp);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
  };

  const provider = new Provider(issuer, {
    // The library's own memory store, made per provider. (Passing nothing does the same but
    // prints a production warning at every start.)
    adapter: createMemoryAdapter(),
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      post_logout_redirect_uris: c.postLogoutRedirectUris ?? [],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: c.tokenEndpointAuthMethod ?? 'client_secret_post',
    })),
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    scopes: [...DEV_OIDC_SCOPES],
    responseTypes: ['code'],
    // The console reads who signed in from the ID token: put the scopes' claims in it, not only
    // behind the userinfo endpoint.
    conformIdTokenClaims: false,
    // v9 requires PKCE only of public clients by default; the console must always use it.
    pkce: { required: () => true },
    ttl: TTL,
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx: OidcContext, form: string) {
          setPageHeaders(ctx);
          ctx.type = 'html';
          ctx.body = renderLogoutPage(form);
        },
        async postLogoutSuccessSource(ctx: OidcContext) {
          setPageHeaders(ctx);
          ctx.type = 'html';
          ctx.body = renderLogoutSuccessPage();
        },
      },
    },
    interactions: {
      url: (_ctx: OidcContext, interaction: { uid: string }) =>
        `${interactionBase}${encodeURIComponent(interaction.uid)}`,
    },
    async findAccount(_ctx: OidcContext, sub: string): Promise<Account | undefined> {
      const user = findDevOidcUserBySub(sub);
      if (!user) return undefined;
      return { accountId: user.sub, claims: async () => devOidcClaims(user) };
    },
    // Consent is implied for the registered clients: every sign-in gets a grant of our scopes, so
    // the consent prompt never comes up. (The provider asks this only once someone is signed in.)
    async loadExistingGrant(ctx: OidcContext): Promise<Grant | undefined> {
      const { oidc } = ctx;
      const clientId = oidc.client?.clientId;
      const accountId = oidc.session.accountId;
      if (!clientId || !accountId) return undefined;
      const existing = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(clientId);
      if (existing) {
        const found = await oidc.provider.Grant.find(existing);
        if (found) return found;
      }
      const grant = new oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope(DEV_OIDC_SCOPES.join(' '));
      await grant.save();
      return grant;
    },
    async renderError(ctx: OidcContext, out: { error?: string; error_description?: string }) {
      setPageHeaders(ctx);
      ctx.type = 'html';
      ctx.body = renderMessagePage({
        title: 'Sign-in request refused',
        message:
          'The development provider refused this request. Go back to the application and sign in again; if it happens again, the application is configured wrongly.',
        error: out.error ?? 'server_error',
        description: out.error_description,
      });
    },
  });
  // We set the Host and X-Forwarded-Proto of each request from the issuer (see callback).
  provider.proxy = true;
  // Every answer carries the strict policy; oidc-provider adds the hash of its own inline script
  // (form_post) to it when it has one.
  provider.use(async (ctx, next) => {
    setPageHeaders(ctx);
    await next();
  });
  const providerCallback = provider.callback();

  const sendPage = (res: ServerResponse, status: number, html: string) => {
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(html),
      'Cache-Control': 'no-store',
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
    res.end(html);
  };

  const expired = (res: ServerResponse) =>
    sendPage(
      res,
      400,
      renderMessagePage({
        title: 'Sign-in expired',
        message:
          'This sign-in has expired or was already finished. Go back to the application and sign in again.',
      }),
    );

  async function interaction(req: IncomingMessage, res: ServerResponse, pathname: string) {
    // /interaction/<uid>, /interaction/<uid>/login (POST), /interaction/<uid>/abort
    const [uid, action, ...extra] = pathname.slice(DEV_OIDC_INTERACTION_PATH.length + 1).split('/');
    const known =
      uid &&
      extra.length === 0 &&
      ((action === undefined && req.method === 'GET') ||
        (action === 'login' && req.method === 'POST') ||
        (action === 'abort' && req.method === 'GET'));
    if (!known) {
      sendPage(res, 404, renderMessagePage({ title: 'Not found', message: 'No such page.' }));
      return;
    }
    let details;
    try {
      details = await provider.interactionDetails(req, res);
    } catch (err) {
      if (err instanceof errors.SessionNotFound) return expired(res);
      throw err;
    }
    // The interaction cookie names the sign-in; a path for another one is a stale tab or a trick.
    if (details.uid !== decodeURIComponent(uid)) return expired(res);

    const self = `${interactionBase}${encodeURIComponent(details.uid)}`;
    const clientId = String(details.params.client_id ?? '');
    const loginPage = (email?: string, error?: boolean) =>
      renderLoginPage({
        action: `${self}/login`,
        abortHref: `${self}/abort`,
        clientId,
        email,
        error,
        users: DEV_OIDC_USERS,
      });

    if (action === 'abort') {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The user cancelled the sign-in.' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (details.prompt.name !== 'login') {
      // Consent is granted up front (loadExistingGrant); nothing else is configured.
      await provider.interactionFinished(
        req,
        res,
        {
          error: 'access_denied',
          error_description: `The development provider cannot grant this request (${details.prompt.name}).`,
        },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (action === undefined) {
      const hint = details.params.login_hint;
      return sendPage(res, 200, loginPage(typeof hint === 'string' ? hint : undefined));
    }

    let form;
    try {
      form = await readForm(req);
    } catch (err) {
      if (!(err instanceof BodyError)) throw err;
      return sendPage(
        res,
        err.status,
        renderMessagePage({ title: 'Not accepted', message: err.message }),
      );
    }
    const email = form.get('email') ?? '';
    const user = authenticateDevOidcUser(email, form.get('password') ?? '');
    if (!user) return sendPage(res, 400, loginPage(email, true));
    await provider.interactionFinished(
      req,
      res,
      // Not remembered: the provider's session ends with the browser, so signing out of the
      // console and in again asks for the password (a test can switch users).
      { login: { accountId: user.sub, remember: false } },
      { mergeWithLastSubmission: false },
    );
  }

  const callback = (req: IncomingMessage, res: ServerResponse) => {
    const original = req.url ?? '/';
    const rest = stripMountPath(original, mountPath);
    if (rest === null) {
      sendPage(res, 404, renderMessagePage({ title: 'Not found', message: 'No such page.' }));
      return;
    }
    // Advertise the issuer's origin whatever the request came through (see the module comment).
    req.headers.host = issuerUrl.host;
    req.headers['x-forwarded-proto'] = issuerUrl.protocol.slice(0, -1);
    delete req.headers['x-forwarded-host'];
    if (mountPath !== '') {
      // The connect/express convention oidc-provider reads to find its mount path.
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = original;
      req.url = rest;
    }
    const pathname = rest.split('?', 1)[0] ?? '/';
    if (pathname.startsWith(`${DEV_OIDC_INTERACTION_PATH}/`)) {
      interaction(req, res, pathname).catch((err: unknown) => {
        console.error('dev OpenID provider: interaction failed', err);
        if (!res.headersSent) {
          sendPage(
            res,
            500,
            renderMessagePage({
              title: 'Something went wrong',
              message: 'The development provider failed. Go back to the application and try again.',
            }),
          );
        } else {
          res.destroy();
        }
      });
      return;
    }
    providerCallback(req, res);
  };

  return {
    issuer,
    mountPath,
    handles: (url) => stripMountPath(url, mountPath) !== null,
    callback,
  };
}

export const startDevOidcProviderOptionsSchema = z.object({
  /** Default 127.0.0.1 (loopback only). */
  host: z.string().min(1).optional(),
  /** Default 0: an ephemeral port. */
  port: z.number().int().min(0).max(65535).optional(),
  /** A path prefix for the issuer, e.g. `/dev-oidc`; default none. */
  path: z
    .string()
    .regex(/^(\/[A-Za-z0-9._~-]+)*$/, 'path must look like /a/b, with no trailing slash')
    .optional(),
  clients: z.array(devOidcClientSchema).min(1),
});
export type StartDevOidcProviderOptions = z.input<typeof startDevOidcProviderOptionsSchema>;

export interface RunningDevOidcProvider {
  /** e.g. `http://127.0.0.1:40123` or `http://127.0.0.1:40123/dev-oidc` (no trailing slash). */
  issuer: string;
  /** Stop listening and drop every connection, idle or not. Idempotent. */
  close(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** Listen on its own port (default 127.0.0.1:0); the issuer uses the port actually bound. */
export async function startDevOidcProvider(
  options: StartDevOidcProviderOptions,
): Promise<RunningDevOidcProvider> {
  const opts = startDevOidcProviderOptionsSchema.parse(options);
  const host = opts.host ?? '127.0.0.1';
  let listener: DevOidcProvider['callback'] | undefined;
  const server = createServer((req, res) => {
    if (listener) return listener(req, res);
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Starting.\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    });
    return closing;
  };

  try {
    const { port } = server.address() as AddressInfo;
    const issuer = `http://${urlHost(host)}:${port}${opts.path ?? ''}`;
    const provider = await createDevOidcProvider({ issuer, clients: opts.clients });
    listener = provider.callback;
    return { issuer, close };
  } catch (err) {
    await close();
    throw err;
  }
}
