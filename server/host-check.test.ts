// @vitest-environment node
// DNS rebinding and cross-site requests, over real HTTP: the Host and Origin a browser would send.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isLoopbackName, isOwnHost, parseHost } from './host-check.ts';
import {
  startRecordingUpstream,
  startTestApp,
  type RawResponse,
  type RecordingUpstream,
  type TestApp,
  jsonWithoutRequestId,
} from './test-support.ts';

const LOOKUP = '/api/hostway/accounts/acct12345/domains/transfers/test.com';
// Only ever asked for by requests that must be refused.
const REFUSED = '/api/hostway/accounts/acct12345/domains/transfers/refused.com';
const transfer = { status: 7, description: 'Pending', statusChangeDate: '2024-05-01T10:00:00Z' };

let upstream: RecordingUpstream;
let app: TestApp;

beforeAll(async () => {
  upstream = await startRecordingUpstream();
  app = await startTestApp(upstream.url, {
    hosts: {
      allowedHosts: ['console.example.com', 'alt.internal:9000', 'pub.example.com'],
      publicOrigin: 'https://pub.example.com',
    },
  });
});
afterAll(async () => {
  await app.close();
  await upstream.close();
});
beforeEach(() => {
  upstream.requests.length = 0;
  upstream.respond((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(transfer));
  });
});

const body = (res: RawResponse) => jsonWithoutRequestId(res) as Record<string, unknown>;

describe('the Host header', () => {
  const own = (port: number) => [
    `127.0.0.1:${port}`,
    '127.0.0.1',
    `127.1.2.3:${port}`,
    `localhost:${port}`,
    `LOCALHOST:${port}`,
    'localhost.',
    `[::1]:${port}`,
    'console.example.com',
    'console.example.com:443',
    'alt.internal:9000',
    'pub.example.com',
  ];
  it('is accepted when it names the console', async () => {
    for (const host of own(app.port)) {
      const res = await app.get(LOOKUP, { Host: host });
      expect([host, res.status]).toEqual([host, 200]);
    }
    expect(upstream.requests).toHaveLength(own(app.port).length);
  });

  const foreign = [
    'rebind.attacker.example',
    'rebind.attacker.example:PORT',
    '127.0.0.1.nip.io:PORT',
    'localhost:1',
    '127.0.0.1:1',
    '0.0.0.0:PORT',
    '10.0.0.1:PORT',
    '2130706433:PORT',
    '127.0.0.01:PORT',
    'alt.internal:9001',
    'alt.internal',
    'console.example.com.attacker.example',
  ];
  const paths: [string, string][] = [
    ['GET', REFUSED],
    ['GET', '/api/rtr/v2/processes/46069000'],
    ['GET', '/api/transfers/acct12345/refused.com/history'],
    ['POST', '/api/domain-names'],
    ['GET', '/api/nope'],
    ['GET', '/'],
    ['GET', '/processes/46069000'],
    ['GET', '/robots.txt'],
    ['HEAD', '/'],
  ];

  it.each(foreign)('%s gets 421 on every route and reaches nothing', async (template) => {
    const host = template.replace('PORT', String(app.port));
    for (const [method, path] of paths) {
      const res = await app.request(method, path, { Host: host });
      expect([method, path, res.status]).toEqual([method, path, 421]);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBeDefined();
      if (method !== 'HEAD') {
        expect(body(res)).toEqual({
          type: 'ConsoleMisdirectedRequest',
          message: expect.stringContaining('ALLOWED_HOSTS'),
          source: 'console',
        });
      }
    }
    expect(upstream.requests).toHaveLength(0);
    expect(await app.history.history('acct12345', 'refused.com')).toEqual([]);
  });

  // The adapter refuses these before the app sees them: 400, with the same headers.
  it.each(['evil.example@127.0.0.1', '127.0.0.1:PORT/x', 'a b', ' ', '[::ffff:127.0.0.1]:PORT'])(
    'malformed %s gets 400 and reaches nothing',
    async (template) => {
      const host = template.replace('PORT', String(app.port));
      for (const [method, path] of paths) {
        const res = await app.request(method, path, { Host: host });
        expect([method, path, res.status]).toEqual([method, path, 400]);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
      }
      expect(upstream.requests).toHaveLength(0);
      expect(await app.history.history('acct12345', 'refused.com')).toEqual([]);
    },
  );

  it('parses and classifies names', () => {
    expect(parseHost('Example.COM.:8080')).toEqual({ name: 'example.com', port: 8080 });
    expect(parseHost('[::1]')).toEqual({ name: '[::1]', port: undefined });
    expect(parseHost('a:99999')).toBeUndefined();
    expect(parseHost('a b')).toBeUndefined();
    expect(['localhost', '127.0.0.1', '127.255.255.255', '[::1]'].map(isLoopbackName)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(
      ['128.0.0.1', '127.0.0.256', '127.0.0', 'localhost.example'].map(isLoopbackName),
    ).toEqual([false, false, false, false]);
    expect(isOwnHost(undefined, { allowedHosts: [] }, 80)).toBe(false);
    // Outside @hono/node-server the port is unknown: any loopback port will do.
    expect(isOwnHost('localhost:1234', { allowedHosts: [] }, undefined)).toBe(true);
  });
});

describe('API requests from other sites and origins', () => {
  const refused: [string, Record<string, string>][] = [
    ['a cross-site page', { 'Sec-Fetch-Site': 'cross-site' }],
    ['a sibling sub-domain', { 'Sec-Fetch-Site': 'same-site' }],
    ['a foreign Origin', { Origin: 'https://attacker.example' }],
    ['an opaque Origin', { Origin: 'null' }],
    ['another loopback port', { Origin: 'http://127.0.0.1:1' }],
    ['another scheme-less value', { Origin: 'attacker.example' }],
    ['an Origin with a path', { Origin: 'http://127.0.0.1:PORT/x' }],
    [
      'a cross-site page with the console as Origin',
      { 'Sec-Fetch-Site': 'cross-site', Origin: 'http://127.0.0.1:PORT' },
    ],
  ];
  it.each(refused)('%s → 403, nothing forwarded or recorded', async (_what, template) => {
    const headers = Object.fromEntries(
      Object.entries(template).map(([k, v]) => [k, v.replace('PORT', String(app.port))]),
    );
    for (const [method, path] of [
      ['GET', REFUSED],
      ['GET', '/api/rtr/v2/processes/46069000'],
      ['GET', '/api/transfers/acct12345/refused.com/history'],
      ['POST', '/api/domain-names'],
    ] as const) {
      const res = await app.request(method, path, headers);
      expect([path, res.status]).toEqual([path, 403]);
      expect(body(res)).toEqual({
        type: 'ConsoleForbiddenOrigin',
        message: expect.stringMatching(/^The console's API answers only the console's own pages/),
        source: 'console',
      });
      expect(res.headers['cache-control']).toBe('no-store');
    }
    expect(upstream.requests).toHaveLength(0);
    expect(await app.history.history('acct12345', 'refused.com')).toEqual([]);
  });

  it('accepts the console’s own pages, typed URLs, scripts and PUBLIC_URL', async () => {
    const accepted: Record<string, string>[] = [
      {},
      { 'Sec-Fetch-Site': 'same-origin' },
      { 'Sec-Fetch-Site': 'none' },
      { 'Sec-Fetch-Site': 'same-origin', Origin: `http://127.0.0.1:${app.port}` },
      { Origin: `http://localhost:${app.port}`, Host: `localhost:${app.port}` },
      { Origin: 'https://pub.example.com', Host: 'pub.example.com' },
      // Behind a proxy that sends its own Host, the browser's Origin is still PUBLIC_URL.
      { Origin: 'https://pub.example.com', Host: `127.0.0.1:${app.port}` },
    ];
    for (const headers of accepted) {
      const res = await app.get(LOOKUP, headers);
      expect([headers, res.status]).toEqual([headers, 200]);
    }
    expect(upstream.requests).toHaveLength(accepted.length);
  });

  it('a link from another site still opens a page', async () => {
    const res = await app.get('/processes/46069000', { 'Sec-Fetch-Site': 'cross-site' });
    expect(res.status).toBe(503); // the SPA is not built here: the page route answered
    expect(res.text).toContain('npm run build');
  });
});
