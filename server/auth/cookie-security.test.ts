// @vitest-environment node
// Behind a TLS proxy (PUBLIC_URL https://…): the cookies are Secure and the session's is
// __Host- (this origin only); AUTH_MODE=none still answers /api/session with the local operator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecordingUpstream, type RecordingUpstream } from '../test-support.ts';
import { createCookieSealer } from './sealed-cookie.ts';
import {
  OFF_SITE_RETURN_TARGETS,
  startAuthApp,
  TestBrowser,
  type AuthTestApp,
} from './test-support.ts';

const SECRET = 'https-test-SESSION-secret-0123456789abcd';
const PUBLIC_URL = 'https://console.example.com';

let upstream: RecordingUpstream;
beforeAll(async () => {
  upstream = await startRecordingUpstream();
});
afterAll(() => upstream.close());

describe('PUBLIC_URL https (TLS ends at the proxy in front)', () => {
  let app: AuthTestApp;
  let browser: TestBrowser;
  beforeAll(async () => {
    app = await startAuthApp(upstream.url, {
      AUTH_MODE: 'oidc',
      PUBLIC_URL,
      SESSION_SECRET: SECRET,
    });
    // The proxy's side of the connection: plain HTTP to the console, PUBLIC_URL's name.
    browser = new TestBrowser({ connectTo: { host: '127.0.0.1', port: app.port } });
  }, 30_000);
  afterAll(async () => {
    await browser.close();
    await app.close();
  });

  it('sign-in starts at the provider under PUBLIC_URL, with a Secure transaction cookie', async () => {
    const res = await browser.request(`${PUBLIC_URL}/auth/login?returnTo=%2Fprocesses%2F1`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(
      /^https:\/\/console\.example\.com\/dev-oidc\/auth\?.*redirect_uri=https%3A%2F%2Fconsole\.example\.com%2Fauth%2Fcallback/,
    );
    const [cookie] = res.headers.getSetCookie();
    expect(cookie).toMatch(/^console_signin_[A-Za-z0-9_-]+=/);
    expect(cookie?.split('; ')).toEqual(
      expect.arrayContaining([
        'HttpOnly',
        'Secure',
        'SameSite=Lax',
        'Path=/auth/callback',
        'Max-Age=600',
      ]),
    );
  });

  it('believes the session only in the __Host- cookie', async () => {
    const session = await createCookieSealer({
      secret: SECRET,
      sessionMaxAgeS: 3600,
      issuer: `${PUBLIC_URL}/dev-oidc`,
    }).sealSession({ email: 'alice@example.com' });
    const hosted = await browser.request(`${PUBLIC_URL}/api/session`, {
      headers: { cookie: `__Host-console_session=${session}` },
    });
    expect(hosted.status).toBe(200);
    const plain = await browser.request(`${PUBLIC_URL}/api/session`, {
      headers: { cookie: `console_session=${session}` },
    });
    expect(plain.status).toBe(401);
  });
});

describe('AUTH_MODE=none', () => {
  let app: AuthTestApp;
  beforeAll(async () => {
    app = await startAuthApp(upstream.url, {});
  });
  afterAll(() => app.close());

  it('the local operator, an admin who cannot sign out', async () => {
    const res = await fetch(`${app.url}/api/session`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({
      mode: 'none',
      user: { email: 'local', name: 'Local operator', admin: true },
      canSignOut: false,
    });
    // Nothing to sign in to: a sign-in link goes where it was going (same-origin only).
    const login = await fetch(`${app.url}/auth/login?returnTo=%2Fprocesses%2F1`, {
      redirect: 'manual',
    });
    expect([login.status, login.headers.get('location')]).toEqual([302, '/processes/1']);
  });

  it.each(OFF_SITE_RETURN_TARGETS)(
    'a sign-in link never goes back to %j: to / instead, and reaches nothing',
    async (returnTo) => {
      upstream.requests.length = 0;
      const res = await fetch(`${app.url}/auth/login?returnTo=${encodeURIComponent(returnTo)}`, {
        redirect: 'manual',
      });
      expect([res.status, res.headers.get('location')]).toEqual([302, '/']);
      expect(upstream.requests).toEqual([]);
    },
  );
});
