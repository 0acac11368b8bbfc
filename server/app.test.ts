// @vitest-environment node
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type AppOptions } from './app.ts';
import { matchApiRoute } from './routes/api.ts';
import { validateDomain } from './validation.ts';
import { forward, limitForward } from './proxy.ts';
import { hostwayUpstream, rtrUpstream } from './upstreams.ts';
import { openHistoryStore } from './transfer-history.ts';
import {
  closedPort,
  rawRequest,
  startRecordingUpstream,
  type RawResponse,
  type RecordingUpstream,
  jsonWithoutRequestId,
} from './test-support.ts';

const RTR_KEY = 'rtr-SECRET-key-123';
const HOSTWAY_TOKEN = 'hw-SECRET-token-456';
const HOSTWAY_AUTH = `Bearer ${HOSTWAY_TOKEN}`;

const API_CSP = "sandbox; default-src 'none'";
const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

interface Harness {
  url: string;
  logs: string[];
  /** Every response's headers and body, as text. */
  transcript: string[];
  request(method: string, path: string, headers?: Record<string, string>): Promise<RawResponse>;
  get(path: string, headers?: Record<string, string>): Promise<RawResponse>;
  close(): Promise<void>;
}

async function startApp(
  overrides: Partial<AppOptions> & { upstreamUrl: string },
): Promise<Harness> {
  const logs: string[] = [];
  const transcript: string[] = [];
  const dataDir = await mkdtemp(join(tmpdir(), 'console-app-data-'));
  const history = await openHistoryStore(dataDir);
  const app = createApp({
    upstreams: {
      rtr: rtrUpstream(`${overrides.upstreamUrl}/rtr-base`, RTR_KEY),
      hostway: hostwayUpstream(`${overrides.upstreamUrl}/hw`, HOSTWAY_AUTH),
    },
    timeoutMs: 2000,
    staticDir: join(tmpdir(), 'registrar-console-does-not-exist'),
    history,
    // No pause after a 429 here: the 429 answers below would hold up the tests after them.
    forward: { rtr: forward, hostway: limitForward(6, forward, { maxPauseS: 0 }) },
    logger: (line) => logs.push(line),
    ...overrides,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const request = async (method: string, path: string, headers?: Record<string, string>) => {
    const res = await rawRequest(url, method, path, headers);
    transcript.push(JSON.stringify(res.headers), res.body.toString('latin1'));
    return res;
  };
  return {
    url,
    logs,
    transcript,
    request,
    get: (path, headers) => request('GET', path, headers),
    close: async () => {
      await new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      });
      await history.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function json(res: RawResponse): unknown {
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return jsonWithoutRequestId(res);
}

/** /api answers may run as nothing; pages get the SPA's policy. */
function expectSecurityHeaders(res: RawResponse, kind: 'api' | 'page' = 'api') {
  expect(res.headers['content-security-policy']).toBe(kind === 'api' ? API_CSP : CSP);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
}

let upstream: RecordingUpstream;
let h: Harness;

beforeAll(async () => {
  upstream = await startRecordingUpstream();
  h = await startApp({ upstreamUrl: upstream.url });
});
afterAll(async () => {
  await h.close();
  await upstream.close();
});
beforeEach(() => {
  upstream.requests.length = 0;
  h.logs.length = 0;
  upstream.respond((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"ok":true}');
  });
});

describe('forwarding the allowed paths', () => {
  it('forwards a process lookup with the RTR key and only safe headers', async () => {
    upstream.respond((_req, res) => {
      res.writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Set-Cookie': 'session=upstream',
        'X-Upstream-Internal': 'yes',
        'Access-Control-Allow-Origin': '*',
      });
      res.end('{"id":46069000,"status":"FAILED"}');
    });
    const res = await h.get('/api/rtr/v2/processes/46069000', {
      Cookie: 'console=1',
      Authorization: 'Basic browser-supplied',
      'X-Forwarded-For': '10.0.0.1',
    });

    expect(res.status).toBe(200);
    expect(res.text).toBe('{"id":46069000,"status":"FAILED"}');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['x-upstream-internal']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['server-timing']).toMatch(/^upstream;dur=\d+$/);
    expect(res.headers['cache-control']).toBe('no-store');
    expectSecurityHeaders(res);

    expect(upstream.requests).toHaveLength(1);
    const [sent] = upstream.requests;
    expect(sent?.method).toBe('GET');
    expect(sent?.url).toBe('/rtr-base/v2/processes/46069000');
    expect(sent?.headers.authorization).toBe(`ApiKey ${RTR_KEY}`);
    expect(sent?.headers.accept).toBe('application/json');
    expect(sent?.headers['accept-encoding']).toBe('identity');
    expect(sent?.headers.cookie).toBeUndefined();
    expect(sent?.headers['x-forwarded-for']).toBeUndefined();
  });

  it('passes `fields` through and drops every other query parameter', async () => {
    await h.get('/api/rtr/v2/processes/1?limit=5&fields=id,status,billables&q=x&order=-id');
    await h.get('/api/rtr/v2/processes/2?limit=5&q=secret');
    await h.get('/api/rtr/v2/processes/3?fields=id%2Cstatus');
    expect(upstream.requests.map((r) => r.url)).toEqual([
      '/rtr-base/v2/processes/1?fields=id,status,billables',
      '/rtr-base/v2/processes/2',
      '/rtr-base/v2/processes/3?fields=id,status',
    ]);
  });

  it('forwards a transfer status lookup with the Hostway authorization verbatim, no query', async () => {
    const res = await h.get('/api/hostway/accounts/acct12345/domains/transfers/test.com?x=1');
    expect(res.status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]?.url).toBe('/hw/accounts/acct12345/domains/transfers/test.com');
    expect(upstream.requests[0]?.headers.authorization).toBe(HOSTWAY_AUTH);
    expect(upstream.requests[0]?.headers.accept).toBe('application/json');
  });

  it.each([
    ['/api/hostway/accounts/A_b-9/domains/transfers/example.co.uk'],
    ['/api/hostway/accounts/acct12345/domains/transfers/xn--bcher-kva.com'],
    ['/api/hostway/accounts/acct12345/domains/transfers/moving-1.com'],
    ['/api/rtr/v2/processes/9007199254740991'],
  ])('accepts %s', async (path) => {
    const res = await h.get(path);
    expect(res.status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
  });
});

describe('invalid input is refused before anything is forwarded', () => {
  const cases: [string, RegExp][] = [
    ['/api/rtr/v2/processes/0', /process id/],
    ['/api/rtr/v2/processes/01', /process id/],
    ['/api/rtr/v2/processes/-1', /process id/],
    ['/api/rtr/v2/processes/+1', /process id/],
    ['/api/rtr/v2/processes/1.0', /process id/],
    ['/api/rtr/v2/processes/1e3', /process id/],
    ['/api/rtr/v2/processes/abc', /process id/],
    ['/api/rtr/v2/processes/%201', /process id/],
    ['/api/rtr/v2/processes/%31', /process id/],
    ['/api/rtr/v2/processes/9007199254740992', /process id/],
    ['/api/rtr/v2/processes/99999999999999999999', /process id/],
    ['/api/rtr/v2/processes/1?fields=', /fields/],
    ['/api/rtr/v2/processes/1?fields=id,,status', /fields/],
    ['/api/rtr/v2/processes/1?fields=1id', /fields/],
    ['/api/rtr/v2/processes/1?fields=id;status', /fields/],
    ['/api/rtr/v2/processes/1?fields=id%26limit%3D1', /fields/],
    ['/api/rtr/v2/processes/1?fields=id&fields=status', /fields/],
    [`/api/hostway/accounts/${'a'.repeat(65)}/domains/transfers/test.com`, /account/],
    ['/api/hostway/accounts/acc.t/domains/transfers/test.com', /account/],
    ['/api/hostway/accounts/acc%20t/domains/transfers/test.com', /account/],
    ['/api/hostway/accounts/acct12345/domains/transfers/Test.com', /domain/],
    ['/api/hostway/accounts/acct12345/domains/transfers/www.test.com', /registrable/],
    ['/api/hostway/accounts/acct12345/domains/transfers/test', /domain/],
    ['/api/hostway/accounts/acct12345/domains/transfers/com', /domain/],
    ['/api/hostway/accounts/acct12345/domains/transfers/co.uk', /registrable/],
    ['/api/hostway/accounts/acct12345/domains/transfers/test.invalidtld', /public suffix/],
    ['/api/hostway/accounts/acct12345/domains/transfers/foo.blogspot.com', /registrable/],
    ['/api/hostway/accounts/acct12345/domains/transfers/1.2.3.4', /public suffix/],
    ['/api/hostway/accounts/acct12345/domains/transfers/test.com.', /domain/],
    ['/api/hostway/accounts/acct12345/domains/transfers/-test.com', /domain/],
    ['/api/hostway/accounts/acct12345/domains/transfers/test-.com', /domain/],
    ['/api/hostway/accounts/acct12345/domains/transfers/te_st.com', /domain/],
    [`/api/hostway/accounts/acct12345/domains/transfers/${'a'.repeat(64)}.com`, /domain/],
    ['/api/hostway/accounts/acct12345/domains/transfers/b%C3%BCcher.com', /domain/],
    ['/api/hostway/accounts/acct12345/domains/transfers/test%2Ecom', /domain/],
    ['/api/hostway/accounts/acct12345/domains/transfers/http:', /domain/],
  ];
  it.each(cases)('%s → 400', async (path, message) => {
    const res = await h.get(path);
    expect(res.status).toBe(400);
    const body = json(res) as { type: string; message: string; source: string };
    expect(body).toEqual({
      type: 'ConsoleInvalidInput',
      message: expect.any(String),
      source: 'console',
    });
    expect(body.message).toMatch(message);
    expectSecurityHeaders(res);
    expect(upstream.requests).toHaveLength(0);
  });

  it('rejects a domain longer than 253 characters', () => {
    const name = `${Array.from({ length: 5 }, () => 'a'.repeat(60)).join('.')}.com`;
    expect(name.length).toBeGreaterThan(253);
    expect(validateDomain(name)).toMatch(/253/);
  });
});

describe('the process list (GET /api/rtr/v2/processes)', () => {
  it('forwards a validated query, rebuilt, in the API’s own names', async () => {
    upstream.respond((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"entities":[],"pagination":{"limit":25,"offset":25,"total":0}}');
    });
    const res = await h.get(
      '/api/rtr/v2/processes?status%3Ain=FAILED,IN_DOUBT&createdDate:gte=2026-11-01&order=-createdDate&offset=25&limit=25&identifier:like=%25acme%25',
    );
    expect(res.status).toBe(200);
    expect(json(res)).toMatchObject({ pagination: { total: 0 } });
    expect(upstream.requests.map((r) => r.url)).toEqual([
      '/rtr-base/v2/processes?status:in=FAILED,IN_DOUBT&createdDate:gte=2026-11-01&identifier:like=%25acme%25&order=-createdDate&offset=25&limit=25',
    ]);
    expect(upstream.requests[0]?.headers.authorization).toBe(`ApiKey ${RTR_KEY}`);
  });

  it('forwards the bare list', async () => {
    expect((await h.get('/api/rtr/v2/processes')).status).toBe(200);
    expect(upstream.requests.map((r) => r.url)).toEqual(['/rtr-base/v2/processes']);
  });

  it.each([
    ['export=true', /export/],
    ['limit=1000', /limit/],
    ['offset=20000', /offset/],
    ['status=DONE', /status/],
    ['colour=red', /colour/],
    ['status:regex=F', /status:regex/],
    ['id:in=' + Array.from({ length: 51 }, (_, i) => i + 1).join(','), /at most 50/],
    ['createdDate:gte=yesterday', /ISO-8601/],
    ['q=' + 'x'.repeat(201), /200/],
  ])('refuses ?%s with 400 naming it, forwarding nothing', async (search, message) => {
    const res = await h.get(`/api/rtr/v2/processes?${search}`);
    expect(res.status).toBe(400);
    expect(json(res)).toMatchObject({ type: 'ConsoleInvalidInput', message, source: 'console' });
    expect(upstream.requests).toEqual([]);
  });
});

describe('everything else under /api is refused and never forwarded', () => {
  const notFound = [
    '/api',
    '/api/',
    '/api/unknown',
    '/api/rtr',
    '/api/rtr/v2/processes/',
    '/api/rtr/v2/processes/1/',
    '/api/rtr/v2/processes/1/resend',
    '/api/rtr/v2/processes/1/extra/segments',
    '/api/rtr/v1/processes/1',
    '/api/rtr/v2/domains/test.com',
    '/api//rtr/v2/processes/1',
    '/api/rtr/v2//processes/1',
    '/api/rtr/v2/processes/x/../1',
    '/api/rtr/v2/processes/x/%2e%2e/1',
    '/api/rtr/v2/processes/x/%2E%2E/1',
    '/api/rtr/v2/processes/x/.%2e/1',
    '/api/rtr/v2/processes/./1',
    '/api/rtr/v2/processes/1%2F..%2F..%2Fcustomers',
    '/api/rtr/v2/processes/1%2f2',
    '/api/rtr/v2/processes/%5C1',
    '/api/hostway/accounts/acct12345/domains/transfers',
    '/api/hostway/accounts/acct12345/domains/transfers/test.com/extra',
    '/api/hostway/accounts/acct12345/domains/transfers/..%2F..%2Fsecret',
    '/api/hostway/accounts/acct12345/domains/transfers/%2e%2e',
    '/api/hostway/accounts/acct12345/domains',
    '/api/hostway/accounts/acct12345%2Fdomains%2Ftransfers/test.com',
    '/api/hostway/accounts//domains/transfers/test.com',
    '/foo/../api/rtr/v2/processes/1',
    '/api/rtr/../rtr/v2/processes/1',
  ];
  it.each(notFound)('GET %s → 404', async (path) => {
    const res = await h.get(path);
    expect(res.status).toBe(404);
    expect(json(res)).toEqual({
      type: 'ConsoleNotFound',
      message: expect.any(String),
      source: 'console',
    });
    expect(res.headers['cache-control']).toBe('no-store');
    expectSecurityHeaders(res);
    expect(upstream.requests).toHaveLength(0);
  });

  it('a raw backslash never reaches the upstream', async () => {
    const res = await h.get('/api/rtr/v2/processes/1\\..\\2');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(upstream.requests).toHaveLength(0);
  });

  const methods = ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];
  const allowed = [
    '/api/rtr/v2/processes/1',
    '/api/hostway/accounts/acct12345/domains/transfers/test.com',
  ];
  it.each(methods.flatMap((m) => allowed.map((p) => [m, p] as const)))(
    '%s %s → 405 Allow: GET',
    async (method, path) => {
      const res = await h.request(method, path);
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET');
      if (method !== 'HEAD') {
        expect(json(res)).toEqual({
          type: 'ConsoleMethodNotAllowed',
          message: expect.stringContaining(method),
          source: 'console',
        });
      }
      expectSecurityHeaders(res);
      expect(upstream.requests).toHaveLength(0);
    },
  );

  it('other methods on unknown API paths are 404', async () => {
    const res = await h.request('DELETE', '/api/rtr/v2/processes/1/resend');
    expect(res.status).toBe(404);
    expect(upstream.requests).toHaveLength(0);
  });

  it('matchApiRoute works on raw paths', () => {
    expect(matchApiRoute('/api/rtr/v2/processes/7')).toEqual({ api: 'rtr', processId: '7' });
    expect(matchApiRoute('/api/hostway/accounts/a/domains/transfers/b.com')).toEqual({
      api: 'hostway',
      accountNumber: 'a',
      domainName: 'b.com',
    });
    expect(matchApiRoute('/api/rtr/v2/processes/%2e')).toBeUndefined();
  });
});

describe('upstream JSON answers pass through, relabelled', () => {
  const bodies: [number, string, Record<string, string>][] = [
    [200, '{"id":1,"status":"COMPLETED"}', {}],
    [
      400,
      '{"type":"ObjectDoesNotExist","message":"Process not found","objectType":"Process","identifier":"1"}',
      {},
    ],
    [401, '{"type":"AuthenticationError","message":"Invalid api key"}', {}],
    [
      404,
      '{"itemNotFound":{"guid":"","message":"Resource not found","code":404,"details":""}}',
      {},
    ],
    [429, '{"type":"TooManyRequests","message":"Slow down"}', { 'Retry-After': '7' }],
    [500, '{"type":"InternalSRSError","message":"Oops"}', {}],
    [
      503,
      '{"type":"ProviderUnavailable","message":"Maintenance","startDate":"2024-01-01T00:00:00Z"}',
      { 'Retry-After': '120' },
    ],
  ];
  it.each(bodies)('status %i', async (status, body, extra) => {
    upstream.respond((_req, res) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...extra });
      res.end(body);
    });
    for (const path of [
      '/api/rtr/v2/processes/1',
      '/api/hostway/accounts/a/domains/transfers/test.com',
    ]) {
      const res = await h.get(path);
      expect(res.status).toBe(status);
      expect(res.text).toBe(body);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['retry-after']).toBe(extra['Retry-After']);
      expect(res.headers['server-timing']).toMatch(/^upstream;dur=\d+$/);
      expectSecurityHeaders(res);
    }
  });

  it.each([
    [
      'malformed JSON',
      200,
      'application/json',
      Buffer.from('{"id": 1, "status": '),
      /invalid JSON/,
    ],
    [
      'bytes that are not UTF-8',
      200,
      'application/json',
      Buffer.from([0x22, 0xff, 0xfe, 0x22]),
      /not valid UTF-8/,
    ],
    [
      'an HTML error page',
      502,
      'text/html',
      Buffer.from('<html><body>Bad gateway</body></html>'),
      /answered text\/html, not JSON/,
    ],
    ['a 204', 204, undefined, Buffer.alloc(0), /HTTP 204 with no body, not JSON/],
  ] as const)('turns %s into a 502 naming the problem', async (_what, status, type, bytes, why) => {
    upstream.respond((_req, res) => {
      res.writeHead(status, type ? { 'Content-Type': type } : {});
      res.end(bytes);
    });
    const res = await h.get('/api/rtr/v2/processes/1');
    expect(res.status).toBe(502);
    expect(json(res)).toEqual({
      type: 'UpstreamBadResponse',
      message: expect.stringMatching(why),
      source: 'console',
      upstreamStatus: status,
      ...(bytes.length > 0 ? { upstreamExcerpt: new TextDecoder().decode(bytes) } : {}),
    });
    expectSecurityHeaders(res);
  });

  it('compresses a large JSON answer when the browser accepts gzip', async () => {
    const body = JSON.stringify({ id: 1, command: { notes: 'x'.repeat(5000) } });
    upstream.respond((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(body);
    });
    const res = await h.get('/api/rtr/v2/processes/1', { 'Accept-Encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.body).toString()).toBe(body);
  });

  it('redacts a credential the upstream echoes back', async () => {
    upstream.respond((req, res) => {
      res.writeHead(401, {
        'Content-Type': 'application/json',
        'Retry-After': `${req.headers.authorization}`,
      });
      res.end(
        JSON.stringify({
          type: 'AuthenticationError',
          message: `Bad credential ${req.headers.authorization}; key=${RTR_KEY}; token=${HOSTWAY_TOKEN}`,
        }),
      );
    });
    for (const path of [
      '/api/rtr/v2/processes/1',
      '/api/hostway/accounts/a/domains/transfers/test.com',
    ]) {
      const res = await h.get(path);
      expect(res.status).toBe(401);
      expect(res.text).not.toContain('SECRET');
      expect(JSON.stringify(res.headers)).not.toContain('SECRET');
      expect(JSON.parse(res.text)).toMatchObject({ type: 'AuthenticationError' });
      expect(res.text).toContain('[redacted]');
    }
  });
});

describe('upstream failures', () => {
  it('answers 504 UpstreamTimeout when the upstream never answers', async () => {
    const silent = await startRecordingUpstream();
    silent.respond(() => {
      /* never answer */
    });
    const app = await startApp({ upstreamUrl: silent.url, timeoutMs: 200 });
    try {
      const started = Date.now();
      const res = await app.get('/api/rtr/v2/processes/1');
      expect(Date.now() - started).toBeLessThan(2000);
      expect(res.status).toBe(504);
      expect(json(res)).toEqual({
        type: 'UpstreamTimeout',
        message: expect.stringContaining('The Realtime Register API did not answer within 0.2 s'),
        source: 'console',
      });
      expect(res.headers['server-timing']).toMatch(/^upstream;dur=\d+$/);
      expectSecurityHeaders(res);
      expect(silent.requests).toHaveLength(1);
    } finally {
      await app.close();
      await silent.close();
    }
  });

  it('answers 504 when the upstream sends headers but never finishes the body', async () => {
    const stalling = await startRecordingUpstream();
    stalling.respond((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"status":');
    });
    const app = await startApp({ upstreamUrl: stalling.url, timeoutMs: 200 });
    try {
      const res = await app.get('/api/hostway/accounts/a/domains/transfers/test.com');
      expect(res.status).toBe(504);
      expect((json(res) as { message: string }).message).toContain('Hostway API');
    } finally {
      await app.close();
      await stalling.close();
    }
  });

  it('answers 502 UpstreamUnreachable when the connection is refused, without naming the URL', async () => {
    const port = await closedPort();
    const app = await startApp({ upstreamUrl: `http://127.0.0.1:${port}` });
    try {
      for (const [path, name] of [
        ['/api/rtr/v2/processes/1', 'Realtime Register API'],
        ['/api/hostway/accounts/a/domains/transfers/test.com', 'Hostway API'],
      ] as const) {
        const res = await app.get(path);
        expect(res.status).toBe(502);
        const body = json(res) as { type: string; message: string; source: string };
        expect(body.type).toBe('UpstreamUnreachable');
        expect(body.source).toBe('console');
        expect(body.message).toContain(name);
        expect(body.message).toContain('connection refused');
        expect(res.text).not.toContain(String(port));
        expect(res.text).not.toContain('127.0.0.1');
        expectSecurityHeaders(res);
      }
      // The server-side log names the upstream (without credentials) for the operator.
      expect(
        app.logs.some((l) => l.includes(`127.0.0.1:${port}`) && l.includes('ECONNREFUSED')),
      ).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('answers 502 when the upstream resets the connection', async () => {
    const rude = await startRecordingUpstream();
    rude.respond((req) => req.socket.destroy());
    const app = await startApp({ upstreamUrl: rude.url });
    try {
      const res = await app.get('/api/rtr/v2/processes/1');
      expect(res.status).toBe(502);
      expect((json(res) as { type: string }).type).toBe('UpstreamUnreachable');
    } finally {
      await app.close();
      await rude.close();
    }
  });
});

describe('static files and the SPA fallback', () => {
  let dir: string;
  let s: Harness;
  const indexHtml = `<!doctype html><html><head><script type="module" src="/assets/app-abc123.js"></script></head><body><div id="root"></div>${'<!-- padding -->'.repeat(100)}</body></html>`;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'console-static-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), indexHtml);
    await writeFile(join(dir, 'assets', 'app-abc123.js'), 'console.log("app");');
    await writeFile(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    s = await startApp({ upstreamUrl: upstream.url, staticDir: dir });
  });
  afterAll(async () => {
    await s.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['/', '/index.html'])('serves %s with no-cache', async (path) => {
    const res = await s.get(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toBe(indexHtml);
    expectSecurityHeaders(res, 'page');
  });

  it('serves hashed assets as immutable', async () => {
    const res = await s.get('/assets/app-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.text).toBe('console.log("app");');
    expectSecurityHeaders(res, 'page');
  });

  it('serves other files with no-cache', async () => {
    const res = await s.get('/favicon.svg');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it.each([
    '/processes/46069000',
    '/processes/1000003?tab=raw',
    '/transfers/acct12345/test.com',
    '/transfers/acct12345/moving-1.com',
    '/transfers?account=acct12345&domains=a.com,b.com',
    '/some/unknown/page',
    '/api-docs',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/../../etc/passwd',
  ])('deep link %s gets index.html with 200', async (path) => {
    const res = await s.get(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toBe(indexHtml);
    expectSecurityHeaders(res, 'page');
  });

  it('answers /robots.txt with "disallow everything", as text, not the SPA', async () => {
    for (const method of ['GET', 'HEAD']) {
      const res = await s.request(method, '/robots.txt');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toBe(method === 'GET' ? 'User-agent: *\nDisallow: /\n' : '');
      expectSecurityHeaders(res, 'page');
    }
  });

  it('a missing asset is a 404, not index.html', async () => {
    const res = await s.get('/assets/gone-123.js');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('<html');
  });

  it('HEAD works for pages; other methods are 405', async () => {
    const head = await s.request('HEAD', '/processes/1');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    const post = await s.request('POST', '/processes/1');
    expect(post.status).toBe(405);
    expectSecurityHeaders(post, 'page');
  });

  it('compresses text when the browser accepts gzip', async () => {
    const res = await s.get('/transfers/acct12345/test.com', { 'Accept-Encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.body).toString()).toBe(indexHtml);
  });

  it('the API still answers JSON beside the static files', async () => {
    const res = await s.get('/api/nope');
    expect(res.status).toBe(404);
    expect((json(res) as { type: string }).type).toBe('ConsoleNotFound');
  });
});

describe('when the SPA has not been built', () => {
  it.each([false, true])(
    'answers 503 telling to run npm run build (dir exists: %s)',
    async (exists) => {
      const dir = exists
        ? await mkdtemp(join(tmpdir(), 'console-empty-'))
        : join(tmpdir(), 'console-none-xyz');
      const s = await startApp({ upstreamUrl: upstream.url, staticDir: dir });
      try {
        for (const path of ['/', '/processes/46069000']) {
          const res = await s.get(path);
          expect(res.status).toBe(503);
          expect(res.headers['content-type']).toMatch(/^text\/plain/);
          expect(res.text).toContain('npm run build');
          expectSecurityHeaders(res, 'page');
        }
        const api = await s.get('/api/rtr/v2/processes/1');
        expect(api.status).toBe(200);
        const robots = await s.get('/robots.txt');
        expect(robots.status).toBe(200);
        expect(robots.text).toBe('User-agent: *\nDisallow: /\n');
      } finally {
        await s.close();
        if (exists) await rm(dir, { recursive: true, force: true });
      }
    },
  );
});

describe('access log', () => {
  it('writes exactly one line per request, without the query string', async () => {
    await h.get('/api/rtr/v2/processes/46069000?fields=id');
    await h.get('/api/rtr/v2/processes/abc');
    await h.request('POST', '/api/rtr/v2/processes/1');
    await h.get('/processes/1?x=secretish');
    expect(h.logs).toHaveLength(4);
    expect(h.logs[0]).toMatch(/^GET \/api\/rtr\/v2\/processes\/46069000 200 \d+ms upstream=\d+ms$/);
    expect(h.logs[1]).toMatch(/^GET \/api\/rtr\/v2\/processes\/abc 400 \d+ms$/);
    expect(h.logs[2]).toMatch(/^POST \/api\/rtr\/v2\/processes\/1 405 \d+ms$/);
    expect(h.logs[3]).toMatch(/^GET \/processes\/1 503 \d+ms$/);
  });

  it('redacts a secret even when a client puts it in the path', async () => {
    const res = await h.get(`/api/rtr/v2/processes/${RTR_KEY}`);
    expect(res.status).toBe(400);
    expect(res.text).not.toContain(RTR_KEY);
    expect(h.logs).toHaveLength(1);
    expect(h.logs[0]).toContain('[redacted]');
  });
});

describe('secrets', () => {
  it('never appear in a response body, response header or log line, whatever is asked', async () => {
    // An upstream that repeats the credential it was sent, plain and JSON-escaped, in its
    // headers and body; process 504 never answers.
    const echo = await startRecordingUpstream();
    echo.respond((req, res) => {
      if (req.url?.endsWith('/504')) return;
      const auth = req.headers.authorization ?? '';
      res.writeHead(req.url?.includes('/401') ? 401 : 200, {
        'Content-Type': 'application/json',
        'Retry-After': auth,
        'X-Echo': auth,
      });
      res.end(JSON.stringify({ status: 7, description: auth, echoed: { auth, url: req.url } }));
    });
    const app = await startApp({ upstreamUrl: echo.url, timeoutMs: 300 });
    const dead = await startApp({ upstreamUrl: `http://127.0.0.1:${await closedPort()}` });
    try {
      const asked: RawResponse[] = [];
      for (const path of [
        '/api/rtr/v2/processes/46069000',
        '/api/rtr/v2/processes/46069000?fields=id,status',
        '/api/rtr/v2/processes/401',
        '/api/rtr/v2/processes/504',
        `/api/rtr/v2/processes/${RTR_KEY}`,
        `/api/rtr/v2/processes/1?fields=${RTR_KEY}&key=${HOSTWAY_TOKEN}`,
        '/api/hostway/accounts/acct1/domains/transfers/example.com',
        `/api/hostway/accounts/${HOSTWAY_TOKEN}/domains/transfers/example.com`,
        '/api/transfers/acct1/example.com/history',
        `/api/transfers/acct1/${RTR_KEY}.com/history`,
        `/api/${RTR_KEY}`,
        `/processes/${RTR_KEY}`,
        '/robots.txt',
      ]) {
        asked.push(await app.get(path));
      }
      asked.push(await app.request('POST', `/api/rtr/v2/processes/${HOSTWAY_TOKEN}`));
      asked.push(
        await rawRequest(
          app.url,
          'POST',
          '/api/domain-names',
          { 'Content-Type': 'application/json' },
          JSON.stringify({ names: [`${RTR_KEY}.com`, `https://${HOSTWAY_TOKEN}.example.com/`] }),
        ),
      );
      asked.push(await dead.get('/api/rtr/v2/processes/1'));
      asked.push(await dead.get('/api/hostway/accounts/a/domains/transfers/test.com'));

      // The secrets did travel: to the upstream, and back to the console.
      expect(echo.requests.map((r) => r.headers.authorization)).toContain(`ApiKey ${RTR_KEY}`);
      expect(echo.requests.map((r) => r.headers.authorization)).toContain(HOSTWAY_AUTH);
      expect(asked.map((r) => r.status)).toEqual([
        200, 200, 401, 504, 400, 400, 200, 200, 200, 400, 404, 503, 200, 405, 200, 502, 502,
      ]);
      expect(asked.filter((r) => r.text.includes('[redacted]')).length).toBeGreaterThan(5);

      const seen = [
        ...asked.map((r) => JSON.stringify(r.headers) + r.body.toString('latin1')),
        ...app.logs,
        ...dead.logs,
      ];
      expect(app.logs).toHaveLength(16);
      for (const secret of [RTR_KEY, HOSTWAY_TOKEN, 'SECRET']) {
        for (const text of seen) expect(text).not.toContain(secret);
      }
    } finally {
      await app.close();
      await dead.close();
      await echo.close();
    }
  });
});
