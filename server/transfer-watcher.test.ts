// @vitest-environment node
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { limitForward, type Forward, type ForwardResult } from './proxy.ts';
import type { Upstream } from './upstreams.ts';
import { openDatabase } from './database.ts';
import { historyStore, openHistoryStore, type HistoryStore } from './transfer-history.ts';
import { watchStore } from './transfer-watch.ts';
import { createTransferWatcher, type TransferWatcherOptions } from './transfer-watcher.ts';
import { closedPort, startRecordingUpstream, type RecordingUpstream } from './test-support.ts';

const TOKEN = 'watch-SECRET-token';
const status = (code: number, description = `code ${code}`) => ({
  status: code,
  description,
  statusChangeDate: '2024-05-01T10:00:00Z',
});

let dir: string;
let history: HistoryStore;
let upstream: RecordingUpstream;
/** What the recording upstream answers, per domain (status 200 + body, or [status, body]). */
let answers: Record<string, unknown>;
const logs: string[] = [];

const hostway = (): Upstream => ({
  name: 'Hostway API',
  baseUrl: `${upstream.url}/hw`,
  authorization: `Bearer ${TOKEN}`,
});

function watcher(overrides: Partial<TransferWatcherOptions> = {}) {
  return createTransferWatcher({
    history,
    upstream: hostway(),
    forward: limitForward(4),
    timeoutMs: 2000,
    intervalS: 0,
    logger: (line) => logs.push(line),
    ...overrides,
  });
}

beforeAll(async () => {
  upstream = await startRecordingUpstream();
});
afterAll(async () => {
  await upstream.close();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'console-watcher-'));
  history = await openHistoryStore(dir);
  logs.length = 0;
  upstream.requests.length = 0;
  answers = {};
  upstream.respond((req, res) => {
    const domain = req.url?.split('/').at(-1) ?? '';
    const answer = answers[domain];
    const [code, body] = Array.isArray(answer) ? answer : [answer ? 200 : 404, answer];
    res.writeHead(code as number, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body ?? { itemNotFound: { message: 'Resource not found' } }));
  });
});
afterEach(async () => {
  await history.close();
  await rm(dir, { recursive: true, force: true });
  vi.useRealTimers();
  for (const line of logs) expect(line).not.toContain(TOKEN);
});

describe('runOnce', () => {
  it('re-checks only transfers that are not final and records changes as the watcher', async () => {
    await history.record('acct', 'pending.com', status(7), 'lookup');
    await history.record('acct', 'registry.com', status(10), 'lookup');
    await history.record('acct', 'unknown.com', status(42), 'lookup');
    await history.record('acct', 'done.com', status(14), 'lookup');
    await history.record('acct', 'failed.com', status(12), 'lookup');
    await history.record('acct', 'away.com', status(15), 'lookup');
    answers = {
      'pending.com': status(7),
      'registry.com': status(10),
      'unknown.com': status(42),
    };
    const w = watcher();

    expect(await w.runOnce()).toEqual({ checked: 3, changed: 0, unchanged: 3, failed: 0 });
    expect(upstream.requests.map((r) => r.url).sort()).toEqual([
      '/hw/accounts/acct/domains/transfers/pending.com',
      '/hw/accounts/acct/domains/transfers/registry.com',
      '/hw/accounts/acct/domains/transfers/unknown.com',
    ]);
    for (const r of upstream.requests) expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(await history.history('acct', 'pending.com')).toMatchObject([
      { status: 7, seenCount: 2, source: 'lookup' },
    ]);

    // The upstream moves on.
    answers['pending.com'] = status(6, 'Approved');
    answers['registry.com'] = status(14, 'Active');
    upstream.requests.length = 0;
    expect(await w.runOnce()).toEqual({ checked: 3, changed: 2, unchanged: 1, failed: 0 });
    expect(await history.history('acct', 'registry.com')).toMatchObject([
      { status: 10, source: 'lookup' },
      { status: 14, description: 'Active', seenCount: 1, source: 'watcher' },
    ]);
    expect((await history.history('acct', 'pending.com')).map((o) => [o.status, o.source])).toEqual(
      [
        [7, 'lookup'],
        [6, 'watcher'],
      ],
    );
    expect(logs).toContain('transfer watcher: acct/registry.com: status 10 → 14 (ACTIVE)');
    expect(logs).toContain('transfer watcher: acct/pending.com: status 7 → 6 (CONFIRM_ACK)');
    expect(logs.some((l) => /re-checked 3 transfer\(s\) in \d+ ms: 2 changed/.test(l))).toBe(true);

    // registry.com is final now: no longer watched.
    upstream.requests.length = 0;
    expect(await w.runOnce()).toMatchObject({ checked: 2 });
    expect(upstream.requests.map((r) => r.url).sort()).toEqual([
      '/hw/accounts/acct/domains/transfers/pending.com',
      '/hw/accounts/acct/domains/transfers/unknown.com',
    ]);
  });

  it('does nothing (and logs nothing) when nothing is watched', async () => {
    await history.record('acct', 'done.com', status(14), 'lookup');
    expect(await watcher().runOnce()).toEqual({ checked: 0, changed: 0, unchanged: 0, failed: 0 });
    expect(upstream.requests).toHaveLength(0);
    expect(logs).toEqual([]);
  });

  it('counts and logs failures, records nothing for them, and carries on', async () => {
    for (const d of ['gone.com', 'broken.com', 'odd.com', 'ok.com']) {
      await history.record('acct', d, status(9), 'lookup');
    }
    answers = {
      'broken.com': [500, { registryError: { message: `auth Bearer ${TOKEN}` } }],
      'odd.com': { hello: 'world' },
      'ok.com': status(10),
    };
    expect(await watcher().runOnce()).toEqual({ checked: 4, changed: 1, unchanged: 0, failed: 3 });
    expect(logs).toEqual(
      expect.arrayContaining([
        'transfer watcher: failed: acct/gone.com: HTTP 404',
        'transfer watcher: failed: acct/broken.com: HTTP 500',
        'transfer watcher: failed: acct/odd.com: the answer is not a transfer status',
      ]),
    );
    expect(await history.history('acct', 'odd.com')).toHaveLength(1);
    expect(await history.history('acct', 'ok.com')).toHaveLength(2);
  });

  it('logs at most five failures of a run', async () => {
    for (let i = 0; i < 8; i++) await history.record('acct', `gone-${i}.com`, status(9), 'lookup');
    expect(await watcher().runOnce()).toMatchObject({ failed: 8 });
    expect(logs.filter((l) => l.includes('failed: acct/'))).toHaveLength(5);
    expect(logs).toContain('transfer watcher: … and 3 more failure(s)');
  });

  it('survives an unreachable upstream and a timeout, without logging the credential', async () => {
    await history.record('acct', 'a.com', status(9), 'lookup');
    const port = await closedPort();
    const w = watcher({
      upstream: { ...hostway(), baseUrl: `http://127.0.0.1:${port}` },
    });
    expect(await w.runOnce()).toMatchObject({ checked: 1, failed: 1 });
    expect(logs.some((l) => l.includes('acct/a.com: unreachable (ECONNREFUSED'))).toBe(true);

    upstream.respond(() => {
      /* never answers */
    });
    expect(await watcher({ timeoutMs: 100 }).runOnce()).toMatchObject({ failed: 1 });
    expect(logs).toContain('transfer watcher: failed: acct/a.com: no answer within 100 ms');
  });

  it('survives a store that fails', async () => {
    await history.record('acct', 'a.com', status(9), 'lookup');
    await history.close();
    expect(await watcher().runOnce()).toEqual({ checked: 0, changed: 0, unchanged: 0, failed: 0 });
    expect(logs.some((l) => l.startsWith('transfer watcher: cannot read the watch list:'))).toBe(
      true,
    );
  });

  it('keeps to its parallelism', async () => {
    for (let i = 0; i < 5; i++) await history.record('acct', `p-${i}.com`, status(9), 'lookup');
    const stats = { inFlight: 0, max: 0 };
    const forward: Forward = async (...args) => {
      stats.inFlight++;
      stats.max = Math.max(stats.max, stats.inFlight);
      await new Promise((resolve) => setTimeout(resolve, 10));
      stats.inFlight--;
      return limitForward(8)(...args);
    };
    expect(await watcher({ forward, parallelism: 2 }).runOnce()).toMatchObject({ checked: 5 });
    expect(stats.max).toBe(2);
  });
});

describe('a polite client of the shared Hostway API', () => {
  /** Records when each request arrived at the upstream. */
  function arrivals() {
    const at: number[] = [];
    /** Answers `codes` in turn, the last one from then on. */
    const answer = (...codes: number[]) =>
      upstream.respond((_req, res) => {
        const code = codes[Math.min(at.length, codes.length - 1)] ?? 200;
        at.push(performance.now());
        res.writeHead(code, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(code === 200 ? status(9) : { error: 'registry down' }));
      });
    const gaps = () => at.slice(1).map((t, i) => t - (at[i] ?? 0));
    return { at, answer, gaps };
  }

  it('leaves the slots kept for people free, however many pairs it watches', async () => {
    for (let i = 0; i < 8; i++) await history.record('acct', `w-${i}.com`, status(9), 'lookup');
    const held: (() => void)[] = [];
    let inFlight = 0;
    upstream.respond((_req, res) => {
      inFlight++;
      held.push(() => {
        inFlight--;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(status(9)));
      });
    });
    // 3 slots, 1 kept for people: the watcher, even with 8 workers, has at most 2 in flight.
    const forward = limitForward(3, undefined, { slowAfterMinMs: 60_000 });
    const run = watcher({ forward, parallelism: 8 }).runOnce();
    await vi.waitUntil(() => held.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(inFlight).toBe(2);
    // A person's lookup goes straight to the free slot.
    const person = forward(hostway(), '/accounts/acct/domains/transfers/person.com', 2000);
    await vi.waitUntil(() => held.length === 3);
    const releaser = setInterval(() => held.splice(0).forEach((release) => release()), 5);
    try {
      expect((await person).kind).toBe('response');
      expect(await run).toMatchObject({ checked: 8, unchanged: 8 });
    } finally {
      clearInterval(releaser);
    }
  });

  it('backs off exponentially on 5xx answers, and stops backing off after an answer', async () => {
    for (let i = 0; i < 6; i++) await history.record('acct', `b-${i}.com`, status(9), 'lookup');
    const { answer, gaps } = arrivals();
    answer(503, 503, 503, 200, 200, 200);
    // Long enough steps that a busy machine's scheduling delays cannot blur them.
    const w = watcher({ parallelism: 1, backoff: { initialMs: 200, maxMs: 500 } });
    expect(await w.runOnce()).toMatchObject({ checked: 6, failed: 3, unchanged: 3 });
    const [first = 0, second = 0, third = 0, fourth = 0, fifth = 0] = gaps();
    expect(first).toBeGreaterThanOrEqual(190);
    expect(second).toBeGreaterThanOrEqual(390);
    expect(third).toBeGreaterThanOrEqual(490); // capped at maxMs
    expect(third).toBeLessThan(800);
    // After an answer, the next re-checks go at once again (well under the 200 ms first step).
    expect(Math.max(fourth, fifth)).toBeLessThan(150);
  });

  it('spreads a timed run over most of the interval instead of a burst', async () => {
    for (let i = 0; i < 4; i++) await history.record('acct', `s-${i}.com`, status(9), 'lookup');
    const { at, answer, gaps } = arrivals();
    answer(200);
    const w = watcher({ intervalS: 1, spreadShare: 0.8, parallelism: 4 });
    w.start();
    try {
      await vi.waitUntil(() => at.length === 4, { timeout: 3000 });
    } finally {
      await w.stop();
    }
    // 4 re-checks over 800 ms: one every 200 ms, not four at once.
    for (const gap of gaps()) expect(gap).toBeGreaterThanOrEqual(150);
  });
});

describe('one run at a time, on a timer, stoppable', () => {
  /** A forwarder whose answers wait until released. */
  function gatedForward() {
    const waiting: (() => void)[] = [];
    const calls: string[] = [];
    const forward: Forward = (_upstream, path, _timeoutMs, signal) => {
      calls.push(path);
      return new Promise<ForwardResult>((resolve) => {
        const body = new TextEncoder().encode(JSON.stringify(status(9)));
        waiting.push(() =>
          resolve({ kind: 'response', status: 200, headers: {}, body, durationMs: 1 }),
        );
        signal?.addEventListener('abort', () => resolve({ kind: 'cancelled', durationMs: 1 }));
      });
    };
    return { forward, calls, release: () => waiting.splice(0).forEach((f) => f()) };
  }

  it('a second runOnce during a run joins it', async () => {
    await history.record('acct', 'a.com', status(9), 'lookup');
    const gate = gatedForward();
    const w = watcher({ forward: gate.forward });
    const first = w.runOnce();
    const second = w.runOnce();
    expect(second).toBe(first);
    await vi.waitUntil(() => gate.calls.length === 1);
    gate.release();
    expect(await first).toMatchObject({ checked: 1, unchanged: 1 });
    expect(gate.calls).toHaveLength(1);
  });

  it('runs every intervalS seconds and skips a tick while the previous run is going', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    await history.record('acct', 'a.com', status(9), 'lookup');
    const gate = gatedForward();
    const w = watcher({ forward: gate.forward, intervalS: 60 });
    w.start();
    w.start(); // twice is harmless
    vi.advanceTimersByTime(59_999);
    expect(gate.calls).toHaveLength(0);
    vi.advanceTimersByTime(1);
    await vi.waitUntil(() => gate.calls.length === 1);

    vi.advanceTimersByTime(60_000); // still going: skipped
    expect(logs).toContain('transfer watcher: the previous run is still going: skipping this one');
    expect(gate.calls).toHaveLength(1);

    gate.release();
    await w.runOnce(); // the same, finished run
    vi.advanceTimersByTime(60_000);
    await vi.waitUntil(() => gate.calls.length === 2);
    gate.release();
    await w.stop();
    vi.advanceTimersByTime(600_000);
    expect(gate.calls).toHaveLength(2);
  });

  it('has no timer when intervalS is 0', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    await history.record('acct', 'a.com', status(9), 'lookup');
    const gate = gatedForward();
    const w = watcher({ forward: gate.forward, intervalS: 0 });
    w.start();
    vi.advanceTimersByTime(10 * 86_400_000);
    expect(gate.calls).toHaveLength(0);
    expect(w.intervalS).toBe(0);
  });

  it('stop() cancels a run in progress at once, and later runs do nothing', async () => {
    for (let i = 0; i < 4; i++) await history.record('acct', `s-${i}.com`, status(9), 'lookup');
    upstream.respond(() => {
      /* never answers */
    });
    const w = watcher({ timeoutMs: 60_000, parallelism: 2 });
    const run = w.runOnce();
    await vi.waitUntil(() => upstream.requests.length === 2);
    const started = Date.now();
    await w.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    // Checked counts the pairs this run took on (claimed): the two in flight, not the two
    // it never got to.
    expect(await run).toMatchObject({ checked: 2, failed: 0 });
    expect(upstream.requests).toHaveLength(2); // the other two were never sent
    expect(logs.some((l) => l.includes('(stopped early)'))).toBe(true);

    expect(await w.runOnce()).toEqual({ checked: 0, changed: 0, unchanged: 0, failed: 0 });
    expect(upstream.requests).toHaveLength(2);
  });
});

describe('with a watch store: the stop rules', () => {
  const HOUR = 3_600_000;
  let clock = new Date('2026-12-01T00:00:00Z');
  const withWatch = async () => {
    await history.close();
    const database = await openDatabase(dir);
    history = historyStore(database);
    const watch = watchStore(database, { finalKeepMs: 24 * HOUR, maxNotFound: 3 });
    return { watch, w: watcher({ watch, now: () => clock }) };
  };
  const requested = () => upstream.requests.map((r) => r.url?.split('/').at(-1)).sort();

  it('stops after WATCH_MAX_NOT_FOUND 404s in a row, and says so once', async () => {
    const { watch, w } = await withWatch();
    clock = new Date('2026-12-01T00:00:00Z');
    await history.record('acct', 'gone.com', status(7), 'lookup', clock);
    await history.record('acct', 'pending.com', status(7), 'lookup', clock);
    answers = { 'pending.com': status(7) }; // gone.com: 404
    for (let run = 1; run <= 3; run++) {
      upstream.requests.length = 0;
      expect(await w.runOnce()).toMatchObject({ checked: 2 });
      expect(requested()).toEqual(['gone.com', 'pending.com']);
    }
    expect(logs.filter((l) => l.includes('too many times'))).toEqual([
      'transfer watcher: acct/gone.com: not found (404) too many times in a row: no longer watched',
    ]);
    upstream.requests.length = 0;
    expect(await w.runOnce()).toMatchObject({ checked: 1 });
    expect(requested()).toEqual(['pending.com']);
    const { rows } = await watch.query({ order: 'domain', limit: 10, offset: 0, state: 'stopped' });
    expect(rows).toMatchObject([
      { domainName: 'gone.com', stopReason: 'not-found', notFoundCount: 3 },
    ]);
  });

  it('re-checks a final status for WATCH_FINAL_KEEP_H, then no more', async () => {
    const { w } = await withWatch();
    clock = new Date('2026-12-01T00:00:00Z');
    await history.record('acct', 'done.com', status(14), 'lookup', clock);
    answers = { 'done.com': status(14) };
    clock = new Date(clock.getTime() + 23 * HOUR);
    expect(await w.runOnce()).toMatchObject({ checked: 1, unchanged: 1 });
    clock = new Date(clock.getTime() + HOUR);
    upstream.requests.length = 0;
    expect(await w.runOnce()).toMatchObject({ checked: 0 });
    expect(upstream.requests).toHaveLength(0);
  });

  it('a run started by hand re-checks what an earlier run did, whatever the interval', async () => {
    await history.close();
    const database = await openDatabase(dir);
    history = historyStore(database);
    const watch = watchStore(database);
    const w = watcher({ watch, intervalS: 900, now: () => clock });
    await history.record('acct', 'pending.com', status(7), 'lookup', clock);
    answers = { 'pending.com': status(7) };
    expect(await w.runOnce()).toMatchObject({ checked: 1 });
    clock = new Date(clock.getTime() + 60_000);
    // A minute later, well within the 900 s interval: a timed run would leave it be.
    expect(await w.runOnce()).toMatchObject({ checked: 1 });
    expect(upstream.requests).toHaveLength(2);
  });

  it('never re-checks a pair a person stopped', async () => {
    const { watch, w } = await withWatch();
    await history.record('acct', 'pending.com', status(7), 'lookup', clock);
    await watch.setWatching('acct', 'pending.com', false, 'ann@example.com', clock);
    expect(await w.runOnce()).toMatchObject({ checked: 0 });
    expect(upstream.requests).toHaveLength(0);
  });
});
