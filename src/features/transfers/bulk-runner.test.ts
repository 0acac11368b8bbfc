import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BulkLookupLine } from '../../contract/bulk-lookup.ts';
import { isSignedOut, resetSignedOut } from '../../lib/signed-out.ts';
import { createBulkRunner } from './bulk-runner.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  resetSignedOut();
});

interface Sent {
  path: string;
  domains: string[];
  signal: AbortSignal | undefined;
  /** Sends more lines of this request's answer. */
  write(lines: BulkLookupLine[]): void;
  end(): void;
}

/** A fetch whose NDJSON answers the test writes by hand, line by line. */
function stubBulkApi() {
  const sent: Sent[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string, init?: RequestInit) => {
      const { domains } = JSON.parse(String(init?.body)) as { domains: string[] };
      let controller!: ReadableStreamDefaultController<Uint8Array>;
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          controller = c;
        },
      });
      init?.signal?.addEventListener('abort', () => controller.error(init.signal?.reason));
      const encoder = new TextEncoder();
      sent.push({
        path,
        domains,
        signal: init?.signal ?? undefined,
        write: (lines) =>
          controller.enqueue(encoder.encode(lines.map((l) => `${JSON.stringify(l)}\n`).join(''))),
        end: () => controller.close(),
      });
      return new Response(body, { headers: { 'Content-Type': 'application/x-ndjson' } });
    }),
  );
  return sent;
}

const active = (index: number, domain: string): BulkLookupLine & { ok: true } => ({
  index,
  input: domain,
  domain,
  ok: true,
  status: { status: 14, description: `Active: ${domain}` },
  recorded: true,
});
const failed = (index: number, domain: string, kind = 'upstream-error'): BulkLookupLine => ({
  index,
  input: domain,
  domain,
  ok: false,
  error: { kind, message: 'The Hostway API answered HTTP 500.', status: 500 },
});
const immediate = (callback: () => void) => queueMicrotask(callback);
const states = (runner: ReturnType<typeof createBulkRunner>) =>
  runner.getSnapshot().map((e) => e.state);

describe('createBulkRunner', () => {
  it('asks for every domain in one streaming request and fills rows as lines arrive', async () => {
    const sent = stubBulkApi();
    const runner = createBulkRunner({
      accountNumber: 'acct 1',
      domains: ['a.com', 'b.com', 'c.com'],
      schedule: immediate,
    });
    runner.start();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({
      path: '/api/transfers/acct%201/lookups',
      domains: ['a.com', 'b.com', 'c.com'],
    });
    await vi.waitFor(() => expect(states(runner)).toEqual(['loading', 'loading', 'loading']));
    sent[0]!.write([active(1, 'b.com')]);
    await vi.waitFor(() => expect(states(runner)).toEqual(['loading', 'done', 'loading']));
    sent[0]!.write([
      failed(0, 'a.com'),
      { ...active(2, 'c.com'), recorded: false, reason: 'read-only' },
    ]);
    sent[0]!.end();
    await vi.waitFor(() => expect(states(runner)).toEqual(['failed', 'done', 'done']));
    const [a, b, c] = runner.getSnapshot();
    expect(a?.error).toMatchObject({ kind: 'upstream-error', status: 500 });
    expect(b).toEqual({ state: 'done', data: { status: 14, description: 'Active: b.com' } });
    expect(c?.notRecorded).toEqual({ reason: 'read-only' });
  });

  it('fails the domains an answer left out, and retries failed rows together in one request', async () => {
    const sent = stubBulkApi();
    const runner = createBulkRunner({
      accountNumber: 'acct',
      domains: ['a.com', 'b.com', 'c.com', 'd.com'],
      schedule: immediate,
    });
    runner.start();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    sent[0]!.write([active(0, 'a.com'), failed(2, 'c.com')]);
    sent[0]!.end(); // b.com and d.com never came
    await vi.waitFor(() => expect(states(runner)).toEqual(['done', 'failed', 'failed', 'failed']));
    expect(runner.getSnapshot()[1]?.error).toMatchObject({ kind: 'network' });

    ['b.com', 'c.com', 'd.com', 'a.com'].forEach((d) => runner.retry(d)); // a.com: not failed
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]!.domains).toEqual(['b.com', 'c.com', 'd.com']);
    // The new request's indexes are its own.
    sent[1]!.write([active(0, 'b.com'), active(1, 'c.com'), active(2, 'd.com')]);
    sent[1]!.end();
    await vi.waitFor(() => expect(states(runner)).toEqual(['done', 'done', 'done', 'done']));
  });

  it('stop() abandons the request (its unanswered rows wait again); start() asks for those', async () => {
    const sent = stubBulkApi();
    const runner = createBulkRunner({
      accountNumber: 'acct',
      domains: ['a.com', 'b.com'],
      schedule: immediate,
    });
    runner.start();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    sent[0]!.write([active(0, 'a.com')]);
    await vi.waitFor(() => expect(states(runner)).toEqual(['done', 'loading']));
    runner.stop();
    expect(sent[0]!.signal?.aborted).toBe(true);
    await vi.waitFor(() => expect(states(runner)).toEqual(['done', 'queued']));
    runner.start();
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]!.domains).toEqual(['b.com']);
  });

  it('sends long lists in batches, one after the other', async () => {
    const sent = stubBulkApi();
    const domains = Array.from({ length: 5 }, (_, i) => `d${i}.com`);
    const runner = createBulkRunner({
      accountNumber: 'acct',
      domains,
      schedule: immediate,
      batchSize: 2,
    });
    runner.start();
    for (const [n, batch] of [
      [1, ['d0.com', 'd1.com']],
      [2, ['d2.com', 'd3.com']],
      [3, ['d4.com']],
    ] as const) {
      await vi.waitFor(() => expect(sent).toHaveLength(n));
      const request = sent[n - 1]!;
      expect(request.domains).toEqual(batch);
      request.write(batch.map((d, i) => active(i, d)));
      request.end();
    }
    await vi.waitFor(() => expect(states(runner).every((s) => s === 'done')).toBe(true));
  });

  it('batches notifications: fewer renders than answers', async () => {
    const sent = stubBulkApi();
    const domains = Array.from({ length: 30 }, (_, i) => `d-${i}.com`);
    const frames: (() => void)[] = [];
    const runner = createBulkRunner({
      accountNumber: 'acct',
      domains,
      schedule: (cb) => frames.push(cb),
    });
    const listener = vi.fn();
    runner.subscribe(listener);
    runner.start();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    for (const [i, d] of domains.entries()) sent[0]!.write([active(i, d)]);
    sent[0]!.end();
    // One frame asked for by the first update, one more once the answer has been read to its end:
    // waiting for both (not for a while) keeps the test deterministic on a busy machine.
    await vi.waitFor(() => expect(frames).toHaveLength(2));
    frames.splice(0).forEach((cb) => cb());
    expect(listener.mock.calls.length).toBeLessThanOrEqual(2);
    expect(states(runner).every((s) => s === 'done')).toBe(true);
  });

  it('shows the last answers of a request at once, without waiting for the next batch', async () => {
    const sent = stubBulkApi();
    const domains = ['a.com', 'b.com'];
    const batches: (() => void)[] = [];
    const last: (() => void)[] = [];
    const runner = createBulkRunner({
      accountNumber: 'acct',
      domains,
      schedule: (cb) => batches.push(cb),
      scheduleLast: (cb) => last.push(cb),
    });
    const listener = vi.fn();
    runner.subscribe(listener);
    runner.start();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    sent[0]!.write([active(0, 'a.com'), active(1, 'b.com')]);
    sent[0]!.end();
    await vi.waitFor(() => expect(last).toHaveLength(1));
    last[0]!();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(states(runner)).toEqual(['done', 'done']);
    // The batch scheduled earlier finds nothing left to tell.
    batches.forEach((cb) => cb());
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('stops for sign-in: a 401 ConsoleUnauthenticated leaves the rows queued', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        Response.json(
          { type: 'ConsoleUnauthenticated', message: 'Sign in again.', source: 'console' },
          { status: 401 },
        ),
      ),
    );
    const runner = createBulkRunner({
      accountNumber: 'acct',
      domains: ['a.com'],
      schedule: immediate,
    });
    runner.start();
    await vi.waitFor(() => expect(isSignedOut()).toBe(true));
    await vi.waitFor(() => expect(states(runner)).toEqual(['queued']));
    runner.start();
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
