// @vitest-environment node
// AUTH_MODE=proxy over real HTTP: the user header counts only on connections whose TCP peer is
// in TRUSTED_PROXIES; everything else is 403 and reaches no upstream.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchedJson, startRecordingUpstream, type RecordingUpstream } from '../test-support.ts';
import { OFF_SITE_RETURN_TARGETS, startAuthApp, type AuthTestApp } from './test-support.ts';

const API = '/api/rtr/v2/processes/46069000';

let upstream: RecordingUpstream;
beforeAll(async () => {
  upstream = await startRecordingUpstream();
});
afterAll(async () => {
  await upstream.close();
});
beforeEach(() => {
  upstream.requests.length = 0;
});

const json = fetchedJson;

describe('from a trusted proxy (127.0.0.0/8)', () => {
  let app: AuthTestApp;
  beforeAll(async () => {
    app = await startAuthApp(upstream.url, {
      AUTH_MODE: 'proxy',
      TRUSTED_PROXIES: '10.9.8.7,127.0.0.0/8',
      AUTH_ALLOWED_DOMAINS: 'example.com',
      AUTH_ADMINS: 'alice@example.com',
    });
  });
  afterAll(() => app.close());

  it('the header names the user: /api/session and the API work', async () => {
    const headers = { 'X-Forwarded-Email': 'Alice@Example.com' };
    const session = await fetch(`${app.url}/api/session`, { headers });
    expect(session.status).toBe(200);
    expect(await json(session)).toEqual({
      mode: 'proxy',
      user: { email: 'alice@example.com', admin: true },
      canSignOut: false,
    });
    const bob = await fetch(`${app.url}/api/session`, {
      headers: { 'X-Forwarded-Email': 'bob@example.com' },
    });
    expect(await json(bob)).toMatchObject({ user: { email: 'bob@example.com', admin: false } });
    const api = await fetch(`${app.url}${API}`, { headers });
    expect(api.status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
    const page = await fetch(`${app.url}/processes/46069000`, { headers });
    expect(page.status).toBe(200);
  });

  it.each([
    ['no header', {}],
    ['an empty header', { 'X-Forwarded-Email': '' }],
    ['two values', { 'X-Forwarded-Email': 'alice@example.com, bob@example.com' }],
    ['a value with a space', { 'X-Forwarded-Email': 'alice @example.com' }],
    ['another header', { 'X-Forwarded-User': 'alice@example.com' }],
    ['a value too long', { 'X-Forwarded-Email': `${'a'.repeat(250)}@example.com` }],
  ])(
    '%s: 403 ConsoleForbidden on /api, a 403 page elsewhere, nothing forwarded',
    async (_what, headers) => {
      const api = await fetch(`${app.url}${API}`, { headers: headers as Record<string, string> });
      expect(api.status).toBe(403);
      expect(await json(api)).toEqual({
        type: 'ConsoleForbidden',
        message:
          'The sign-in proxy did not name the user (one value in the x-forwarded-email header).',
        source: 'console',
      });
      const page = await fetch(`${app.url}/processes/46069000`, {
        headers: headers as Record<string, string>,
      });
      expect(page.status).toBe(403);
      const html = await page.text();
      expect(html).toContain('<h1>Access refused</h1>');
      expect(html).toContain('The sign-in proxy did not say who you are.');
      expect(upstream.requests).toEqual([]);
    },
  );

  it('a user outside the allow-lists: 403, their name, no sign-out button (the proxy owns that)', async () => {
    const headers = { 'X-Forwarded-Email': 'mallory@evil.example' };
    const api = await fetch(`${app.url}${API}`, { headers });
    expect(api.status).toBe(403);
    expect(await json(api)).toMatchObject({ type: 'ConsoleForbidden' });
    const page = await fetch(`${app.url}/`, { headers });
    expect(page.status).toBe(403);
    const html = await page.text();
    expect(html).toContain('You are signed in as <strong>mallory@evil.example</strong>');
    expect(html).not.toContain('<form');
    expect(upstream.requests).toEqual([]);
  });

  it('has no sign-in of its own: a sign-in link goes back where it was going', async () => {
    const res = await fetch(`${app.url}/auth/login?returnTo=%2Fprocesses%2F1`, {
      headers: { 'X-Forwarded-Email': 'alice@example.com' },
      redirect: 'manual',
    });
    expect([res.status, res.headers.get('location')]).toEqual([302, '/processes/1']);
    const out = await fetch(`${app.url}/auth/logout`, { method: 'POST', redirect: 'manual' });
    expect(out.status).not.toBe(303);
  });

  it.each(OFF_SITE_RETURN_TARGETS)(
    'a sign-in link never goes back to %j: to / instead, and reaches nothing',
    async (returnTo) => {
      const res = await fetch(`${app.url}/auth/login?returnTo=${encodeURIComponent(returnTo)}`, {
        headers: { 'X-Forwarded-Email': 'alice@example.com' },
        redirect: 'manual',
      });
      expect([res.status, res.headers.get('location')]).toEqual([302, '/']);
      expect(upstream.requests).toEqual([]);
    },
  );
});

describe('from an address that is not a trusted proxy', () => {
  let app: AuthTestApp;
  beforeAll(async () => {
    app = await startAuthApp(upstream.url, {
      AUTH_MODE: 'proxy',
      TRUSTED_PROXIES: '10.0.0.0/8,::1',
    });
  });
  afterAll(() => app.close());

  it('the header is not believed, whatever X-Forwarded-For says; nothing forwarded', async () => {
    const headers = {
      'X-Forwarded-Email': 'alice@example.com',
      'X-Forwarded-For': '10.0.0.1',
      'X-Real-IP': '10.0.0.1',
      Forwarded: 'for=10.0.0.1',
    };
    const api = await fetch(`${app.url}${API}`, { headers });
    expect(api.status).toBe(403);
    expect(await json(api)).toEqual({
      type: 'ConsoleForbidden',
      message:
        'This request did not come through the console’s sign-in proxy (its address is not in TRUSTED_PROXIES).',
      source: 'console',
    });
    const session = await fetch(`${app.url}/api/session`, { headers });
    expect(session.status).toBe(403);
    const page = await fetch(`${app.url}/`, { headers });
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('did not come through the console’s sign-in proxy');
    expect(upstream.requests).toEqual([]);
    // The operator learns which address was refused (once), to fix TRUSTED_PROXIES.
    expect(app.logs.filter((l) => l.startsWith('auth: refused'))).toEqual([
      'auth: refused a request from 127.0.0.1: not in TRUSTED_PROXIES',
    ]);
  });

  it('static files still load (they hold no data)', async () => {
    expect((await fetch(`${app.url}/theme.js`)).status).toBe(200);
  });
});

describe('over IPv6', () => {
  let app: AuthTestApp;
  beforeAll(async () => {
    app = await startAuthApp(upstream.url, { AUTH_MODE: 'proxy', TRUSTED_PROXIES: '::1' }, '::1');
  });
  afterAll(() => app.close());

  it('trusts ::1 when listed', async () => {
    const res = await fetch(`${app.url}${API}`, {
      headers: { 'X-Forwarded-Email': 'alice@example.com' },
    });
    expect(res.status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
  });
});
