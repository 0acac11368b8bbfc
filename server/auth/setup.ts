import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Handler } from 'hono';
import { Agent, fetch as undiciFetch } from 'undici';
import type { CustomFetch } from 'openid-client';
import type { ConsoleEnv } from '../access-log.ts';
import type { AuthConfig } from '../config.ts';
import { CALLBACK_PATH, noAuth, oidcAuth, proxyAuth, type AuthFactory } from './console-auth.ts';
import { createOidcClient } from './oidc-client.ts';
import { createCookieSealer } from './sealed-cookie.ts';

/*
 * From AUTH_MODE's configuration to the auth createApp wires. Runs once the console listens:
 * with the development provider and no PUBLIC_URL, the console's own URL (its port) is the
 * origin browsers come back to.
 *
 * The development provider is MOUNTED on the console, at `${PUBLIC_URL}/dev-oidc`, rather than
 * listening on a port of its own: a browser on another host then reaches its sign-in page
 * wherever it reaches the console (one port, one firewall rule, the same TLS proxy), and the
 * issuer is right by construction. The console's own calls to it (discovery, token, keys) go
 * over real HTTP to the console's socket, with PUBLIC_URL's name in the URL and Host header, so
 * they work even where that name does not resolve to this machine from inside it (a container
 * behind a port mapping, a NAT).
 */

/** Where the development provider lives on the console's origin. */
export const DEV_PROVIDER_PATH = '/dev-oidc';
/** The console's client at the development provider. */
export const DEV_PROVIDER_CLIENT_ID = 'registrar-console';

export interface AuthSetupContext {
  /** PUBLIC_URL, or the console's own URL when it is unset (development provider only). */
  publicOrigin: string;
  /** Whether publicOrigin was configured (PUBLIC_URL) rather than the console's own URL. */
  publicOriginConfigured: boolean;
  /** The console's listening socket, for its calls to the mounted development provider. */
  listening: { host: string; port: number };
}

export interface AuthSetup {
  factory: AuthFactory;
  /** Never to be shown: redacted from every answer and log line. */
  secrets: string[];
  /** What the start banner says about signing in. */
  banner: string[];
  close(): Promise<void>;
}

export async function setupAuth(config: AuthConfig, context: AuthSetupContext): Promise<AuthSetup> {
  if (config.mode === 'none') {
    return {
      factory: noAuth,
      secrets: [],
      banner: ['  Sign-in:               none (AUTH_MODE=none; loopback only)'],
      close: async () => {},
    };
  }
  if (config.mode === 'proxy') {
    return {
      factory: proxyAuth(config),
      secrets: [],
      banner: [
        `  Sign-in:               by the reverse proxy (AUTH_MODE=proxy): the user is ${config.header}, trusted from ${config.trustedProxies
          .map((e) => (e.prefix === undefined ? e.address : `${e.address}/${e.prefix}`))
          .join(', ')}`,
      ],
      close: async () => {},
    };
  }

  const { publicOrigin } = context;
  const redirectUri = `${publicOrigin}${CALLBACK_PATH}`;
  const generatedSecret = config.sessionSecret === undefined;
  const sessionSecret = config.sessionSecret ?? randomBytes(32).toString('base64url');
  const secrets = [sessionSecret];
  const banner: string[] = [];
  let client;
  let mount;
  let close = async () => {};

  if (config.issuer.kind === 'external') {
    secrets.push(config.issuer.clientSecret);
    client = createOidcClient({
      issuerUrl: config.issuer.url,
      clientId: config.issuer.clientId,
      clientSecret: config.issuer.clientSecret,
      redirectUri,
    });
    banner.push(`  Sign-in:               OpenID Connect at ${config.issuer.url}`);
  } else {
    const { createDevOidcProvider, DEV_OIDC_USERS } =
      await import('../../sandbox/oidc-provider.ts');
    const issuer = `${publicOrigin}${DEV_PROVIDER_PATH}`;
    const clientSecret = randomBytes(24).toString('base64url');
    secrets.push(clientSecret);
    const provider = await createDevOidcProvider({
      issuer,
      clients: [
        {
          clientId: DEV_PROVIDER_CLIENT_ID,
          clientSecret,
          redirectUris: [redirectUri],
          tokenEndpointAuthMethod: 'client_secret_basic',
        },
      ],
    });
    const toConsole = consoleSocketFetch(context.listening);
    client = createOidcClient({
      issuerUrl: issuer,
      clientId: DEV_PROVIDER_CLIENT_ID,
      clientSecret,
      redirectUri,
      fetch: toConsole.fetch,
    });
    close = toConsole.close;
    mount = { prefix: DEV_PROVIDER_PATH, handler: nodeHandler(provider.callback) };
    const users = DEV_OIDC_USERS.map((u) => `${u.email} / ${u.password}`).join(', ');
    banner.push(
      '  Sign-in:               the DEVELOPMENT OpenID provider (AUTH_MODE=oidc, no OIDC_ISSUER_URL, both APIs on the sandbox)',
      `    open ${publicOrigin}/ and sign in as one of: ${users}`,
      `    admins (AUTH_ADMINS): ${config.access.admins.join(', ') || 'none'}`,
    );
  }
  if (generatedSecret) {
    banner.push(
      '    SESSION_SECRET is not set: a new one was made for this run, so sessions end when the console restarts',
    );
  }
  return {
    factory: oidcAuth({
      client,
      sealer: createCookieSealer({
        secret: sessionSecret,
        sessionMaxAgeS: config.sessionMaxAgeH * 3600,
        issuer: client.issuer,
      }),
      access: config.access,
      publicOrigin,
      canonicalizeSignIn: !context.publicOriginConfigured,
      sessionMaxAgeS: config.sessionMaxAgeH * 3600,
      mount,
    }),
    secrets,
    banner,
    close,
  };
}

/**
 * Requests for the console's own origin, sent to its listening socket whatever PUBLIC_URL's name
 * resolves to here. The URL (and so Host) stays PUBLIC_URL's, which the host check accepts.
 */
function consoleSocketFetch(listening: { host: string; port: number }): {
  fetch: CustomFetch;
  close(): Promise<void>;
} {
  const host =
    listening.host === '0.0.0.0' || listening.host === ''
      ? '127.0.0.1'
      : listening.host === '::'
        ? '::1'
        : listening.host.replace(/^\[(.*)\]$/, '$1');
  const agent = new Agent({
    // Plain TCP even for an https PUBLIC_URL: TLS ends at the proxy in front, the console itself
    // speaks HTTP.
    connect: (_options, callback) => {
      const socket = connect({ host, port: listening.port });
      socket.once('connect', () => callback(null, socket));
      socket.once('error', (error) => callback(error, null));
    },
  });
  return {
    // undici's own fetch takes a dispatcher; its Response is the global one's twin.
    fetch: ((url: string, options: Parameters<CustomFetch>[1]) =>
      undiciFetch(url, { ...options, dispatcher: agent } as Parameters<
        typeof undiciFetch
      >[1])) as unknown as CustomFetch,
    close: () => agent.close(),
  };
}

/**
 * A Node request listener inside Hono: it answers on the raw response itself, and the access log
 * still records its status.
 */
function nodeHandler(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
): Handler<ConsoleEnv> {
  return async (c) => {
    const env = c.env as {
      incoming: IncomingMessage;
      outgoing: ServerResponse;
    };
    const { outgoing } = env;
    // The provider takes its mount path off req.url; the access log wants the path as sent.
    const sent = env.incoming.url;
    await new Promise<void>((resolve) => {
      outgoing.once('finish', resolve);
      outgoing.once('close', resolve);
      listener(env.incoming, outgoing);
    });
    // The adapter leaves a response alone only if it is a native Response marked as sent (its
    // own marker is one); Response itself is the adapter's lighter class once it serves.
    env.incoming.url = sent;
    const NativeResponse = RESPONSE_ALREADY_SENT.constructor as typeof Response;
    return new NativeResponse(null, {
      status: outgoing.statusCode,
      headers: RESPONSE_ALREADY_SENT.headers,
    });
  };
}
