// @vitest-environment node
// The access log line's scheme field: the proxy's X-Forwarded-Proto with TRUST_PROXY=1, the
// connection's own scheme otherwise (a header anyone can send is not believed).
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, type ConsoleEnv } from './access-log.ts';
import type { LogFields } from './log.ts';
import {
  startRecordingUpstream,
  startTestApp,
  type RecordingUpstream,
  type TestApp,
} from './test-support.ts';

let upstream: RecordingUpstream;
beforeAll(async () => {
  upstream = await startRecordingUpstream();
});
afterAll(() => upstream.close());

describe('over real HTTP', () => {
  let plain: TestApp;
  let proxied: TestApp;
  beforeAll(async () => {
    plain = await startTestApp(upstream.url);
    proxied = await startTestApp(upstream.url, { trustProxy: true });
  });
  afterAll(async () => {
    await plain.close();
    await proxied.close();
  });

  it.each([
    [{}, 'http'],
    [{ 'X-Forwarded-Proto': 'https' }, 'http'],
  ])('without TRUST_PROXY, %o: the connection’s scheme, %s', async (headers, scheme) => {
    await plain.get('/api/rtr/v2/processes/46069000', headers);
    expect(plain.entries.at(-1)).toMatchObject({
      path: '/api/rtr/v2/processes/46069000',
      status: 200,
      client: '127.0.0.1',
      scheme,
    });
  });

  it.each([
    [{ 'X-Forwarded-Proto': 'https' }, 'https'],
    [{ 'X-Forwarded-Proto': 'HTTPS' }, 'https'],
    [{ 'X-Forwarded-Proto': 'http' }, 'http'],
    // The proxy appends its own value: the last one counts.
    [{ 'X-Forwarded-Proto': 'http, https' }, 'https'],
    [{ 'X-Forwarded-Proto': 'https, http' }, 'http'],
    // Missing or not a scheme the console knows: the connection's.
    [{}, 'http'],
    [{ 'X-Forwarded-Proto': 'ftp' }, 'http'],
  ])('with TRUST_PROXY=1, %o: %s', async (headers, scheme) => {
    await proxied.get('/healthz', { 'X-Forwarded-For': '198.51.100.4', ...headers });
    expect(proxied.entries.at(-1)).toMatchObject({
      path: '/healthz',
      client: '198.51.100.4',
      scheme,
    });
  });

  it('on a refused request too', async () => {
    await proxied.get('/api/rtr/v2/processes/1', {
      Host: 'evil.example',
      'X-Forwarded-Proto': 'https',
    });
    expect(proxied.entries.at(-1)).toMatchObject({ status: 421, scheme: 'https' });
  });
});

describe('on a TLS connection', () => {
  it.each([false, true])('is https (TRUST_PROXY %s, no X-Forwarded-Proto)', async (trustProxy) => {
    const entries: LogFields[] = [];
    const app = new Hono<ConsoleEnv>();
    app.use(accessLog((_line, fields) => entries.push(fields ?? {}), { trustProxy }));
    app.get('/', (c) => c.text('ok'));
    // What @hono/node-server hands the app for a request that came over TLS.
    const incoming = { socket: { remoteAddress: '192.0.2.7', encrypted: true } };
    const res = await app.request('/', {}, { incoming });
    expect(res.status).toBe(200);
    expect(entries).toEqual([expect.objectContaining({ path: '/', scheme: 'https' })]);
  });
});
