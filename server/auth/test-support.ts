// Helpers for the sign-in tests: the console app with a given AUTH_MODE in front of a recording
// upstream (so a test can prove nothing reached it), and just enough of a browser.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createConsoleServer } from '../http-server.ts';
import { limitForward } from '../proxy.ts';
import { TEST_HOSTWAY_AUTH, TEST_RTR_KEY } from '../test-support.ts';
import { openHistoryStore } from '../transfer-history.ts';
import { hostwayUpstream, rtrUpstream } from '../upstreams.ts';
import { MAX_COOKIE_BYTES } from './sealed-cookie.ts';
import { setupAuth } from './setup.ts';

export const INDEX_HTML = '<!doctype html><html lang="en"><title>Console</title><main>SPA</main>';

/**
 * Return targets (`?returnTo=`) that lead off the console, in the forms browsers read as another
 * site: scheme-relative, absolute, backslashed, and their percent-encoded (once and twice) forms.
 * Each must come back to `/`.
 */
export const OFF_SITE_RETURN_TARGETS = [
  '//evil.example',
  '///evil.example',
  'https://evil.example/',
  'http:evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/%2F%2Fevil.example',
  '%2F%2Fevil.example',
  '/%2f/evil.example',
  '/%5Cevil.example',
  '/%5cevil.example',
  '/%252F%252Fevil.example',
  '/%255Cevil.example',
  'https%3A%2F%2Fevil.example',
  '/%09/evil.example',
  '/.//evil.example',
  'javascript:alert(1)',
];

export interface AuthTestApp {
  url: string;
  port: number;
  logs: string[];
  banner: string[];
  close(): Promise<void>;
}

/**
 * createApp with the auth that `env` configures (AUTH_MODE and its variables, read by
 * loadConfig; PUBLIC_URL defaults to the app's own URL as in `npm start`), served on a free
 * port on `host`, forwarding to `${upstreamUrl}/rtr` and `${upstreamUrl}/hw`. The upstream is
 * a test server even where the configuration would insist on the sandbox (the development
 * provider): what the tests count is whether anything reaches it.
 */
export async function startAuthApp(
  upstreamUrl: string,
  env: Record<string, string>,
  host = '127.0.0.1',
): Promise<AuthTestApp> {
  const config = loadConfig({ HOST: host, PORT: '0', ...env });
  const logs: string[] = [];
  const dataDir = await mkdtemp(join(tmpdir(), 'console-auth-test-'));
  const staticDir = join(dataDir, 'dist');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), INDEX_HTML);
  await writeFile(join(staticDir, 'theme.js'), '/* theme */');
  await writeFile(join(staticDir, 'assets', 'index-abc123.js'), 'console.log(1)');
  const history = await openHistoryStore(join(dataDir, 'data'));

  let app: ReturnType<typeof createApp> | undefined = undefined;
  const server = createConsoleServer((request, e) =>
    app ? app.fetch(request, e) : new Response(null, { status: 503 }),
  );
  await new Promise<void>((resolve) => server.listen(config.port, host, resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const auth = await setupAuth(config.auth, {
    publicOrigin: config.publicOrigin ?? url,
    publicOriginConfigured: config.publicOrigin !== undefined,
    listening: { host, port },
  });
  app = createApp({
    upstreams: {
      rtr: rtrUpstream(`${upstreamUrl}/rtr`, TEST_RTR_KEY),
      hostway: hostwayUpstream(`${upstreamUrl}/hw`, TEST_HOSTWAY_AUTH),
    },
    timeoutMs: 2000,
    staticDir,
    history,
    forward: { rtr: limitForward(8), hostway: limitForward(6) },
    hosts: { allowedHosts: config.allowedHosts, publicOrigin: config.publicOrigin },
    logger: (line) => logs.push(line),
    auth: auth.factory,
    secrets: auth.secrets,
  });
  return {
    url,
    port,
    logs,
    banner: auth.banner,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await auth.close();
      await history.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

interface StoredCookie {
  value: string;
  path: string;
  attributes: string;
}

export interface Page {
  status: number;
  url: string;
  headers: Headers;
  text: string;
  /** Every URL visited on the way, the first one included. */
  visited: string[];
}

/**
 * Just enough of a browser for one origin and its provider: cookies by name and path (Max-Age=0
 * deletes; one over 4096 bytes is dropped), redirects followed by hand, forms posted urlencoded.
 * It sends what a browser sends: an Origin on POST.
 */
export class TestBrowser {
  readonly cookies = new Map<string, StoredCookie>();
  private readonly dispatcher: Agent | undefined;

  /**
   * `connectTo`: every request goes to this socket whatever its URL's name resolves to, as for
   * a browser on another host that reaches the console by a name this machine cannot resolve.
   */
  constructor(options: { connectTo?: { host: string; port: number } } = {}) {
    const target = options.connectTo;
    this.dispatcher = target
      ? new Agent({
          connect: (_options, callback) => {
            const socket = connect(target);
            socket.once('connect', () => callback(null, socket));
            socket.once('error', (error) => callback(error, null));
          },
        })
      : undefined;
  }

  close(): Promise<void> {
    return this.dispatcher?.close() ?? Promise.resolve();
  }

  cookieHeader(target: URL): string {
    return [...this.cookies]
      .filter(
        ([, c]) =>
          target.pathname === c.path ||
          target.pathname.startsWith(`${c.path.replace(/\/$/, '')}/`) ||
          c.path === '/',
      )
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  async request(
    url: string,
    init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const target = new URL(url);
    const headers: Record<string, string> = { ...init.headers };
    const cookie = this.cookieHeader(target);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    const method = init.method ?? (init.form ? 'POST' : 'GET');
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    if (method === 'POST' && !('origin' in headers)) headers.origin = target.origin;
    const res = (await undiciFetch(target, {
      method,
      headers,
      body,
      redirect: 'manual',
      ...(this.dispatcher ? { dispatcher: this.dispatcher } : {}),
    })) as unknown as Response;
    for (const line of res.headers.getSetCookie()) this.store(line);
    return res;
  }

  /** `url`, then every redirect, until a page (or a redirect to `stopAt`, not followed). */
  async follow(
    url: string,
    init: { form?: Record<string, string>; method?: string; stopAt?: string } = {},
  ): Promise<Page> {
    const visited = [url];
    let res = await this.request(url, init);
    let current = url;
    for (let hops = 0; hops < 15; hops++) {
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) break;
      const next = new URL(location, current).href;
      if (init.stopAt && next.startsWith(init.stopAt)) {
        visited.push(next);
        return { status: res.status, url: next, headers: res.headers, text: '', visited };
      }
      current = next;
      visited.push(current);
      res = await this.request(current);
    }
    return {
      status: res.status,
      url: current,
      headers: res.headers,
      text: await res.text(),
      visited,
    };
  }

  private store(line: string) {
    // A browser drops a cookie longer than this (name, value and attributes), silently.
    if (line.length > MAX_COOKIE_BYTES) return;
    const [pair = '', ...attributes] = line.split(';').map((p) => p.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const path = attributes.find((a) => /^path=/i.test(a))?.slice(5) ?? '/';
    const maxAge = attributes.find((a) => /^max-age=/i.test(a));
    if (maxAge && Number(maxAge.slice(8)) <= 0) this.cookies.delete(name);
    else this.cookies.set(name, { value, path, attributes: attributes.join('; ') });
  }
}

/** The sign-in form's action on the development provider's page. */
export function formAction(html: string, base: string): string {
  const match = /<form method="post" action="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error(`no sign-in form in: ${html.slice(0, 300)}`);
  return new URL(match[1].replaceAll('&amp;', '&'), base).href;
}

/** Signs in through the development provider's page, from `start` (a console URL). */
export async function signIn(
  browser: TestBrowser,
  start: string,
  email: string,
  password: string,
): Promise<Page> {
  const login = await browser.follow(start);
  if (login.status !== 200) throw new Error(`no sign-in page: ${login.status} ${login.url}`);
  return browser.follow(formAction(login.text, login.url), { form: { email, password } });
}
