// @vitest-environment node
// What the console spends on an upstream is bounded: answer size, requests in flight, requests
// waiting, and requests sent while the upstream asked everyone to wait.
import { afterEach, describe, expect, it } from 'vitest';
import { limitForward, makeForward, type LimitedForward } from './proxy.ts';
import { createTransferWatcher } from './transfer-watcher.ts';
import {
  startRecordingUpstream,
  startTestApp,
  TEST_HOSTWAY_AUTH,
  type RecordingUpstream,
  type TestApp,
  type UpstreamHandler,
} from './test-support.ts';

const LOOKUP = (domain: string) => `/api/hostway/accounts/acct12345/domains/transfers/${domain}`;
const transfer = { status: 7, description: 'Pending', statusChangeDate: '2024-05-01T10:00:00Z' };
const ok: UpstreamHandler = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(transfer));
};

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});
async function upstreamWith(handler: UpstreamHandler): Promise<RecordingUpstream> {
  const upstream = await startRecordingUpstream();
  upstream.respond(handler);
  closing.push(() => upstream.close());
  return upstream;
}
async function app(url: string, ...args: Parameters<typeof startTestApp>[1][]): Promise<TestApp> {
  const started = await startTestApp(url, Object.assign({}, ...args));
  closing.unshift(() => started.close());
  return started;
}
const body = (text: string) => JSON.parse(text) as Record<string, unknown>;

describe('UPSTREAM_MAX_BYTES', () => {
  it('stops reading a longer answer and answers 502 with the upstream status', async () => {
    let written = 0;
    let upstreamClosedEarly = false;
    const upstream = await upstreamWith((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.on('close', () => (upstreamClosedEarly = !res.writableFinished));
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (written < 50 * 1024 * 1024 && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const send = makeForward({ maxBytes: 1024 * 1024 });
    const console = await app(upstream.url, {
      forward: { rtr: limitForward(2, send), hostway: limitForward(2, send) },
    });
    const res = await console.get('/api/rtr/v2/processes/1');
    expect(res.status).toBe(502);
    expect(body(res.text)).toEqual({
      requestId: res.headers['x-request-id'],
      type: 'UpstreamBadResponse',
      message: expect.stringContaining('answered more than 1 MiB (UPSTREAM_MAX_BYTES)'),
      source: 'console',
      upstreamStatus: 200,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(upstreamClosedEarly).toBe(true);
    expect(written).toBeLessThan(10 * 1024 * 1024);
  });

  it('refuses a declared Content-Length over the cap without reading it', async () => {
    const upstream = await upstreamWith((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '2000' });
      res.write('{"a":"');
    });
    const send = makeForward({ maxBytes: 1024 });
    const console = await app(upstream.url, {
      forward: { rtr: limitForward(2, send), hostway: limitForward(2, send) },
    });
    const started = Date.now();
    const res = await console.get(LOOKUP('big.com'));
    expect(res.status).toBe(502);
    expect(Date.now() - started).toBeLessThan(1000); // not the 2 s timeout
    expect(await console.history.history('acct12345', 'big.com')).toEqual([]);
  });
});

/** An upstream that holds each request until released, counting how many it holds. */
async function holdingUpstream() {
  const held: (() => void)[] = [];
  const stats = { inFlight: 0, max: 0 };
  const upstream = await upstreamWith((req, res) => {
    stats.inFlight++;
    stats.max = Math.max(stats.max, stats.inFlight);
    held.push(() => {
      stats.inFlight--;
      ok(req, res);
    });
  });
  const releaseAll = () => held.splice(0).forEach((release) => release());
  return { upstream, stats, held, releaseAll };
}

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('concurrency and the queue', () => {
  it('RTR_CONCURRENCY holds towards the Realtime Register API', async () => {
    const { upstream, stats, held, releaseAll } = await holdingUpstream();
    // Held answers would count as overdue after a second: not what this test is about.
    const rtr = limitForward(2, undefined, { slowAfterMinMs: 60_000 });
    const console = await app(upstream.url, { forward: { rtr, hostway: limitForward(6) } });
    const answers = Promise.all(
      Array.from({ length: 5 }, (_, i) => console.get(`/api/rtr/v2/processes/${i + 1}`)),
    );
    await until(() => held.length === 2 && rtr.pendingCount === 3);
    expect(stats.inFlight).toBe(2);
    const releaser = setInterval(releaseAll, 10);
    try {
      expect((await answers).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    } finally {
      clearInterval(releaser);
    }
    expect(stats.max).toBe(2);
  });

  it('a full queue answers 503 with Retry-After, without sending', async () => {
    const { upstream, held, releaseAll } = await holdingUpstream();
    const hostway = limitForward(1, undefined, { queueMax: 2 });
    const console = await app(upstream.url, { forward: { rtr: limitForward(2), hostway } });
    const waiting = [1, 2, 3].map((i) => console.get(LOOKUP(`queued-${i}.com`)));
    await until(() => held.length === 1 && hostway.pendingCount === 2);
    const refused = await console.get(LOOKUP('one-too-many.com'));
    expect(refused.status).toBe(503);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(body(refused.text)).toMatchObject({ type: 'UpstreamQueueFull', source: 'console' });
    const releaser = setInterval(releaseAll, 10);
    try {
      expect((await Promise.all(waiting)).map((r) => r.status)).toEqual([200, 200, 200]);
    } finally {
      clearInterval(releaser);
    }
    expect(upstream.requests.map((r) => r.url)).not.toContain(
      '/hw/accounts/acct12345/domains/transfers/one-too-many.com',
    );
  });
});

describe('a hung upstream answer costs only its own request', () => {
  /** Requests to a `hang-*` domain are held until released; the others are answered at once. */
  async function partlyHungUpstream() {
    const held: (() => void)[] = [];
    const upstream = await upstreamWith((req, res) => {
      if (req.url?.includes('hang-')) held.push(() => ok(req, res));
      else ok(req, res);
    });
    return { upstream, held };
  }

  it('gives its slot up once overdue, so the rest of the traffic is answered meanwhile', async () => {
    const { upstream, held } = await partlyHungUpstream();
    const hostway = limitForward(2, undefined, { slowAfterMinMs: 200 });
    const console = await app(upstream.url, { forward: { rtr: limitForward(2), hostway } });
    const hung = [1, 2].map((i) => console.get(LOOKUP(`hang-${i}.com`)));
    await until(() => held.length === 2);
    // Both slots are held by unanswered requests: until they are overdue, others queue.
    const healthy = console.get(LOOKUP('healthy.com'));
    await until(() => hostway.overdueCount === 2);
    expect((await healthy).status).toBe(200);
    expect(hostway.activeCount).toBe(0);
    // An overdue request still gets its answer when it comes.
    held.splice(0).forEach((release) => release());
    expect((await Promise.all(hung)).map((r) => r.status)).toEqual([200, 200]);
    expect(hostway.overdueCount).toBe(0);
  });

  it('beyond overdueMax, overdue requests keep their slots and the queue waits', async () => {
    const { upstream, held } = await partlyHungUpstream();
    const hostway = limitForward(1, undefined, { slowAfterMinMs: 100, overdueMax: 1 });
    const console = await app(upstream.url, { forward: { rtr: limitForward(2), hostway } });
    const first = console.get(LOOKUP('hang-1.com'));
    await until(() => hostway.overdueCount === 1);
    const second = console.get(LOOKUP('hang-2.com'));
    await until(() => held.length === 2);
    const queued = console.get(LOOKUP('healthy.com'));
    await new Promise((resolve) => setTimeout(resolve, 400));
    // hang-2 is past its threshold too, but may not become overdue: healthy.com still waits.
    expect(hostway.overdueCount).toBe(1);
    expect(hostway.pendingCount).toBe(1);
    expect(upstream.requests.map((r) => r.url)).not.toContain(
      '/hw/accounts/acct12345/domains/transfers/healthy.com',
    );
    held.splice(0).forEach((release) => release());
    expect((await Promise.all([first, second, queued])).map((r) => r.status)).toEqual([
      200, 200, 200,
    ]);
  });
});

describe('an upstream 429 pauses that upstream for everyone', () => {
  function rateLimited(retryAfter: string | undefined, holdMs = 0): UpstreamHandler {
    return (_req, res) =>
      setTimeout(() => {
        res.writeHead(429, {
          'Content-Type': 'application/json',
          ...(retryAfter ? { 'Retry-After': retryAfter } : {}),
        });
        res.end('{"overLimit":{"message":"Too many requests","code":429}}');
      }, holdMs);
  }

  function withClock(concurrency = 2, maxPauseS?: number) {
    const clock = { now: Date.now() };
    const forward = limitForward(concurrency, undefined, { now: () => clock.now, maxPauseS });
    return { clock, forward };
  }

  it('answers 429 UpstreamRateLimited with Retry-After until the pause is over', async () => {
    const upstream = await upstreamWith(rateLimited('30'));
    const { clock, forward: hostway } = withClock();
    const console = await app(upstream.url, { forward: { rtr: limitForward(2), hostway } });

    const first = await console.get(LOOKUP('a.com'));
    expect(first.status).toBe(429); // the upstream's own answer, relayed
    expect(first.headers['retry-after']).toBe('30');
    expect(body(first.text)).toHaveProperty('overLimit');

    clock.now += 10_000;
    for (const domain of ['a.com', 'b.com', 'c.com']) {
      const res = await console.get(LOOKUP(domain));
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('20');
      expect(body(res.text)).toMatchObject({ type: 'UpstreamRateLimited', source: 'console' });
    }
    expect(upstream.requests).toHaveLength(1);
    // The other upstream is not paused.
    expect((await console.get('/api/rtr/v2/processes/1')).status).toBe(429);
    expect(upstream.requests).toHaveLength(2);

    clock.now += 20_000;
    upstream.respond(ok);
    expect((await console.get(LOOKUP('a.com'))).status).toBe(200);
    expect(upstream.requests).toHaveLength(3);
  });

  it('requests waiting in the queue when the 429 arrives are not sent either', async () => {
    const upstream = await upstreamWith(rateLimited('5', 50));
    const { forward: hostway } = withClock(1);
    const console = await app(upstream.url, { forward: { rtr: limitForward(2), hostway } });
    const results = await Promise.all(
      ['a.com', 'b.com', 'c.com'].map((d) => console.get(LOOKUP(d))),
    );
    expect(results.map((r) => r.status)).toEqual([429, 429, 429]);
    expect(results.slice(1).map((r) => body(r.text).type)).toEqual([
      'UpstreamRateLimited',
      'UpstreamRateLimited',
    ]);
    expect(upstream.requests).toHaveLength(1);
  });

  it.each([
    ['a hostile Retry-After', '99999999', '120'],
    ['no Retry-After', undefined, '1'],
    ['an invalid Retry-After', 'soon', '1'],
  ])('caps or defaults the pause for %s', async (_what, retryAfter, expected) => {
    const upstream = await upstreamWith(rateLimited(retryAfter));
    const { forward: hostway } = withClock();
    const console = await app(upstream.url, { forward: { rtr: limitForward(2), hostway } });
    await console.get(LOOKUP('a.com'));
    const paused = await console.get(LOOKUP('a.com'));
    expect(paused.headers['retry-after']).toBe(expected);
  });

  function watcherOf(
    console: TestApp,
    upstreamUrl: string,
    forward: LimitedForward,
    parallelism = 2,
  ) {
    const logs: string[] = [];
    const watcher = createTransferWatcher({
      history: console.history,
      upstream: {
        name: 'Hostway API',
        baseUrl: `${upstreamUrl}/hw`,
        authorization: TEST_HOSTWAY_AUTH,
      },
      forward,
      timeoutMs: 1000,
      intervalS: 0,
      parallelism,
      logger: (line) => logs.push(line),
    });
    return { watcher, logs };
  }

  it('the watcher, sharing the forwarder, sends nothing during the pause and re-checks after it', async () => {
    let answered429 = false;
    const upstream = await upstreamWith((req, res) => {
      if (answered429) return ok(req, res);
      answered429 = true;
      rateLimited('1')(req, res);
    });
    const hostway = limitForward(2);
    const console = await app(upstream.url, { forward: { rtr: limitForward(2), hostway } });
    await console.history.record('acct12345', 'watched.com', transfer, 'lookup');
    expect((await console.get(LOOKUP('a.com'))).status).toBe(429);
    const { watcher } = watcherOf(console, upstream.url, hostway);
    const started = Date.now();
    expect(await watcher.runOnce()).toMatchObject({ checked: 1, failed: 0, unchanged: 1 });
    // It waited for the pause (about 1 s) instead of failing or sending during it.
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    expect(upstream.requests.map((r) => r.url)).toEqual([
      '/hw/accounts/acct12345/domains/transfers/a.com',
      '/hw/accounts/acct12345/domains/transfers/watched.com',
    ]);
  });

  it('the watcher ends its run, and says why, when asked to wait longer than five minutes', async () => {
    const upstream = await upstreamWith(rateLimited('600'));
    const hostway = limitForward(2, undefined, { maxPauseS: 0 });
    const console = await app(upstream.url, { forward: { rtr: limitForward(2), hostway } });
    await console.history.record('acct12345', 'one.com', transfer, 'lookup');
    await console.history.record('acct12345', 'two.com', transfer, 'lookup');
    const { watcher, logs } = watcherOf(console, upstream.url, hostway, 1);
    // The run stops before it claims two.com: one pair re-checked (and failed).
    expect(await watcher.runOnce()).toMatchObject({ checked: 1, failed: 1 });
    expect(logs.join('\n')).toContain('asked to wait 600 s (429): this run stops here');
    expect(upstream.requests).toHaveLength(1);
  });
});
