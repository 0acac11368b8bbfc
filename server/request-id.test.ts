// @vitest-environment node
// Every request has an id: kept when a valid one comes in, made otherwise, answered as
// X-Request-Id, in every console error body and on every log line of that request.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeForward, limitForward } from './proxy.ts';
import {
  closedPort,
  startRecordingUpstream,
  startTestApp,
  TEST_HOSTWAY_AUTH,
  TEST_RTR_KEY,
  type RecordingUpstream,
  type TestApp,
} from './test-support.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let upstream: RecordingUpstream;
let app: TestApp;
beforeAll(async () => {
  upstream = await startRecordingUpstream();
  app = await startTestApp(upstream.url);
});
afterAll(async () => {
  await app.close();
  await upstream.close();
});
afterEach(() => {
  app.logs.length = 0;
  app.entries.length = 0;
});

describe('X-Request-Id', () => {
  it.each([
    'abc-123',
    'a'.repeat(128),
    'Root=1-67891233-abcdef012345678912345678',
    'f47ac10b-58cc-4372-a567-0e02b2c3d479',
  ])('keeps a valid incoming id (%s) and answers it', async (id) => {
    const res = await app.get('/api/rtr/v2/processes/46069000', { 'X-Request-Id': id });
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe(id);
    expect(app.entries.at(-1)).toMatchObject({ requestId: id, status: 200 });
  });

  it.each([
    ['too long', 'a'.repeat(129)],
    ['a space', 'abc def'],
    ['markup', '<script>x</script>'],
    ['a dot and a colon', 'host.example:1'],
    ['empty', ''],
  ])('replaces an incoming id with %s by a new UUID', async (_what, id) => {
    const res = await app.get('/api/rtr/v2/processes/46069000', { 'X-Request-Id': id });
    expect(res.headers['x-request-id']).toMatch(UUID);
    expect(app.entries.at(-1)?.requestId).toBe(res.headers['x-request-id']);
  });

  it('makes a new one for every request without one', async () => {
    const a = await app.get('/healthz');
    const b = await app.get('/no/such/page');
    expect(a.headers['x-request-id']).toMatch(UUID);
    expect(b.headers['x-request-id']).toMatch(UUID);
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
  });

  it('replaces an incoming id that holds a secret: it is echoed and logged', async () => {
    for (const secret of [TEST_RTR_KEY, TEST_HOSTWAY_AUTH.split(' ')[1] ?? '']) {
      const res = await app.get('/api/rtr/v2/processes/46069000', { 'X-Request-Id': secret });
      expect(res.headers['x-request-id']).toMatch(UUID);
      const seen = JSON.stringify(res.headers) + res.text + JSON.stringify(app.entries);
      expect(seen).not.toContain(secret);
    }
  });

  it('is in every console error body, equal to the header', async () => {
    for (const [path, headers, status] of [
      ['/api/rtr/v2/processes/abc', {}, 400],
      ['/api/nothing-here', {}, 404],
      ['/api/rtr/v2/processes/1', { Host: 'evil.example' }, 421],
      ['/api/rtr/v2/processes/1', { Origin: 'https://evil.example' }, 403],
    ] as const) {
      const res = await app.get(path, { 'X-Request-Id': `err-${status}`, ...headers });
      expect(res.status).toBe(status);
      expect(res.headers['x-request-id']).toBe(`err-${status}`);
      expect(JSON.parse(res.text)).toMatchObject({ source: 'console', requestId: `err-${status}` });
    }
  });

  it('is answered on pages and files too', async () => {
    const res = await app.get('/processes/1', { 'X-Request-Id': 'page-1' });
    expect(res.headers['x-request-id']).toBe('page-1');
  });
});

describe('log lines carry the request id', () => {
  it('on the access line, with method, raw path (no query), status, times, user and scheme', async () => {
    await app.get('/api/rtr/v2/processes/46069000?fields=id', { 'X-Request-Id': 'line-1' });
    expect(app.entries.at(-1)).toMatchObject({
      line: expect.stringMatching(
        /^GET \/api\/rtr\/v2\/processes\/46069000 200 \d+ms upstream=\d+ms$/,
      ),
      requestId: 'line-1',
      method: 'GET',
      path: '/api/rtr/v2/processes/46069000',
      status: 200,
      ms: expect.any(Number),
      upstreamMs: expect.any(Number),
      user: 'local',
      client: '127.0.0.1',
      scheme: 'http',
    });
  });

  it('on the lines a route logs while it handles the request', async () => {
    const port = await closedPort();
    const unreachable = await startTestApp(`http://127.0.0.1:${port}`, {
      forward: { rtr: limitForward(2, makeForward()), hostway: limitForward(2, makeForward()) },
    });
    try {
      const res = await unreachable.get('/api/rtr/v2/processes/1', { 'X-Request-Id': 'down-1' });
      expect(res.status).toBe(502);
      const lines = unreachable.entries.filter((e) => e.requestId === 'down-1');
      expect(lines.map((e) => e.line)).toEqual([
        expect.stringMatching(/^upstream unreachable: /),
        expect.stringMatching(/^GET \/api\/rtr\/v2\/processes\/1 502 /),
      ]);
      expect(lines[0]?.level).toBe('warn');
    } finally {
      await unreachable.close();
    }
  });

  it('on the lines of modules that know nothing of requests (the history recorder)', async () => {
    // The test upstream answers {"ok":true}: not a transfer status, so the recorder says so.
    const res = await app.get('/api/hostway/accounts/acct12345/domains/transfers/test.com', {
      'X-Request-Id': 'rec-1',
    });
    expect(res.status).toBe(200);
    const lines = app.entries.filter((e) => e.requestId === 'rec-1').map((e) => e.line);
    expect(lines).toEqual([
      expect.stringMatching(/^transfer status not recorded: /),
      expect.stringMatching(/^GET \/api\/hostway\/.* 200 /),
    ]);
  });

  it('keeps requests apart when they overlap', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.get('/api/hostway/accounts/acct12345/domains/transfers/test.com', {
          'X-Request-Id': `overlap-${i}`,
        }),
      ),
    );
    for (let i = 0; i < 20; i++) {
      const lines = app.entries.filter((e) => e.requestId === `overlap-${i}`);
      expect(lines).toHaveLength(2);
      expect(lines.every((e) => e.line.includes('test.com') || e.path?.includes('test.com'))).toBe(
        true,
      );
    }
  });
});
