// @vitest-environment node
// GET /healthz, GET /metrics (who may read it; what it says), HSTS and TRUST_PROXY.
import { networkInterfaces } from 'node:os';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AppOptions } from './app.ts';
import { createConsoleServer } from './http-server.ts';
import { createMetrics, routeLabel } from './metrics.ts';
import { limitForward } from './proxy.ts';
import { openHistoryStore } from './transfer-history.ts';
import { createTransferWatcher } from './transfer-watcher.ts';
import { hostwayUpstream, rtrUpstream } from './upstreams.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  rawRequest,
  startRecordingUpstream,
  startTestApp,
  TEST_RTR_KEY,
  type RecordingUpstream,
  type TestApp,
} from './test-support.ts';

const TOKEN = 'metrics-SECRET-token-0123456789';

let upstream: RecordingUpstream;
const apps: TestApp[] = [];
const start = async (overrides?: Partial<AppOptions>) => {
  const app = await startTestApp(upstream.url, overrides);
  apps.push(app);
  return app;
};
beforeAll(async () => {
  upstream = await startRecordingUpstream();
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await upstream.close();
});

describe('GET /healthz', () => {
  it('answers 200 {"status":"ok"} for any Host, without sign-in, reaching nothing', async () => {
    const app = await start();
    for (const host of [undefined, '10.1.2.3:8080']) {
      const res = await app.get('/healthz', host ? { Host: host } : {});
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text)).toEqual({ status: 'ok' });
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    }
    expect(upstream.requests).toHaveLength(0);
  });
});

describe('GET /metrics: who may read it', () => {
  const body = (text: string) => JSON.parse(text) as Record<string, unknown>;

  it('loopback without METRICS_TOKEN: allowed', async () => {
    const app = await start();
    const res = await app.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('loopback, but the Host is another name (a DNS-rebinding page): 403', async () => {
    const app = await start();
    const res = await app.get('/metrics', { Host: 'rebind.attacker.example' });
    expect(res.status).toBe(403);
    expect(body(res.text)).toMatchObject({ type: 'ConsoleForbidden', source: 'console' });
  });

  it('a client that is not loopback, without METRICS_TOKEN: 403 JSON', async () => {
    // A real connection from a non-loopback address of this machine.
    const address = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && !i.internal && i.family === 'IPv4')?.address;
    expect(address, 'this test needs a non-loopback IPv4 interface').toBeDefined();
    const dataDir = await mkdtemp(join(tmpdir(), 'console-metrics-'));
    const history = await openHistoryStore(dataDir);
    const app = createApp({
      upstreams: {
        rtr: rtrUpstream(`${upstream.url}/rtr`, TEST_RTR_KEY),
        hostway: hostwayUpstream(`${upstream.url}/hw`, 'Bearer hw-token-0123'),
      },
      forward: { rtr: limitForward(1), hostway: limitForward(1) },
      timeoutMs: 1000,
      staticDir: dataDir,
      history,
      hosts: { allowedHosts: [address!] },
      logger: () => {},
    });
    const server = createConsoleServer(app.fetch);
    await new Promise<void>((resolve) => server.listen(0, address, resolve));
    try {
      const url = `http://${address}:${(server.address() as AddressInfo).port}`;
      const res = await rawRequest(url, 'GET', '/metrics');
      expect(res.status).toBe(403);
      expect(body(res.text)).toMatchObject({
        type: 'ConsoleForbidden',
        message: expect.stringContaining('loopback'),
        source: 'console',
        requestId: res.headers['x-request-id'],
      });
      expect(res.text).not.toContain('console_http_requests_total');
      // The probes answer it all the same.
      expect((await rawRequest(url, 'GET', '/healthz')).status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await history.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('with METRICS_TOKEN: the bearer of the token is allowed, from any Host', async () => {
    const app = await start({ metricsToken: TOKEN });
    for (const auth of [`Bearer ${TOKEN}`, `bearer ${TOKEN}`]) {
      const res = await app.get('/metrics', { Authorization: auth, Host: '10.0.0.7:8080' });
      expect(res.status).toBe(200);
      expect(res.text).toContain('# TYPE console_http_requests_total counter');
    }
  });

  it('with METRICS_TOKEN: loopback alone is not enough, nor a wrong token', async () => {
    const app = await start({ metricsToken: TOKEN });
    for (const headers of [
      {} as Record<string, string>,
      { Authorization: `Bearer ${TOKEN.slice(0, -1)}` },
      { Authorization: `Bearer ${TOKEN}x` },
      { Authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` },
      { Authorization: TOKEN },
      { Authorization: 'Bearer' },
    ]) {
      const res = await app.get('/metrics', headers);
      expect(res.status).toBe(403);
      expect(body(res.text)).toMatchObject({
        type: 'ConsoleForbidden',
        message: expect.stringContaining('METRICS_TOKEN'),
      });
    }
    // The token is a secret: never in a log line, whatever was sent.
    expect(JSON.stringify(app.entries)).not.toContain(TOKEN);
  });

  it('redacts METRICS_TOKEN from logs and answers, like the upstream credentials', async () => {
    const app = await start({ metricsToken: TOKEN });
    const res = await app.get(`/api/rtr/v2/processes/${encodeURIComponent(TOKEN)}`);
    expect(res.status).toBe(400);
    expect(res.text).not.toContain(TOKEN);
    expect(res.text).toContain('[redacted]');
    expect(JSON.stringify(app.entries)).not.toContain(TOKEN);
    expect(app.logs.at(-1)).toContain('[redacted]');
  });

  describe('TRUST_PROXY', () => {
    it('=1: a request proxied from elsewhere is not loopback, nor one without X-Forwarded-For', async () => {
      const app = await start({ trustProxy: true });
      for (const xff of ['203.0.113.9', '127.0.0.1, 203.0.113.9']) {
        const res = await app.get('/metrics', { 'X-Forwarded-For': xff });
        expect([xff, res.status]).toEqual([xff, 403]);
      }
      expect((await app.get('/metrics')).status).toBe(403);
      // The proxy's own view of a loopback client (the last entry is the one it appended).
      const local = await app.get('/metrics', { 'X-Forwarded-For': '203.0.113.9, 127.0.0.1' });
      expect(local.status).toBe(200);
      // …and the access log says who the client was.
      await app.get('/healthz', {
        'X-Forwarded-For': '198.51.100.4',
        'X-Forwarded-Proto': 'https',
      });
      expect(app.entries.at(-1)).toMatchObject({ path: '/healthz', client: '198.51.100.4' });
    });

    it('off (default): X-Forwarded-For is ignored, the socket is the client', async () => {
      const app = await start();
      const res = await app.get('/metrics', { 'X-Forwarded-For': '203.0.113.9' });
      expect(res.status).toBe(200);
      expect(app.entries.at(-1)).toMatchObject({ path: '/metrics', client: '127.0.0.1' });
    });
  });
});

describe('GET /metrics: what it says', () => {
  it('counts requests by route and status, durations, upstream latency and errors, history rows', async () => {
    const metrics = createMetrics();
    const app = await start({ metrics });
    upstream.respond((req, res) => {
      if (req.url?.includes('/hw/')) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"status":7,"description":"Pending","statusChangeDate":"2024-05-01T10:00:00Z"}');
      } else if (req.url?.includes('/processes/500')) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end('{"type":"InternalError","message":"x"}');
      } else if (req.url?.includes('/processes/502')) {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<html>');
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"ok":true}');
      }
    });
    try {
      await app.get('/api/rtr/v2/processes/46069000');
      await app.get('/api/rtr/v2/processes/46069000');
      await app.get('/api/rtr/v2/processes/500');
      await app.get('/api/rtr/v2/processes/502');
      await app.get('/api/rtr/v2/processes/abc');
      await app.get('/api/hostway/accounts/acct12345/domains/transfers/test.com');
      await app.get('/api/hostway/accounts/acct12345/domains/transfers/test.com');
      await app.get('/transfers/acct12345/test.com');
      await app.get('/assets/missing-1234.js');
      await app.get('/processes/1', { Host: 'evil.example' });
    } finally {
      upstream.respond((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"ok":true}');
      });
    }
    const text = (await app.get('/metrics')).text;
    const line = (name: string) =>
      text.split('\n').find((l) => l.startsWith(`${name} `) || l === name);
    const value = (series: string) => Number(line(series)?.split(' ').at(-1) ?? NaN);

    expect(
      value('console_http_requests_total{route="rtr-process",method="GET",status="200"}'),
    ).toBe(2);
    expect(
      value('console_http_requests_total{route="rtr-process",method="GET",status="500"}'),
    ).toBe(1);
    expect(
      value('console_http_requests_total{route="rtr-process",method="GET",status="502"}'),
    ).toBe(1);
    expect(
      value('console_http_requests_total{route="rtr-process",method="GET",status="400"}'),
    ).toBe(1);
    expect(
      value('console_http_requests_total{route="hostway-transfer",method="GET",status="200"}'),
    ).toBe(2);
    expect(value('console_http_requests_total{route="spa",method="GET",status="421"}')).toBe(1);
    expect(value('console_http_requests_total{route="static",method="GET",status="404"}')).toBe(1);
    expect(value('console_http_request_duration_seconds_count{route="rtr-process"}')).toBe(5);
    // Four RTR requests were sent (the invalid id never was), two to Hostway.
    expect(value('console_upstream_request_duration_seconds_count{api="rtr"}')).toBe(4);
    expect(value('console_upstream_request_duration_seconds_count{api="hostway"}')).toBe(2);
    expect(value('console_upstream_errors_total{api="rtr",kind="5xx"}')).toBe(1);
    expect(value('console_upstream_errors_total{api="rtr",kind="bad-response"}')).toBe(1);
    // The same status twice: one new row, then seen again.
    expect(value('console_history_records_total{source="lookup",outcome="new"}')).toBe(1);
    expect(value('console_history_records_total{source="lookup",outcome="unchanged"}')).toBe(1);
    expect(value('console_history_writes_failed_total')).toBe(0);
    // Never a raw path, a query or a secret.
    expect(text).not.toMatch(/46069000|acct12345|test\.com|evil/);
    expect(text).not.toContain(TEST_RTR_KEY);
  });

  it('counts watcher runs and their outcomes', async () => {
    const metrics = createMetrics();
    const dataDir = await mkdtemp(join(tmpdir(), 'console-metrics-watch-'));
    const history = await openHistoryStore(dataDir);
    try {
      await history.record('acct12345', 'a.com', { status: 7, description: 'Pending' }, 'lookup');
      const watcher = createTransferWatcher({
        history,
        upstream: hostwayUpstream(`${upstream.url}/hw`, 'Bearer hw-token-0123'),
        forward: async () => ({ kind: 'timeout', durationMs: 5 }),
        timeoutMs: 100,
        intervalS: 0,
        logger: () => {},
        onRun: metrics.watcherRun,
      });
      await watcher.runOnce();
      await watcher.runOnce();
      const text = await metrics.registry.metrics();
      expect(text).toContain('console_transfer_watcher_runs_total 2');
      expect(text).toContain('console_transfer_watcher_checks_total{outcome="failed"} 2');
    } finally {
      await history.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('keeps each app its own registry', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.request('GET', '/healthz', 200, 0.001);
    expect(await a.registry.metrics()).toContain('route="healthz"');
    expect(await b.registry.metrics()).not.toContain('route="healthz"');
  });
});

describe('routeLabel', () => {
  const LABELS = new Set([
    'healthz',
    'readyz',
    'metrics',
    'rtr-process',
    'hostway-transfer',
    'history',
    'domain-names',
    'session',
    'audit',
    'watch',
    'watch-action',
    'api-other',
    'auth',
    'static',
    'spa',
    'other',
  ]);

  it('names every path with one of a fixed set of labels (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webPath(), fc.webUrl()), (path) => {
        expect(LABELS.has(routeLabel(path))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['/api/rtr/v2/processes/46069000', 'rtr-process'],
    ['/api/hostway/accounts/acct12345/domains/transfers/test.com', 'hostway-transfer'],
    ['/api/transfers/acct12345/test.com/history', 'history'],
    ['/api/domain-names', 'domain-names'],
    ['/api/session', 'session'],
    ['/api/watch', 'watch'],
    ['/api/watch/acct12345/test.com/stop', 'watch-action'],
    ['/api/../etc/passwd', 'api-other'],
    ['/auth/callback', 'auth'],
    ['/assets/index-abc123.js', 'static'],
    ['/favicon.svg', 'static'],
    ['/transfers/acct12345/example.co.uk', 'spa'],
    ['/', 'spa'],
    ['/metrics', 'metrics'],
  ])('%s → %s', (path, label) => {
    expect(routeLabel(path)).toBe(label);
  });
});

describe('HSTS', () => {
  it('is sent on every answer when PUBLIC_URL is https', async () => {
    const app = await start({
      hosts: { allowedHosts: ['console.example.com'], publicOrigin: 'https://console.example.com' },
    });
    for (const path of ['/processes/1', '/api/rtr/v2/processes/abc', '/healthz']) {
      const res = await app.get(path, { Host: 'console.example.com' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    }
  });

  it('is not sent when PUBLIC_URL is http or unset', async () => {
    for (const publicOrigin of ['http://console.example.com', undefined]) {
      const app = await start({ hosts: { allowedHosts: ['console.example.com'], publicOrigin } });
      const res = await app.get('/processes/1', { Host: 'console.example.com' });
      expect(res.status).not.toBe(421);
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });
});
