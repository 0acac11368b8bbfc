// @vitest-environment node
// The development OpenID provider over real HTTP, driven the way a browser and the console would:
// openid-client 6 on the relying party's side, plain fetch with a cookie jar for the browser.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createDevOidcProvider,
  DEV_OIDC_USERS,
  startDevOidcProvider,
  type DevOidcProvider,
  type RunningDevOidcProvider,
} from './oidc-provider.ts';

const CLIENT = {
  clientId: 'registrar-console',
  clientSecret: 'test-client-secret-0123456789',
  redirectUris: ['http://127.0.0.1:9/auth/callback'],
  postLogoutRedirectUris: ['http://127.0.0.1:9/'],
};
const REDIRECT_URI = CLIENT.redirectUris[0]!;

/** Just enough of a browser: cookies by name and path, redirects followed by hand. */
class Browser {
  private cookies = new Map<string, { value: string; path: string }>();

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const target = new URL(url);
    const cookie = [...this.cookies]
      .filter(
        ([, c]) => target.pathname === c.path || target.pathname.startsWith(withSlash(c.path)),
      )
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
    const headers: Record<string, string> = {};
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(target, {
      method: init.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
    });
    for (const line of res.headers.getSetCookie()) this.store(line, target);
    return res;
  }

  /** GET `url` and follow redirects until one leaves for `stopAt` (not fetched) or a page. */
  async follow(url: string, stopAt: string, init: { form?: Record<string, string> } = {}) {
    let res = await this.request(url, init);
    let current = url;
    for (let hops = 0; hops < 10; hops++) {
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) {
        return { res, url: current, html: await res.text() };
      }
      await res.body?.cancel();
      current = new URL(location, current).href;
      if (current.startsWith(stopAt)) return { res, url: current, html: '' };
      res = await this.request(current);
    }
    throw new Error('too many redirects');
  }

  private store(line: string, target: URL) {
    const [pair, ...attrs] = line.split(';').map((s) => s.trim());
    const eq = pair!.indexOf('=');
    const name = pair!.slice(0, eq);
    const value = pair!.slice(eq + 1);
    let path = '/';
    let expired = value === '';
    for (const attr of attrs) {
      const [k, v = ''] = attr.split('=');
      if (k!.toLowerCase() === 'path') path = v;
      if (k!.toLowerCase() === 'max-age' && Number(v) <= 0) expired = true;
      if (k!.toLowerCase() === 'expires' && Date.parse(v) <= Date.now()) expired = true;
    }
    void target;
    if (expired) this.cookies.delete(name);
    else this.cookies.set(name, { value, path });
  }
}

const withSlash = (p: string) => (p.endsWith('/') ? p : `${p}/`);

function formAction(html: string, base: string): string {
  const match = /<form method="post" action="([^"]+)"/.exec(html);
  if (!match) throw new Error(`no sign-in form in: ${html.slice(0, 300)}`);
  return new URL(match[1]!.replaceAll('&amp;', '&'), base).href;
}

interface Started {
  config: client.Configuration;
  verifier: string;
  state: string;
  nonce: string;
  authorizationUrl: URL;
}

async function startFlow(issuer: string): Promise<Started> {
  const config = await client.discovery(
    new URL(issuer),
    CLIENT.clientId,
    CLIENT.clientSecret,
    undefined,
    { execute: [client.allowInsecureRequests] },
  );
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const authorizationUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { config, verifier, state, nonce, authorizationUrl };
}

/** The whole sign-in as a browser does it; returns the ID token's claims. */
async function signIn(issuer: string, email: string, password: string) {
  const flow = await startFlow(issuer);
  const browser = new Browser();
  const login = await browser.follow(flow.authorizationUrl.href, REDIRECT_URI);
  expect(login.res.status).toBe(200);
  const back = await browser.follow(formAction(login.html, login.url), REDIRECT_URI, {
    form: { email, password },
  });
  expect(back.url.startsWith(`${REDIRECT_URI}?`)).toBe(true);
  const tokens = await client.authorizationCodeGrant(flow.config, new URL(back.url), {
    pkceCodeVerifier: flow.verifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
    idTokenExpected: true,
  });
  return { claims: tokens.claims()!, tokens, flow, browser };
}

let op: RunningDevOidcProvider;
beforeAll(async () => {
  op = await startDevOidcProvider({ clients: [CLIENT] });
});
afterAll(() => op.close());

describe('startDevOidcProvider', () => {
  it('listens on an ephemeral loopback port and names it in the issuer', async () => {
    expect(op.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${op.issuer}/.well-known/openid-configuration`);
    const meta = (await res.json()) as Record<string, unknown>;
    expect(meta.issuer).toBe(op.issuer);
    expect(meta.authorization_endpoint).toBe(`${op.issuer}/auth`);
    expect(meta.scopes_supported).toEqual(expect.arrayContaining(['openid', 'email', 'profile']));
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
  });

  it('close() drops keep-alive connections, and is idempotent', async () => {
    const s = await startDevOidcProvider({ clients: [CLIENT] });
    expect((await fetch(`${s.issuer}/jwks`)).status).toBe(200); // leaves a keep-alive socket
    const started = performance.now();
    await Promise.all([s.close(), s.close()]);
    expect(performance.now() - started).toBeLessThan(500);
    await expect(fetch(`${s.issuer}/jwks`)).rejects.toThrow();
  });

  it('refuses bad options, naming what is wrong', async () => {
    await expect(startDevOidcProvider({ clients: [] })).rejects.toThrow(/clients/);
    await expect(
      createDevOidcProvider({ issuer: 'http://127.0.0.1:1/dev-oidc/', clients: [CLIENT] }),
    ).rejects.toThrow(/trailing slash/);
    await expect(
      startDevOidcProvider({ clients: [{ ...CLIENT, redirectUris: ['not a url'] }] }),
    ).rejects.toThrow(/redirectUris/);
  });
});

describe('authorization code flow with PKCE, state and nonce', () => {
  it('signs alice in and the ID token says who she is', async () => {
    const { claims, tokens, flow } = await signIn(op.issuer, 'alice@example.com', 'alice');
    expect(claims).toMatchObject({
      iss: op.issuer,
      aud: CLIENT.clientId,
      sub: 'dev-alice',
      email: 'alice@example.com',
      email_verified: true,
      name: 'Alice Example',
      nonce: flow.nonce,
    });
    // The same claims from userinfo, with the access token.
    const info = await client.fetchUserInfo(flow.config, tokens.access_token, claims.sub, {});
    expect(info).toMatchObject({ email: 'alice@example.com', name: 'Alice Example' });
  });

  it.each(DEV_OIDC_USERS.map((u) => [u.email, u]))(
    'signs %s in with the documented password (mallory too: refusing her is the console’s job)',
    async (_email, user) => {
      const { claims } = await signIn(op.issuer, user.email.toUpperCase(), user.password);
      expect(claims).toMatchObject({ sub: user.sub, email: user.email, name: user.name });
    },
  );

  it('the code works once, and only with its PKCE verifier', async () => {
    const flow = await startFlow(op.issuer);
    const browser = new Browser();
    const login = await browser.follow(flow.authorizationUrl.href, REDIRECT_URI);
    const back = await browser.follow(formAction(login.html, login.url), REDIRECT_URI, {
      form: { email: 'bob@example.com', password: 'bob' },
    });
    const wrongVerifier = client.randomPKCECodeVerifier();
    await expect(
      client.authorizationCodeGrant(flow.config, new URL(back.url), {
        pkceCodeVerifier: wrongVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
      }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
    const options = {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
    };
    const tokens = await client.authorizationCodeGrant(flow.config, new URL(back.url), options);
    expect(tokens.claims()!.email).toBe('bob@example.com');
    await expect(
      client.authorizationCodeGrant(flow.config, new URL(back.url), options),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses an authorization request without PKCE (back to the client, no code)', async () => {
    const flow = await startFlow(op.issuer);
    const url = new URL(flow.authorizationUrl);
    url.searchParams.delete('code_challenge');
    url.searchParams.delete('code_challenge_method');
    const res = await new Browser().request(url.href);
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location')!);
    expect(location.href.startsWith(REDIRECT_URI)).toBe(true);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.has('code')).toBe(false);
  });
});

describe('the sign-in page', () => {
  async function loginPage() {
    const flow = await startFlow(op.issuer);
    const browser = new Browser();
    const login = await browser.follow(flow.authorizationUrl.href, REDIRECT_URI);
    return { flow, browser, login };
  }

  it('is plain, labelled, strict HTML under <issuer>/interaction/<uid>', async () => {
    const { login } = await loginPage();
    expect(new URL(login.url).pathname).toMatch(/^\/interaction\/[\w-]+$/);
    expect(login.res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = login.res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("form-action 'self' http://127.0.0.1:9");
    expect(csp).not.toContain('unsafe-inline');
    expect(login.res.headers.get('cache-control')).toBe('no-store');
    const html = login.html;
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<title>Sign in[^<]*<\/title>/);
    expect(html).toContain('<h1>Sign in</h1>');
    expect(html).not.toMatch(/<script|\son[a-z]+=/i);
    expect(html).toContain('<label for="email">E-mail</label>');
    expect(html).toMatch(/<input id="email" name="email" type="email" autocomplete="username"/);
    expect(html).toContain('<label for="password">Password</label>');
    expect(html).toMatch(
      /<input id="password" name="password" type="password" autocomplete="current-password"/,
    );
    expect(html).toContain('development OpenID provider');
    for (const u of DEV_OIDC_USERS) expect(html).toContain(`<code>${u.email}</code>`);
    expect(html).toMatch(/<a href="\/interaction\/[\w-]+\/abort">Cancel/);
  });

  it('says a wrong password is wrong without saying which, issues no code, and lets you retry', async () => {
    const { flow, browser, login } = await loginPage();
    const action = formAction(login.html, login.url);
    for (const form of [
      { email: 'alice@example.com', password: 'bob' },
      { email: 'nobody@example.com', password: 'alice' },
    ]) {
      const res = await browser.request(action, { form });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      const html = await res.text();
      expect(html).toContain(
        '<p class="error" id="signin-error" role="alert">E-mail or password is wrong.</p>',
      );
      expect(html).not.toContain('code=');
      expect(html).toContain(`value="${form.email}"`); // what was typed is kept
      expect(html).toContain('aria-invalid="true"');
    }
    // The same sign-in still goes through with the right password.
    const back = await browser.follow(action, REDIRECT_URI, {
      form: { email: 'alice@example.com', password: 'alice' },
    });
    const tokens = await client.authorizationCodeGrant(flow.config, new URL(back.url), {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
    });
    expect(tokens.claims()!.email).toBe('alice@example.com');
  });

  it('renders what was typed as text', async () => {
    const { browser, login } = await loginPage();
    const res = await browser.request(formAction(login.html, login.url), {
      form: { email: '"><script>alert(1)</script>', password: 'x' },
    });
    const html = await res.text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('cancel sends the client access_denied and no code', async () => {
    const { browser, login } = await loginPage();
    const abort = /<a href="([^"]+\/abort)">/.exec(login.html)![1]!;
    const back = await browser.follow(new URL(abort, login.url).href, REDIRECT_URI);
    const url = new URL(back.url);
    expect(url.searchParams.get('error')).toBe('access_denied');
    expect(url.searchParams.has('code')).toBe(false);
  });

  it('an interaction page without its cookie, or for another sign-in, says it expired', async () => {
    const { browser, login } = await loginPage();
    const stranger = await new Browser().request(login.url);
    expect(stranger.status).toBe(400);
    expect(await stranger.text()).toContain('This sign-in has expired');

    const other = new URL(login.url);
    other.pathname = other.pathname.replace(/[^/]+$/, 'someone-else');
    const mismatch = await browser.request(`${other.href}/login`, {
      form: { email: 'alice@example.com', password: 'alice' },
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.headers.get('location')).toBeNull();
  });

  it('refuses a form that is not a form', async () => {
    const { browser, login } = await loginPage();
    const res = await browser.request(formAction(login.html, login.url), { method: 'POST' });
    expect(res.status).toBe(415);
  });
});

describe('requests the provider refuses', () => {
  it('an unknown client_id gets an error page, not a redirect', async () => {
    const flow = await startFlow(op.issuer);
    const url = new URL(flow.authorizationUrl);
    url.searchParams.set('client_id', 'someone-else');
    const res = await new Browser().request(url.href);
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    const html = await res.text();
    expect(html).toContain('<code>invalid_client</code>');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('an unregistered redirect_uri gets an error page, not a redirect', async () => {
    const flow = await startFlow(op.issuer);
    const url = new URL(flow.authorizationUrl);
    url.searchParams.set('redirect_uri', 'http://evil.example/callback');
    const res = await new Browser().request(url.href);
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('<code>invalid_redirect_uri</code>');
  });

  it('the token endpoint refuses a wrong client secret', async () => {
    const { flow } = await signIn(op.issuer, 'bob@example.com', 'bob');
    const wrong = await client.discovery(
      new URL(op.issuer),
      CLIENT.clientId,
      'not-the-secret',
      undefined,
      { execute: [client.allowInsecureRequests] },
    );
    await expect(
      client.authorizationCodeGrant(
        wrong,
        new URL(`${REDIRECT_URI}?code=x&state=${flow.state}&iss=${encodeURIComponent(op.issuer)}`),
        {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
        },
      ),
    ).rejects.toMatchObject({ error: 'invalid_client' });
  });
});

describe('mounted under a path of another server', () => {
  let parent: Server;
  let devOidc: DevOidcProvider;
  let origin: string;
  let parentHits = 0;

  beforeAll(async () => {
    parent = createServer((req, res) => {
      if (devOidc.handles(req.url ?? '/')) return devOidc.callback(req, res);
      parentHits++;
      res.writeHead(200, { 'content-type': 'text/plain' }).end('the console');
    });
    await new Promise<void>((resolve) => parent.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(parent.address() as AddressInfo).port}`;
    devOidc = await createDevOidcProvider({ issuer: `${origin}/dev-oidc`, clients: [CLIENT] });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => {
      parent.close(() => resolve());
      parent.closeAllConnections();
    });
  });

  it('claims only its own path', () => {
    expect(devOidc.mountPath).toBe('/dev-oidc');
    expect(devOidc.handles('/dev-oidc')).toBe(true);
    expect(devOidc.handles('/dev-oidc/auth?x=1')).toBe(true);
    expect(devOidc.handles('/dev-oidc-other')).toBe(false);
    expect(devOidc.handles('/api/session')).toBe(false);
  });

  it('runs the whole flow with every URL under the mount path', async () => {
    const before = parentHits;
    const { claims, flow } = await signIn(devOidc.issuer, 'alice@example.com', 'alice');
    expect(flow.authorizationUrl.href.startsWith(`${origin}/dev-oidc/auth?`)).toBe(true);
    expect(claims).toMatchObject({ iss: `${origin}/dev-oidc`, email: 'alice@example.com' });
    expect(parentHits).toBe(before); // nothing strayed outside /dev-oidc
  });

  it('puts the interaction page and its cookie under the mount path', async () => {
    const flow = await startFlow(devOidc.issuer);
    const res = await new Browser().request(flow.authorizationUrl.href);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/dev-oidc\/interaction\/[\w-]+$/);
    const cookies = res.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith('_interaction='))).toMatch(
      /path=\/dev-oidc\/interaction\//,
    );
    expect(cookies.find((c) => c.startsWith('_interaction_resume='))).toMatch(
      /path=\/dev-oidc\/auth\//,
    );
    expect(cookies.every((c) => /httponly/i.test(c) && /samesite=lax/i.test(c))).toBe(true);
  });

  it('advertises the issuer’s endpoints whatever Host a request came with', async () => {
    const res = await fetch(`${origin}/dev-oidc/.well-known/openid-configuration`, {
      headers: { host: 'attacker.example', 'x-forwarded-host': 'attacker.example' },
    });
    const meta = (await res.json()) as Record<string, string>;
    expect(meta.issuer).toBe(`${origin}/dev-oidc`);
    expect(meta.token_endpoint).toBe(`${origin}/dev-oidc/token`);
    expect(JSON.stringify(meta)).not.toContain('attacker');
  });

  it('answers 404 for a path outside its mount when called anyway', async () => {
    const res = await new Promise<{ status: number }>((resolve) => {
      const fake = createServer((req, r) => devOidc.callback(req, r));
      fake.listen(0, '127.0.0.1', async () => {
        const port = (fake.address() as AddressInfo).port;
        const answer = await fetch(`http://127.0.0.1:${port}/elsewhere`);
        fake.close();
        fake.closeAllConnections();
        resolve({ status: answer.status });
      });
    });
    expect(res.status).toBe(404);
  });
});

describe('output', () => {
  it('prints nothing while it runs a sign-in (no notices, no secrets)', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(() => undefined),
    );
    const stdout = vi.spyOn(process.stdout, 'write');
    const stderr = vi.spyOn(process.stderr, 'write');
    const s = await startDevOidcProvider({ clients: [CLIENT] });
    try {
      await signIn(s.issuer, 'alice@example.com', 'alice');
    } finally {
      await s.close();
    }
    for (const spy of [...spies, stdout, stderr]) expect(spy).not.toHaveBeenCalled();
  });
});
