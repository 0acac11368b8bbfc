// @vitest-environment node
// POST /api/transfers/:account/lookups over real HTTP: NDJSON lines per domain, the checks
// before anything is forwarded, the history and audit trail, and what an abandoned request
// still sends upstream.
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  BULK_LOOKUP_CONTENT_TYPE,
  BULK_LOOKUP_MAX_DOMAINS,
  bulkLookupLineSchema,
  type BulkLookupLine,
} from '../src/contract/bulk-lookup.ts';
import {
  startSandbox,
  SANDBOX_HOSTWAY_AUTHORIZATION,
  type RunningSandbox,
} from '../sandbox/server.ts';
import { Hono } from 'hono';
import type { ConsoleEnv } from './access-log.ts';
import { consoleErrors } from './console-error.ts';
import {
  forward,
  limitForward,
  type Forward,
  type ForwardResult,
  type LimitedForward,
} from './proxy.ts';
import { makeRedactor } from './redact.ts';
import { bulkLookupsRoute } from './routes/bulk-lookups.ts';
import {
  rawRequest,
  startRecordingUpstream,
  startTestApp,
  type RecordingUpstream,
  type TestApp,
} from './test-support.ts';
import { hostwayUpstream, rtrUpstream } from './upstreams.ts';

const JSON_HEADERS = { 'Content-Type': 'application/json' };
let accounts = 0;
const nextAccount = () => `bulk${++accounts}`;
const path = (account: string) => `/api/transfers/${account}/lookups`;

function post(app: { url: string }, account: string, body: unknown, headers = {}) {
  return rawRequest(
    app.url,
    'POST',
    path(account),
    { ...JSON_HEADERS, ...headers },
    JSON.stringify(body),
  );
}

function lines(text: string): BulkLookupLine[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => bulkLookupLineSchema.parse(JSON.parse(line)));
}

describe('bulk lookups against the sandbox', () => {
  let sandbox: RunningSandbox;
  let app: TestApp;
  /** Every path the limiter really sent to the sandbox. */
  const sent: string[] = [];
  let hostway: LimitedForward;

  beforeAll(async () => {
    sandbox = await startSandbox();
    const counting: Forward = (upstream, target, ...rest) => {
      sent.push(target);
      return forward(upstream, target, ...rest);
    };
    hostway = limitForward(4, counting);
    app = await startTestApp(sandbox.url, {
      upstreams: {
        rtr: rtrUpstream(sandbox.rtrUrl, 'unused'),
        hostway: hostwayUpstream(sandbox.hostwayUrl, SANDBOX_HOSTWAY_AUTHORIZATION),
      },
      forward: { rtr: forward, hostway },
    });
  });
  afterAll(async () => {
    await app.close();
    await sandbox.close();
  });
  afterEach(() => {
    sent.length = 0;
  });

  it('answers one NDJSON line per entry: statuses, no order, registry errors, invalid names', async () => {
    const account = nextAccount();
    const domains = [
      ...Array.from({ length: 25 }, (_, i) => `bulk-${i + 1}.com`),
      'www.Active.com',
      'registry-failure.com',
      'bad..com',
      'http://',
      'bulk-1.com', // a duplicate: asked once, answered on both lines
    ];
    const res = await post(app, account, { domains });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(BULK_LOOKUP_CONTENT_TYPE);
    expect(res.headers['content-encoding']).toBeUndefined();
    const got = lines(res.text);
    expect(got.map((l) => l.index).sort((a, b) => a - b)).toEqual(domains.map((_, i) => i));
    const byIndex = new Map(got.map((l) => [l.index, l]));

    const first = byIndex.get(0)!;
    expect(first).toMatchObject({
      ok: true,
      input: 'bulk-1.com',
      domain: 'bulk-1.com',
      recorded: true,
    });
    expect(first.ok && typeof first.status.status).toBe('number');
    expect(byIndex.get(29)).toEqual({ ...first, index: 29 });
    // Every 25th bulk domain has no transfer order.
    expect(byIndex.get(24)).toMatchObject({
      ok: false,
      domain: 'bulk-25.com',
      error: { kind: 'not-found', status: 404 },
    });
    // Normalised as a single lookup is.
    expect(byIndex.get(25)).toMatchObject({
      ok: true,
      input: 'www.Active.com',
      domain: 'active.com',
      status: { status: 14 },
    });
    expect(byIndex.get(26)).toMatchObject({
      ok: false,
      error: { kind: 'upstream-error', status: 500 },
    });
    expect(byIndex.get(27)).toMatchObject({
      ok: false,
      input: 'bad..com',
      error: { kind: 'invalid' },
    });
    expect(byIndex.get(28)).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(byIndex.get(27)).not.toHaveProperty('domain');

    // Invalid entries and the duplicate were never sent.
    expect(sent).toHaveLength(27);
    expect(new Set(sent).size).toBe(27);
    expect(sent.some((target) => target.includes('bad'))).toBe(false);

    // Recorded like a single lookup: in the history, and one audit entry for the request.
    expect(await app.history.history(account, 'bulk-1.com')).toHaveLength(1);
    expect(await app.history.history(account, 'active.com')).toHaveLength(1);
    expect(await app.history.history(account, 'bulk-25.com')).toHaveLength(0);
    const audit = await app.audit.query({
      object: { value: `${account}/`, prefix: true },
      limit: 10,
      offset: 0,
    });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({ kind: 'bulk', status: 200, user: 'local' });
    expect(audit.entries[0]!.object.startsWith(`${account}/bulk-1.com,bulk-2.com,`)).toBe(true);
  });

  it(`refuses more than ${BULK_LOOKUP_MAX_DOMAINS} names before anything is sent`, async () => {
    const domains = Array.from(
      { length: BULK_LOOKUP_MAX_DOMAINS + 1 },
      (_, i) => `bulk-${i + 1}.com`,
    );
    const res = await post(app, nextAccount(), { domains });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ type: 'ConsoleInvalidInput', source: 'console' });
    expect(res.text).toContain(`at most ${BULK_LOOKUP_MAX_DOMAINS} names`);
    expect(sent).toHaveLength(0);
  });

  it.each([
    ['a cross-site page', { 'Sec-Fetch-Site': 'cross-site' }],
    ['a same-site sibling', { 'Sec-Fetch-Site': 'same-site' }],
    ['a foreign origin', { Origin: 'https://evil.example' }],
  ])('refuses a POST from %s with 403 and sends nothing upstream', async (_, headers) => {
    const account = nextAccount();
    const res = await post(app, account, { domains: ['bulk-1.com', 'bulk-2.com'] }, headers);
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text)).toMatchObject({ type: 'ConsoleForbiddenOrigin' });
    expect(sent).toHaveLength(0);
    expect(await app.history.history(account, 'bulk-1.com')).toHaveLength(0);
  });

  it('accepts the console own origin', async () => {
    const res = await post(
      app,
      nextAccount(),
      { domains: ['bulk-1.com'] },
      {
        Origin: app.url,
        'Sec-Fetch-Site': 'same-origin',
      },
    );
    expect(res.status).toBe(200);
    expect(lines(res.text)).toHaveLength(1);
  });

  it.each([
    ['not JSON', 'domains', 400, 'ConsoleInvalidInput'],
    ['no list', JSON.stringify({ names: ['a.com'] }), 400, 'ConsoleInvalidInput'],
    ['an empty list', JSON.stringify({ domains: [] }), 400, 'ConsoleInvalidInput'],
    [
      'a body over 1 MB',
      JSON.stringify({
        domains: ['a'.repeat(999) + '.com'].concat(Array(1100).fill('x'.repeat(990) + '.com')),
      }),
      413,
      'ConsolePayloadTooLarge',
    ],
  ])('refuses %s', async (_, body, status, type) => {
    const res = await rawRequest(app.url, 'POST', path(nextAccount()), JSON_HEADERS, body);
    expect(res.status).toBe(status);
    expect(JSON.parse(res.text)).toMatchObject({ type });
    expect(sent).toHaveLength(0);
  });

  it('refuses another media type, another method and an invalid account number', async () => {
    const body = JSON.stringify({ domains: ['bulk-1.com'] });
    const text = await rawRequest(
      app.url,
      'POST',
      path('acct1'),
      { 'Content-Type': 'text/plain' },
      body,
    );
    expect(text.status).toBe(415);
    const get = await app.get(path('acct1'));
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    const bad = await rawRequest(app.url, 'POST', path('acct%201'), JSON_HEADERS, body);
    expect(bad.status).toBe(400);
    expect(sent).toHaveLength(0);
  });
});

/** An upstream that holds every transfer status request until the test answers it. */
async function startHeldUpstream() {
  const recording: RecordingUpstream = await startRecordingUpstream();
  const held: { res: ServerResponse; domain: string; closed: boolean }[] = [];
  let immediate = false;
  const answer = (entry: (typeof held)[number]) => {
    if (entry.closed) return;
    entry.res.writeHead(200, { 'Content-Type': 'application/json' });
    entry.res.end(JSON.stringify({ status: 7, description: `pending ${entry.domain}` }));
  };
  recording.respond((req: IncomingMessage, res: ServerResponse) => {
    const entry = { res, domain: req.url?.split('/').pop() ?? '', closed: false };
    res.on('close', () => {
      entry.closed = true;
    });
    held.push(entry);
    if (immediate) answer(entry);
  });
  return {
    ...recording,
    held,
    /** Answers the oldest unanswered request; false when none is waiting. */
    answerNext() {
      const entry = held.find((e) => !e.closed && !e.res.headersSent);
      if (!entry) return false;
      answer(entry);
      return true;
    },
    answerAll() {
      immediate = true;
      held.forEach(answer);
    },
    /** Requests the console abandoned before they were answered. */
    get abandoned() {
      return held.filter((e) => e.closed && !e.res.headersSent).length;
    },
  };
}

describe('bulk lookups as they stream, and when the client goes away', () => {
  const CONCURRENCY = 6;
  let upstream: Awaited<ReturnType<typeof startHeldUpstream>>;
  let app: TestApp;
  let hostway: LimitedForward;

  beforeAll(async () => {
    upstream = await startHeldUpstream();
    hostway = limitForward(CONCURRENCY);
    app = await startTestApp(upstream.url, {
      forward: { rtr: forward, hostway },
      timeoutMs: 30_000,
    });
  });
  afterAll(async () => {
    upstream.answerAll();
    await app.close();
    await upstream.close();
  });

  /** Sends the request; `lines` grows as lines arrive. */
  function open(account: string, domains: string[]) {
    const received: BulkLookupLine[] = [];
    let buffered = '';
    const { hostname, port } = new URL(app.url);
    const req = request({
      host: hostname,
      port,
      method: 'POST',
      path: path(account),
      headers: JSON_HEADERS,
    });
    const response = new Promise<IncomingMessage>((resolve, reject) => {
      req.on('response', (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffered += chunk;
          const parts = buffered.split('\n');
          buffered = parts.pop() ?? '';
          for (const part of parts) received.push(bulkLookupLineSchema.parse(JSON.parse(part)));
        });
        res.on('error', () => {});
        resolve(res);
      });
      req.on('error', reject);
    });
    req.end(JSON.stringify({ domains }));
    return { req, response, received };
  }

  it('sends each line as soon as its answer arrives, with the limiter full and never overfilled', async () => {
    const domains = Array.from({ length: 12 }, (_, i) => `d${i}.com`);
    const start = upstream.held.length;
    const bulk = open(nextAccount(), domains);
    await bulk.response;
    await vi.waitFor(() => expect(upstream.held.length - start).toBe(CONCURRENCY));
    expect(bulk.received).toHaveLength(0);
    for (let answered = 1; answered <= domains.length; answered++) {
      expect(upstream.answerNext()).toBe(true);
      await vi.waitFor(() => expect(bulk.received).toHaveLength(answered));
      // The next domain's request is sent as a slot frees, never more than the limiter's
      // slots, with at most one more waiting behind each.
      expect(hostway.activeCount).toBeLessThanOrEqual(CONCURRENCY);
      expect(hostway.pendingCount).toBeLessThanOrEqual(CONCURRENCY);
    }
    expect(bulk.received.map((l) => l.ok && l.domain)).toEqual(domains);
    expect(upstream.held.length - start).toBe(domains.length);
  });

  it('a bulk request of 200 abandoned after 20 answers: no request starts afterwards, those in flight are aborted', async () => {
    const domains = Array.from({ length: 200 }, (_, i) => `abandoned-${i}.com`);
    const start = upstream.held.length;
    const bulk = open(nextAccount(), domains);
    await bulk.response;
    for (let answered = 1; answered <= 20; answered++) {
      await vi.waitFor(() => expect(upstream.answerNext()).toBe(true));
      await vi.waitFor(() => expect(bulk.received).toHaveLength(answered));
    }
    // In flight now: the slots the 20 answers freed were filled again.
    await vi.waitFor(() => expect(upstream.held.length - start).toBe(20 + CONCURRENCY));
    const reachedBeforeAbort = upstream.held.length - start;

    bulk.req.destroy();
    // The console aborts the requests in flight …
    await vi.waitFor(() => expect(upstream.abandoned).toBe(CONCURRENCY));
    await vi.waitFor(() => expect(hostway.activeCount + hostway.pendingCount).toBe(0));
    // … and from now on answers at once: a worker still running would race through the rest.
    upstream.answerAll();
    const probe = await post(app, nextAccount(), { domains: ['probe.com'] });
    expect(lines(probe.text)).toHaveLength(1);

    const reachedAfterwards = upstream.held.length - start - 1; // less the probe
    expect(reachedAfterwards).toBe(reachedBeforeAbort);
    expect(reachedAfterwards - 20).toBeLessThanOrEqual(CONCURRENCY);
  });
});

describe('bulk lookups: what stands between a freed slot and the next request', () => {
  it('sends the next lookup before it records the answer that freed the slot', async () => {
    const events: string[] = [];
    const answer = new Map<string, (result: ForwardResult) => void>();
    const domainOf = (target: string) => target.split('/').at(-1)!;
    const upstreamForward: Forward = (_upstream, target) => {
      events.push(`send ${domainOf(target)}`);
      return new Promise((resolve) => answer.set(domainOf(target), resolve));
    };
    const redact = makeRedactor([]);
    const route = bulkLookupsRoute({
      upstream: hostwayUpstream('http://hostway.invalid', 'Basic dGVzdDp0ZXN0'),
      // One slot, so the second lookup waits for the first one's answer.
      forward: limitForward(1, upstreamForward),
      concurrency: 1,
      timeoutMs: 10_000,
      onTransferStatus: (_account, domain) => {
        events.push(`record ${domain}`);
        return Promise.resolve({ recorded: true });
      },
      consoleError: consoleErrors(redact),
      redact,
      log: () => {},
    });
    const app = new Hono<ConsoleEnv>();
    app.post('/api/transfers/:account/lookups', (c) => route(c, c.req.param('account')));
    const response = await app.request(path('order1'), {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ domains: ['first.com', 'second.com'] }),
    });
    const status = new TextEncoder().encode(
      JSON.stringify({
        status: 1,
        description: 'Pending',
        statusChangeDate: '2026-11-24T14:03:05Z',
      }),
    );
    const ok = (): ForwardResult => ({
      kind: 'response',
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: status,
      durationMs: 1,
    });
    await vi.waitFor(() => expect(answer.has('first.com')).toBe(true));
    answer.get('first.com')!(ok());
    await vi.waitFor(() => expect(answer.has('second.com')).toBe(true));
    answer.get('second.com')!(ok());
    const text = await response.text();
    expect(lines(text).map((l) => l.ok && l.domain)).toEqual(['first.com', 'second.com']);
    expect(events).toEqual([
      'send first.com',
      'send second.com',
      'record first.com',
      'record second.com',
    ]);
  });
});
