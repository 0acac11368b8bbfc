// @vitest-environment node
// The transfer history as the browser sees it: statuses recorded while proxying, the history
// endpoint, and the limit on simultaneous requests to the Hostway API.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TransferHistory } from '../src/contract/transfer-history.ts';
import { createApp } from './app.ts';
import { forward, limitForward, type LimitedForward } from './proxy.ts';
import { hostwayUpstream, rtrUpstream } from './upstreams.ts';
import { openHistoryStore, type HistoryStore } from './transfer-history.ts';
import { createTransferWatcher } from './transfer-watcher.ts';
import {
  rawRequest,
  startRecordingUpstream,
  type RawResponse,
  type RecordingUpstream,
  type UpstreamHandler,
} from './test-support.ts';

const HOSTWAY_AUTH = 'Bearer hw-SECRET-token';
const LOOKUP = '/api/hostway/accounts/acct12345/domains/transfers/test.com';
const HISTORY = '/api/transfers/acct12345/test.com/history';

const pending = {
  status: 7,
  emailAddress: 'joshbond@usa.net',
  description: 'Auto verification of transfer request initiated',
  statusChangeDate: '2014-03-25T11:15:11-05:00',
};
const acked = { status: 6, description: 'Approved', statusChangeDate: '2014-03-26T09:00:00Z' };

const answer =
  (body: unknown, status = 200): UpstreamHandler =>
  (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

interface Harness {
  url: string;
  logs: string[];
  history: HistoryStore;
  hostwayForward: LimitedForward;
  get(path: string): Promise<RawResponse>;
  request(method: string, path: string): Promise<RawResponse>;
  close(): Promise<void>;
}

async function startApp(
  upstreamUrl: string,
  options: { concurrency?: number; timeoutMs?: number } = {},
): Promise<Harness> {
  const logs: string[] = [];
  const dataDir = await mkdtemp(join(tmpdir(), 'console-transfers-'));
  const history = await openHistoryStore(dataDir);
  const hostwayForward = limitForward(options.concurrency ?? 6);
  const app = createApp({
    upstreams: {
      rtr: rtrUpstream(`${upstreamUrl}/rtr`, 'rtr-SECRET'),
      hostway: hostwayUpstream(`${upstreamUrl}/hw`, HOSTWAY_AUTH),
    },
    timeoutMs: options.timeoutMs ?? 2000,
    staticDir: join(tmpdir(), 'registrar-console-does-not-exist'),
    history,
    forward: { rtr: forward, hostway: hostwayForward },
    logger: (line) => logs.push(line),
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    logs,
    history,
    hostwayForward,
    get: (path) => rawRequest(url, 'GET', path),
    request: (method, path) => rawRequest(url, method, path),
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

function body(res: RawResponse): TransferHistory {
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return JSON.parse(res.text) as TransferHistory;
}

let upstream: RecordingUpstream;
let h: Harness;
// One console for most tests; each test uses its own account, so histories never mix.
let account = '';
let accounts = 0;
const lookup = (domain = 'test.com') =>
  `/api/hostway/accounts/${account}/domains/transfers/${domain}`;
const historyOf = (domain = 'test.com') => `/api/transfers/${account}/${domain}/history`;

beforeAll(async () => {
  upstream = await startRecordingUpstream();
  h = await startApp(upstream.url);
});
afterAll(async () => {
  await h.close();
  await upstream.close();
});
beforeEach(() => {
  account = `acct${++accounts}`;
  upstream.requests.length = 0;
  h.logs.length = 0;
  upstream.respond(answer(pending));
});

describe('recording while proxying', () => {
  it('records each distinct status once, however often it is looked up', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await h.get(lookup());
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text)).toEqual(pending);
    }
    upstream.respond(answer(acked));
    await h.get(lookup());
    await h.get(lookup());

    const res = await h.get(historyOf());
    expect(res.headers['cache-control']).toBe('no-store');
    const history = body(res);
    expect(history).toEqual({
      accountNumber: account,
      domainName: 'test.com',
      observations: [
        {
          status: 7,
          description: 'Auto verification of transfer request initiated',
          emailAddress: 'joshbond@usa.net',
          statusChangeDate: '2014-03-25T11:15:11-05:00',
          firstSeenAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
          lastSeenAt: expect.stringMatching(/Z$/),
          seenCount: 3,
          source: 'lookup',
        },
        {
          status: 6,
          description: 'Approved',
          statusChangeDate: '2014-03-26T09:00:00Z',
          firstSeenAt: expect.stringMatching(/Z$/),
          lastSeenAt: expect.stringMatching(/Z$/),
          seenCount: 2,
          source: 'lookup',
        },
      ],
    });
    const [first, second] = history.observations;
    expect(first!.firstSeenAt <= first!.lastSeenAt).toBe(true);
    expect(first!.lastSeenAt <= second!.firstSeenAt).toBe(true);
    // The history is the console's own: it never reaches the upstream.
    expect(upstream.requests).toHaveLength(5);
  });

  it('keeps domains and accounts apart, stored as forwarded (lower-case A-label)', async () => {
    await h.get(lookup('xn--bcher-kva.com'));
    await h.get(`/api/hostway/accounts/${account}_B/domains/transfers/test.com`);
    expect(body(await h.get(historyOf())).observations).toEqual([]);
    const idn = body(await h.get(historyOf('xn--bcher-kva.com')));
    expect(idn.domainName).toBe('xn--bcher-kva.com');
    expect(idn.observations).toHaveLength(1);
    const other = body(await h.get(`/api/transfers/${account}_B/test.com/history`));
    expect(other.observations).toHaveLength(1);
  });

  it.each([
    ['a 404', answer({ itemNotFound: { message: 'Resource not found', code: 404 } }, 404)],
    ['a 500', answer({ registryError: { message: 'Registry error', code: 500 } }, 500)],
    ['a 200 that is not a transfer status', answer({ ok: true })],
    ['a 200 with a bad status change date', answer({ ...pending, statusChangeDate: 'soon' })],
    ['a 200 that is not JSON', answer('<html>oops</html>')],
  ])('records nothing for %s, and passes it through', async (_what, handler) => {
    upstream.respond(handler);
    const res = await h.get(lookup());
    expect(res.status).toBeGreaterThanOrEqual(200);
    expect(upstream.requests).toHaveLength(1);
    expect(body(await h.get(historyOf())).observations).toEqual([]);
  });

  it('logs a 200 that is not a transfer status', async () => {
    upstream.respond(answer({ ok: true }));
    await h.get(lookup());
    expect(h.logs).toContain(
      `transfer status not recorded: the Hostway answer for ${account}/test.com is not a transfer status`,
    );
  });

  it('a recording failure does not break the proxied answer; it is logged', async () => {
    const app = await startApp(upstream.url);
    try {
      await app.history.close(); // every write now fails
      const res = await app.get(LOOKUP);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text)).toEqual(pending);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(
        app.logs.some((l) => l.startsWith('transfer status not recorded for acct12345/test.com: ')),
      ).toBe(true);
      expect(app.logs.at(-1)).toMatch(/^GET \/api\/hostway\/\S+ 200 \d+ms upstream=\d+ms$/);

      // Reading the history then fails as a console error, not a crash.
      const history = await app.get(HISTORY);
      expect(history.status).toBe(500);
      expect(JSON.parse(history.text)).toMatchObject({ type: 'ConsoleInternalError' });
    } finally {
      await app.close();
    }
  });
});

describe('GET /api/transfers/:accountNumber/:domainName/history', () => {
  it('is an empty list (not a 404) when nothing is known', async () => {
    const res = await h.get(historyOf('example.co.uk'));
    expect(body(res)).toEqual({
      accountNumber: account,
      domainName: 'example.co.uk',
      observations: [],
    });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(upstream.requests).toHaveLength(0);
  });

  it.each([
    ['/api/transfers/acc.t/test.com/history', /account/],
    [`/api/transfers/${'a'.repeat(65)}/test.com/history`, /account/],
    ['/api/transfers/acct12345/Test.com/history', /domain/],
    ['/api/transfers/acct12345/www.test.com/history', /registrable/],
    ['/api/transfers/acct12345/test.com./history', /domain/],
    ['/api/transfers/acct12345/b%C3%BCcher.com/history', /domain/],
    ['/api/transfers/acct12345/test.invalidtld/history', /public suffix/],
    ['/api/transfers/acct12345/co.uk/history', /registrable/],
  ])('%s → 400', async (path, message) => {
    const res = await h.get(path);
    expect(res.status).toBe(400);
    const error = JSON.parse(res.text) as { type: string; message: string; source: string };
    expect(error).toEqual({
      requestId: res.headers['x-request-id'],
      type: 'ConsoleInvalidInput',
      message: expect.stringMatching(message),
      source: 'console',
    });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(upstream.requests).toHaveLength(0);
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'])(
    '%s → 405 Allow: GET',
    async (method) => {
      const res = await h.request(method, HISTORY);
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET');
    },
  );

  it.each([
    '/api/transfers',
    '/api/transfers/',
    '/api/transfers/acct12345',
    '/api/transfers/acct12345/test.com',
    '/api/transfers/acct12345/test.com/',
    '/api/transfers/acct12345/test.com/history/',
    '/api/transfers/acct12345/test.com/history/1',
    '/api/transfers/acct12345/test.com/status',
    '/api/transfers//test.com/history',
    '/api/transfers/acct12345/%2e%2e/history',
    '/api/transfers/acct12345/..%2Ftest.com/history',
    '/api/transfers/acct12345/test.com/history%2F',
    '/api/transfers/x/../acct12345/test.com/history',
  ])('GET %s → 404', async (path) => {
    const res = await h.get(path);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.text)).toMatchObject({ type: 'ConsoleNotFound', source: 'console' });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(upstream.requests).toHaveLength(0);
  });

  it('other methods on stray paths are 404', async () => {
    expect((await h.request('POST', '/api/transfers/acct12345/test.com')).status).toBe(404);
  });
});

describe('TRANSFER_CONCURRENCY: simultaneous requests to the Hostway API', () => {
  /** An upstream that holds each request `holdMs` and counts how many it holds at once. */
  async function holdingUpstream(holdMs: number) {
    const held = await startRecordingUpstream();
    const stats = { inFlight: 0, max: 0 };
    held.respond((_req, res) => {
      stats.inFlight++;
      stats.max = Math.max(stats.max, stats.inFlight);
      setTimeout(() => {
        stats.inFlight--;
        answer(pending)(_req, res);
      }, holdMs);
    });
    return { held, stats };
  }

  it('never has more than the limit in flight', async () => {
    const { held, stats } = await holdingUpstream(100);
    const app = await startApp(held.url, { concurrency: 2, timeoutMs: 2000 });
    try {
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          app.get(`/api/hostway/accounts/acct12345/domains/transfers/bulk-${i}.com`),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(stats.max).toBe(2);
      expect(held.requests).toHaveLength(6);
      expect(app.hostwayForward.activeCount + app.hostwayForward.pendingCount).toBe(0);
      // No wall-clock bound here: under CI load any such bound is a coin toss.
      for (const r of results) expect(String(r.headers['server-timing'])).toMatch(/dur=\d+/);
    } finally {
      await app.close();
      await held.close();
    }
  });

  it('time waiting for a slot counts against the deadline; out of time, it is never sent', async () => {
    // The upstream never answers, and a long request holds the only slot: a lookup waiting
    // behind it is answered at its own 400 ms deadline, without ever being sent.
    const held = await startRecordingUpstream();
    held.respond(() => {});
    const app = await startApp(held.url, { concurrency: 1, timeoutMs: 400 });
    try {
      const hostway = {
        name: 'Hostway API',
        baseUrl: `${held.url}/hw`,
        authorization: HOSTWAY_AUTH,
      };
      const blocker = app.hostwayForward(
        hostway,
        '/accounts/acct12345/domains/transfers/slow.com',
        10_000,
      );
      await until(() => held.requests.length === 1);
      const started = Date.now();
      const waiting = await app.get('/api/hostway/accounts/acct12345/domains/transfers/queued.com');
      expect(waiting.status).toBe(504);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(JSON.parse(waiting.text)).toMatchObject({
        type: 'UpstreamTimeout',
        message: expect.stringContaining('too many requests for it waiting'),
      });
      await held.close();
      expect((await blocker).kind).toBe('unreachable');
      expect(held.requests.map((r) => r.url)).toEqual([
        '/hw/accounts/acct12345/domains/transfers/slow.com',
      ]);
    } finally {
      await app.close();
      await held.close();
    }
  });

  it('the process API is not limited by it', async () => {
    const { held, stats } = await holdingUpstream(100);
    const app = await startApp(held.url, { concurrency: 1 });
    try {
      await Promise.all(Array.from({ length: 3 }, () => app.get('/api/rtr/v2/processes/1')));
      expect(stats.max).toBe(3);
    } finally {
      await app.close();
      await held.close();
    }
  });

  it('the watcher shares the limit with browsers’ lookups', async () => {
    const { held, stats } = await holdingUpstream(60);
    const app = await startApp(held.url, { concurrency: 2 });
    try {
      for (let i = 0; i < 6; i++) {
        await app.history.record('acct12345', `watched-${i}.com`, pending, 'lookup');
      }
      const watcher = createTransferWatcher({
        history: app.history,
        upstream: { name: 'Hostway API', baseUrl: `${held.url}/hw`, authorization: HOSTWAY_AUTH },
        forward: app.hostwayForward,
        timeoutMs: 2000,
        intervalS: 0,
        parallelism: 2,
        logger: () => {},
      });
      const [summary, ...lookups] = await Promise.all([
        watcher.runOnce(),
        ...Array.from({ length: 4 }, (_, i) =>
          app.get(`/api/hostway/accounts/acct12345/domains/transfers/browser-${i}.com`),
        ),
      ]);
      expect(summary).toMatchObject({ checked: 6, failed: 0 });
      expect(lookups.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      expect(held.requests).toHaveLength(10);
      expect(stats.max).toBe(2);
    } finally {
      await app.close();
      await held.close();
    }
  });

  it('drops a waiting request whose browser went away', async () => {
    const held = await startRecordingUpstream();
    const release: (() => void)[] = [];
    held.respond((req, res) => {
      release.push(() => answer(pending)(req, res));
    });
    const app = await startApp(held.url, { concurrency: 1 });
    try {
      const first = app.get(LOOKUP);
      await until(() => held.requests.length === 1);
      const controller = new AbortController();
      const second = fetch(`${app.url}/api/hostway/accounts/acct12345/domains/transfers/gone.com`, {
        signal: controller.signal,
      });
      await until(() => app.hostwayForward.pendingCount === 1);
      controller.abort();
      await expect(second).rejects.toThrow();
      await until(() => app.logs.some((l) => / \/api\/\S+\/gone\.com 499 /.test(l)));
      release.shift()?.();
      expect((await first).status).toBe(200);
      expect(held.requests.map((r) => r.url)).toEqual([
        '/hw/accounts/acct12345/domains/transfers/test.com',
      ]);
    } finally {
      await app.close();
      await held.close();
    }
  });
});

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
