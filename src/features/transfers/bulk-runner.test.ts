import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { createBulkRunner } from './bulk-runner.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A fetch that answers each transfer lookup after `delayMs`, recording concurrency. */
function stubTransferApi(delayMs: number, failFor: string[] = []) {
  let inFlight = 0;
  let maxInFlight = 0;
  const paths: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string) => {
      paths.push(path);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      inFlight--;
      const domain = path.split('/').at(-1)!;
      if (failFor.includes(domain)) {
        return new Response(
          JSON.stringify({ itemNotFound: { message: 'No transfer order', code: 404 } }),
          { status: 404 },
        );
      }
      return new Response(JSON.stringify({ status: 14, description: `Active: ${domain}` }), {
        status: 200,
      });
    }),
  );
  return { paths, maxInFlight: () => maxInFlight };
}

const queryClient = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });
const immediate = (callback: () => void) => queueMicrotask(callback);

describe('createBulkRunner', () => {
  it('marks each of its requests as part of a bulk run, for the audit trail', async () => {
    const sent: (string | null)[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_path: string, init?: RequestInit) => {
        sent.push(new Headers(init?.headers).get('X-Console-Lookup'));
        return new Response(JSON.stringify({ status: 14, description: 'Active' }), { status: 200 });
      }),
    );
    const runner = createBulkRunner({
      queryClient: queryClient(),
      accountNumber: 'acct',
      domains: ['a.com', 'b.com'],
      concurrency: 2,
      schedule: immediate,
    });
    runner.start();
    await vi.waitFor(() => {
      expect(runner.getSnapshot().every((e) => e.state === 'done')).toBe(true);
    });
    expect(sent).toEqual(['bulk', 'bulk']);
  });

  it('looks up every domain with at most `concurrency` requests in flight', async () => {
    const api = stubTransferApi(5, ['d-3.com']);
    const domains = Array.from({ length: 20 }, (_, i) => `d-${i}.com`);
    const runner = createBulkRunner({
      queryClient: queryClient(),
      accountNumber: 'acct',
      domains,
      concurrency: 3,
      schedule: immediate,
    });
    runner.start();
    await vi.waitFor(() => {
      expect(runner.getSnapshot().every((e) => e.state === 'done' || e.state === 'failed')).toBe(
        true,
      );
    });
    expect(api.maxInFlight()).toBe(3);
    expect(api.paths).toHaveLength(20);
    expect(runner.getSnapshot()[3]?.state).toBe('failed');
    expect(runner.getSnapshot()[4]).toMatchObject({ state: 'done', data: { status: 14 } });
  });

  it('batches notifications: fewer renders than answers', async () => {
    stubTransferApi(0);
    const domains = Array.from({ length: 30 }, (_, i) => `d-${i}.com`);
    const frames: (() => void)[] = [];
    const runner = createBulkRunner({
      queryClient: queryClient(),
      accountNumber: 'acct',
      domains,
      concurrency: 30,
      schedule: (cb) => frames.push(cb),
    });
    const listener = vi.fn();
    runner.subscribe(listener);
    runner.start();
    await vi.waitFor(() => expect(frames.length).toBeGreaterThan(0));
    await new Promise((resolve) => setTimeout(resolve, 20));
    frames.splice(0).forEach((cb) => cb());
    expect(listener.mock.calls.length).toBeLessThanOrEqual(2);
    expect(runner.getSnapshot().every((e) => e.state === 'done')).toBe(true);
  });

  it('retries a failed row and can be stopped and started again', async () => {
    const api = stubTransferApi(1, ['bad.com']);
    const runner = createBulkRunner({
      queryClient: queryClient(),
      accountNumber: 'acct',
      domains: ['bad.com', 'ok.com'],
      concurrency: 1,
      schedule: immediate,
    });
    runner.start();
    runner.stop();
    runner.start();
    await vi.waitFor(() =>
      expect(runner.getSnapshot().map((e) => e.state)).toEqual(['failed', 'done']),
    );
    runner.retry('bad.com');
    await vi.waitFor(() => expect(api.paths.filter((p) => p.endsWith('bad.com'))).toHaveLength(2));
    await vi.waitFor(() => expect(runner.getSnapshot()[0]?.state).toBe('failed'));
  });
});
