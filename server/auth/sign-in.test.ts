// @vitest-environment node
// AUTH_MODE=oidc over real HTTP, through the real development provider (oidc-provider, mounted
// at /dev-oidc): what a signed-out request gets, the sign-in from a deep link and back, the
// allow-lists, sign-out, and every cookie the console must not believe. Each refusal proves that
// nothing reached the upstream.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  fetchedJson,
  rawRequest,
  startRecordingUpstream,
  type RecordingUpstream,
} from '../test-support.ts';
import { MAX_RETURN_TO_LENGTH } from './return-to.ts';
import { createCookieSealer, MAX_COOKIE_BYTES } from './sealed-cookie.ts';
import {
  INDEX_HTML,
  OFF_SITE_RETURN_TARGETS,
  signIn,
  startAuthApp,
  TestBrowser,
  type AuthTestApp,
} from './test-support.ts';

const SECRET = 'sign-in-test-SESSION-secret-0123456789';
const DEEP_LINK = '/processes/46069000?tab=raw';
const API = '/api/rtr/v2/processes/46069000';

let upstream: RecordingUpstream;
let app: AuthTestApp;
/** Alice, signed in once for the tests that need a session. */
let alice: TestBrowser;

beforeAll(async () => {
  upstream = await startRecordingUpstream();
  app = await startAuthApp(upstream.url, {
    AUTH_MODE: 'oidc',
    SESSION_SECRET: SECRET,
    AUTH_ALLOWED_DOMAINS: 'example.com',
  });
  alice = new TestBrowser();
  const landed = await signIn(alice, `${app.url}/`, 'alice@example.com', 'alice');
  expect(landed.url).toBe(`${app.url}/`);
}, 30_000);
afterAll(async () => {
  await app.close();
  await upstream.close();
});
beforeEach(() => {
  upstream.requests.length = 0;
});

function sessionCookie(browser: TestBrowser): string {
  const value = browser.cookies.get('console_session')?.value;
  if (!value) throw new Error('not signed in');
  return value;
}

const json = fetchedJson;

describe('a signed-out request', () => {
  it.each([
    ['GET', API],
    ['GET', '/api/hostway/accounts/acct12345/domains/transfers/test.com'],
    ['GET', '/api/session'],
    ['GET', '/api/anything/else'],
    ['POST', API],
    ['DELETE', '/api/rtr/v2/processes/1'],
  ])('%s %s answers 401 ConsoleUnauthenticated and reaches nothing', async (method, path) => {
    const res = await fetch(`${app.url}${path}`, { method, redirect: 'manual' });
    expect(res.status).toBe(401);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await json(res)).toEqual({
      type: 'ConsoleUnauthenticated',
      message: 'You are not signed in, or your sign-in has ended. Sign in again.',
      source: 'console',
    });
    expect(upstream.requests).toEqual([]);
  });

  it.each([DEEP_LINK, '/', '/transfers/acct12345?domains=a.com%0Ab.com', '/index.html'])(
    'GET %s is sent to sign-in, with the way back',
    async (path) => {
      const res = await fetch(`${app.url}${path}`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(`/auth/login?returnTo=${encodeURIComponent(path)}`);
      expect(await res.text()).not.toContain('SPA');
    },
  );

  it('HEAD of a page is sent to sign-in too; another method is refused', async () => {
    const head = await fetch(`${app.url}${DEEP_LINK}`, { method: 'HEAD', redirect: 'manual' });
    expect(head.status).toBe(302);
    const post = await fetch(`${app.url}/processes/1`, { method: 'POST', redirect: 'manual' });
    expect(post.status).toBe(401);
  });

  it.each(['/assets/index-abc123.js', '/theme.js', '/robots.txt', '/auth/page.css'])(
    'gets the file %s, which holds no data',
    async (path) => {
      const res = await fetch(`${app.url}${path}`, { redirect: 'manual' });
      expect(res.status).toBe(200);
    },
  );

  it('does not get index.html through a public prefix', async () => {
    const res = await fetch(`${app.url}/assets/../index.html`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const raw = await fetch(`${app.url}/assets/%2e%2e/index.html`, { redirect: 'manual' });
    expect(raw.status).not.toBe(200);
    expect(await raw.text()).not.toBe(INDEX_HTML);
  });
});

describe('signing in', () => {
  it('from a deep link opened cold, through the provider’s page, lands on the deep link', async () => {
    const browser = new TestBrowser();
    const page = await signIn(browser, `${app.url}${DEEP_LINK}`, 'alice@example.com', 'alice');
    expect(page.status).toBe(200);
    expect(page.url).toBe(`${app.url}${DEEP_LINK}`);
    expect(page.text).toBe(INDEX_HTML);
    expect(page.visited.some((u) => u.startsWith(`${app.url}/auth/callback?`))).toBe(true);
    // The transaction cookie is gone once used.
    expect([...browser.cookies.keys()].filter((name) => name.startsWith('console_'))).toEqual([
      'console_session',
    ]);
  }, 20_000);

  it('sets an httpOnly, SameSite=Lax session cookie that expires after SESSION_MAX_AGE_H', () => {
    const cookie = alice.cookies.get('console_session');
    expect(cookie?.attributes.split('; ').sort()).toEqual(
      ['HttpOnly', 'Max-Age=43200', 'Path=/', 'SameSite=Lax'].sort(),
    );
  });

  it('tells /api/session who is signed in, and lets the API through', async () => {
    const session = await alice.request(`${app.url}/api/session`);
    expect(session.status).toBe(200);
    expect(await json(session)).toEqual({
      mode: 'oidc',
      user: { email: 'alice@example.com', name: 'Alice Example', admin: true },
      canSignOut: true,
    });
    const api = await alice.request(`${app.url}${API}`);
    expect(api.status).toBe(200);
    expect(upstream.requests.map((r) => r.url)).toEqual(['/rtr/v2/processes/46069000']);
  });

  it('bob is no admin', async () => {
    const bob = new TestBrowser();
    await signIn(bob, `${app.url}/`, 'bob@example.com', 'bob');
    const session = await bob.request(`${app.url}/api/session`);
    expect(await json(session)).toMatchObject({ user: { email: 'bob@example.com', admin: false } });
  }, 20_000);

  it.each(OFF_SITE_RETURN_TARGETS)(
    'signed in, never goes back to %j: to / instead, and reaches nothing',
    async (returnTo) => {
      const res = await alice.request(
        `${app.url}/auth/login?returnTo=${encodeURIComponent(returnTo)}`,
      );
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/');
      expect(upstream.requests).toEqual([]);
    },
  );

  it.each(OFF_SITE_RETURN_TARGETS)(
    'signed out, never goes back to %j after a whole sign-in: to / instead, and reaches nothing',
    async (returnTo) => {
      const browser = new TestBrowser();
      const page = await signIn(
        browser,
        `${app.url}/auth/login?returnTo=${encodeURIComponent(returnTo)}`,
        'bob@example.com',
        'bob',
      );
      expect(page.url).toBe(`${app.url}/`);
      expect(page.text).toBe(INDEX_HTML);
      expect(page.visited.every((u) => u.startsWith(app.url))).toBe(true);
      expect(upstream.requests).toEqual([]);
    },
    20_000,
  );

  it.each([
    ['//evil.example', 302],
    ['///evil.example', 302],
    ['/%2F%2Fevil.example', 302],
    ['/%5Cevil.example', 302],
    // Not a request target at all (a browser sends `\\` in a path as `/`): refused outright.
    ['/\\evil.example', 400],
  ])(
    'a signed-out request for the page %j never has a way back off-site, and reaches nothing',
    async (path, status) => {
      const res = await rawRequest(app.url, 'GET', path);
      expect(res.status).toBe(status);
      expect(res.headers.location).toBe(status === 302 ? '/auth/login?returnTo=%2F' : undefined);
      expect(upstream.requests).toEqual([]);
    },
  );
});

describe('a long return path', () => {
  const path = (length: number) =>
    `/transfers/acct12345?domains=${'x.com,'.repeat(length)}`.slice(0, length);

  it('of the longest length kept comes back after sign-in, in a cookie a browser keeps', async () => {
    const target = path(MAX_RETURN_TO_LENGTH);
    const start = `${app.url}/auth/login?returnTo=${encodeURIComponent(target)}`;
    const res = await fetch(start, { redirect: 'manual' });
    const [cookie = ''] = res.headers.getSetCookie();
    expect(cookie).toMatch(/^console_signin_/);
    expect(cookie.length).toBeLessThanOrEqual(MAX_COOKIE_BYTES);
    const page = await signIn(new TestBrowser(), start, 'bob@example.com', 'bob');
    expect(page.url).toBe(`${app.url}${target}`);
    expect(page.text).toBe(INDEX_HTML);
  }, 20_000);

  it('longer (a 10 KB link) still signs in, and lands on /', async () => {
    const start = `${app.url}/auth/login?returnTo=${encodeURIComponent(path(10_000))}`;
    const res = await fetch(start, { redirect: 'manual' });
    const [cookie = ''] = res.headers.getSetCookie();
    expect(cookie.length).toBeLessThanOrEqual(MAX_COOKIE_BYTES);
    const page = await signIn(new TestBrowser(), start, 'bob@example.com', 'bob');
    expect(page.status).toBe(200);
    expect(page.url).toBe(`${app.url}/`);
    expect(upstream.requests).toEqual([]);
  }, 20_000);
});

describe('a signed-in user outside the allow-lists', () => {
  let mallory: TestBrowser;
  beforeAll(async () => {
    mallory = new TestBrowser();
    await signIn(mallory, `${app.url}${DEEP_LINK}`, 'mallory@evil.example', 'mallory');
  }, 20_000);

  it('sees a page saying who they are, with sign-out, and no data', async () => {
    const res = await mallory.request(`${app.url}${DEEP_LINK}`);
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('<h1>Not allowed</h1>');
    expect(html).toContain('You are signed in as <strong>mallory@evil.example</strong>');
    expect(html).toContain('<form method="post" action="/auth/logout">');
    expect(html).not.toContain('SPA');
    expect(upstream.requests).toEqual([]);
  });

  it.each([API, '/api/session'])('gets 403 ConsoleForbidden from %s', async (path) => {
    const res = await mallory.request(`${app.url}${path}`);
    expect(res.status).toBe(403);
    expect(await json(res)).toMatchObject({ type: 'ConsoleForbidden', source: 'console' });
    expect(upstream.requests).toEqual([]);
  });
});

describe('cookies the console does not believe', () => {
  async function expectSignedOut(cookie: string) {
    const api = await fetch(`${app.url}${API}`, { headers: { cookie } });
    expect(api.status).toBe(401);
    expect(await json(api)).toMatchObject({ type: 'ConsoleUnauthenticated' });
    // The bad cookie is cleared.
    expect(api.headers.get('set-cookie')).toMatch(/^console_session=; Max-Age=0; Path=\//);
    const page = await fetch(`${app.url}${DEEP_LINK}`, { headers: { cookie }, redirect: 'manual' });
    expect(page.status).toBe(302);
    expect(upstream.requests).toEqual([]);
  }

  it('a tampered one', async () => {
    const value = sessionCookie(alice);
    const parts = value.split('.');
    const tag = parts[4] ?? '';
    parts[4] = (tag[0] === 'A' ? 'B' : 'A') + tag.slice(1);
    await expectSignedOut(`console_session=${parts.join('.')}`);
    const ciphertext = value.split('.');
    ciphertext[3] = `${ciphertext[3]}A`;
    await expectSignedOut(`console_session=${ciphertext.join('.')}`);
  });

  it('an expired one (the exp inside, whatever the browser kept)', async () => {
    const past = Math.floor(Date.now() / 1000) - 12 * 3600 - 1;
    const expired = await createCookieSealer({
      secret: SECRET,
      sessionMaxAgeS: 12 * 3600,
      issuer: `${app.url}/dev-oidc`,
      now: () => past,
    }).sealSession({ email: 'alice@example.com' });
    await expectSignedOut(`console_session=${expired}`);
  });

  it('one sealed with another SESSION_SECRET, or for another issuer', async () => {
    for (const [secret, issuer] of [
      ['another-SESSION-secret-of-32-characters!', `${app.url}/dev-oidc`],
      [SECRET, 'https://id.example.com'],
    ] as const) {
      const foreign = await createCookieSealer({
        secret,
        sessionMaxAgeS: 3600,
        issuer,
      }).sealSession({ email: 'alice@example.com' });
      await expectSignedOut(`console_session=${foreign}`);
    }
  });

  it('a live one of the right key is believed (the refusals above are not about the format)', async () => {
    const forged = await createCookieSealer({
      secret: SECRET,
      sessionMaxAgeS: 3600,
      issuer: `${app.url}/dev-oidc`,
    }).sealSession({ email: 'bob@example.com' });
    const res = await fetch(`${app.url}/api/session`, {
      headers: { cookie: `console_session=${forged}` },
    });
    expect(res.status).toBe(200);
  });

  it('a callback without its sign-in, or with a forged one', async () => {
    const bare = await fetch(`${app.url}/auth/callback?code=x&state=${'s'.repeat(43)}`);
    expect(bare.status).toBe(400);
    expect(await bare.text()).toContain(
      'This sign-in has expired or was started in another browser',
    );
    const forged = await fetch(`${app.url}/auth/callback?code=x&state=${'s'.repeat(43)}`, {
      headers: { cookie: `console_signin_${'s'.repeat(43)}=${sessionCookie(alice)}` },
    });
    expect(forged.status).toBe(400);
    expect(upstream.requests).toEqual([]);
  });
});

describe('signing out', () => {
  let browser: TestBrowser;
  beforeAll(async () => {
    browser = new TestBrowser();
    await signIn(browser, `${app.url}/`, 'bob@example.com', 'bob');
  }, 20_000);

  it.each([
    ['no Origin', {}],
    ['another site’s Origin', { origin: 'https://evil.example' }],
    ['another port’s Origin', { origin: 'http://127.0.0.1:1' }],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }],
    ['Origin null', { origin: 'null' }],
    ['a same-site (not same-origin) page', { 'sec-fetch-site': 'same-site', origin: 'null' }],
    ['Sec-Fetch-Site none', { 'sec-fetch-site': 'none' }],
    ['its own Origin from another site', { 'sec-fetch-site': 'cross-site', origin: 'OWN' }],
  ])('is refused with %s, and the session lives on', async (_what, headers) => {
    const cookie = `console_session=${sessionCookie(browser)}`;
    const sent: Record<string, string> = { ...headers };
    if (sent.origin === 'OWN') sent.origin = app.url;
    const res = await fetch(`${app.url}/auth/logout`, {
      method: 'POST',
      headers: { cookie, ...sent },
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
    const session = await fetch(`${app.url}/api/session`, { headers: { cookie } });
    expect(session.status).toBe(200);
  });

  it('is accepted as a browser sends it from the console’s page (Origin: null under no-referrer)', async () => {
    const other = new TestBrowser();
    await signIn(other, `${app.url}/`, 'bob@example.com', 'bob');
    const res = await other.request(`${app.url}/auth/logout`, {
      method: 'POST',
      headers: { origin: 'null', 'sec-fetch-site': 'same-origin' },
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/auth/signed-out');
    expect(other.cookies.has('console_session')).toBe(false);
  }, 20_000);

  it('is a POST from the console’s own page: the cookie is cleared, the signed-out page says so', async () => {
    const page = await browser.follow(`${app.url}/auth/logout`, { method: 'POST' });
    expect(page.url).toBe(`${app.url}/auth/signed-out`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Signed out</h1>');
    expect(page.text).toContain('href="/auth/login?returnTo=%2F"');
    expect(browser.cookies.has('console_session')).toBe(false);
    const session = await browser.request(`${app.url}/api/session`);
    expect(session.status).toBe(401);
  });

  it('GET is not sign-out', async () => {
    const res = await alice.request(`${app.url}/auth/logout`);
    expect(res.status).not.toBe(303);
    expect((await alice.request(`${app.url}/api/session`)).status).toBe(200);
  });
});

describe('secrets', () => {
  it('SESSION_SECRET appears in no answer, cookie, banner or log line', async () => {
    const texts = [
      ...app.logs,
      ...app.banner,
      ...[...alice.cookies.values()].map((c) => c.value),
      await (await alice.request(`${app.url}/api/session`)).text(),
    ];
    for (const text of texts) expect(text).not.toContain(SECRET);
  });
});
