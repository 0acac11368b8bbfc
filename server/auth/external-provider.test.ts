// @vitest-environment node
// AUTH_MODE=oidc with OIDC_ISSUER_URL: any provider, here the sandbox's running on a port of its
// own (so the console finds it by discovery, over plain http, like a lab provider), and one that
// is down.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDevOidcProvider, type RunningDevOidcProvider } from '../../sandbox/oidc-provider.ts';
import { closedPort, startRecordingUpstream, type RecordingUpstream } from '../test-support.ts';
import { INDEX_HTML, signIn, startAuthApp, TestBrowser, type AuthTestApp } from './test-support.ts';

const CLIENT_ID = 'console-under-test';
const CLIENT_SECRET = 'external-CLIENT-secret-0123456789';
const SECRET = 'external-SESSION-secret-0123456789abcdef';

let upstream: RecordingUpstream;
beforeAll(async () => {
  upstream = await startRecordingUpstream();
});
afterAll(() => upstream.close());
beforeEach(() => {
  upstream.requests.length = 0;
});

describe('a provider found by OIDC_ISSUER_URL', () => {
  let provider: RunningDevOidcProvider;
  let app: AuthTestApp;
  let publicUrl: string;

  beforeAll(async () => {
    const port = await closedPort();
    publicUrl = `http://127.0.0.1:${port}`;
    provider = await startDevOidcProvider({
      path: '/realms/ops',
      clients: [
        {
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          redirectUris: [`${publicUrl}/auth/callback`],
          tokenEndpointAuthMethod: 'client_secret_basic',
        },
      ],
    });
    app = await startAuthApp(upstream.url, {
      PORT: String(port),
      AUTH_MODE: 'oidc',
      OIDC_ISSUER_URL: provider.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      PUBLIC_URL: publicUrl,
      SESSION_SECRET: SECRET,
      AUTH_ALLOWED_EMAILS: 'bob@example.com',
    });
  }, 30_000);
  afterAll(async () => {
    await app.close();
    await provider.close();
  });

  it('signs in from a deep link and back, through the provider’s own origin', async () => {
    const browser = new TestBrowser();
    const page = await signIn(
      browser,
      `${publicUrl}/transfers/acct12345/test.com`,
      'bob@example.com',
      'bob',
    );
    expect(page.url).toBe(`${publicUrl}/transfers/acct12345/test.com`);
    expect(page.text).toBe(INDEX_HTML);
    expect(page.visited.some((url) => url.startsWith(provider.issuer))).toBe(true);
    const session = await browser.request(`${publicUrl}/api/session`);
    expect(await session.json()).toMatchObject({
      user: { email: 'bob@example.com', admin: false },
    });
  }, 20_000);

  it('AUTH_ALLOWED_EMAILS admits only those listed', async () => {
    const browser = new TestBrowser();
    const page = await signIn(browser, `${publicUrl}/`, 'alice@example.com', 'alice');
    expect(page.status).toBe(403);
    expect(page.text).toContain('You are signed in as <strong>alice@example.com</strong>');
    expect(upstream.requests).toEqual([]);
  }, 20_000);

  it('names the provider in the banner, and keeps the client secret out of it and the logs', () => {
    expect(app.banner).toEqual([`  Sign-in:               OpenID Connect at ${provider.issuer}`]);
    for (const line of [...app.banner, ...app.logs]) {
      expect(line).not.toContain(CLIENT_SECRET);
      expect(line).not.toContain(SECRET);
    }
  });
});

describe('a provider that is down', () => {
  let app: AuthTestApp;
  beforeAll(async () => {
    app = await startAuthApp(upstream.url, {
      AUTH_MODE: 'oidc',
      OIDC_ISSUER_URL: `http://127.0.0.1:${await closedPort()}`,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      PUBLIC_URL: 'http://127.0.0.1:9',
      SESSION_SECRET: SECRET,
    });
  });
  afterAll(() => app.close());

  it('sign-in says so (503, a way to try again); the API stays 401 and nothing is forwarded', async () => {
    const res = await fetch(`${app.url}/auth/login?returnTo=%2Fprocesses%2F1`);
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain('The sign-in provider cannot be reached right now');
    expect(html).toContain('href="/auth/login?returnTo=%2Fprocesses%2F1"');
    expect((await fetch(`${app.url}/api/rtr/v2/processes/1`)).status).toBe(401);
    expect(upstream.requests).toEqual([]);
    expect(app.logs.some((line) => line.startsWith('auth: sign-in could not start'))).toBe(true);
  });
});
