import { describe, expect, it, vi } from 'vitest';
import type { ProcessListQuery } from '../../../contract/process-list-query.ts';
import type { Process, ProcessList } from '../../../api/rtr-schemas.ts';
import { toCsv } from '../../../lib/csv.ts';
import {
  collectProcesses,
  decimal,
  EXPORT_FIELDS,
  EXPORT_MAX_ROWS,
  exportRows,
  type FetchPage,
} from './process-export.ts';

const process = (id: number, extra: Partial<Process> = {}): Process => ({
  id,
  status: 'FAILED',
  createdDate: '2026-11-01T10:00:00Z',
  ...extra,
});

/** A list of `total` processes served like the API: offset, limit, total. */
function stubList(total: number, { failAt }: { failAt?: number } = {}) {
  const requests: ProcessListQuery[] = [];
  const fetchPage = vi.fn<FetchPage>(async (query) => {
    requests.push(query);
    const offset = query.offset ?? 0;
    if (offset === failAt) throw new Error(`page at ${offset} failed`);
    const count = Math.max(0, Math.min(query.limit ?? 10, total - offset));
    const entities = Array.from({ length: count }, (_, i) => process(offset + i + 1));
    return { entities, pagination: { limit: query.limit ?? 10, offset, total } } as ProcessList;
  });
  return { fetchPage, requests };
}

const query: ProcessListQuery = {
  filters: [{ field: 'status', value: 'FAILED' }],
  order: { field: 'createdDate', descending: true },
  offset: 50,
  limit: 25,
};

describe('collectProcesses', () => {
  it('fetches the filter page by page, 100 at a time, with billables, from the start', async () => {
    const { fetchPage, requests } = stubList(250);
    const progress: number[] = [];
    const outcome = await collectProcesses(query, {
      signal: new AbortController().signal,
      fetchPage,
      onProgress: (p) => progress.push(p.rows),
    });
    expect(outcome).toMatchObject({ kind: 'done', total: 250, capped: false });
    expect(outcome.processes.map((p) => p.id)).toEqual(
      Array.from({ length: 250 }, (_, i) => i + 1),
    );
    expect(requests.map((r) => [r.offset, r.limit])).toEqual([
      [0, 100],
      [100, 100],
      [200, 100],
    ]);
    expect(requests[0]).toMatchObject({
      filters: query.filters,
      order: query.order,
      fields: EXPORT_FIELDS,
    });
    expect(progress).toEqual([100, 200, 250]);
  });

  it('stops at 10,000 rows and says so', async () => {
    const { fetchPage, requests } = stubList(12_345);
    const outcome = await collectProcesses(query, {
      signal: new AbortController().signal,
      fetchPage,
    });
    expect(outcome).toMatchObject({ kind: 'done', capped: true });
    expect(outcome.processes).toHaveLength(EXPORT_MAX_ROWS);
    expect(requests).toHaveLength(100);
    expect(requests.at(-1)?.offset).toBe(9_900);
  });

  it('requests nothing more once cancelled', async () => {
    const controller = new AbortController();
    const { fetchPage, requests } = stubList(1_000);
    const outcome = await collectProcesses(query, {
      signal: controller.signal,
      fetchPage,
      onProgress: (p) => {
        if (p.rows === 200) controller.abort();
      },
    });
    expect(outcome.kind).toBe('cancelled');
    expect(outcome.processes).toHaveLength(200);
    expect(requests).toHaveLength(2);
  });

  it('treats a page aborted in flight as cancelled, not failed', async () => {
    const controller = new AbortController();
    const fetchPage: FetchPage = (_query, { signal }) =>
      new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const pending = collectProcesses(query, { signal: controller.signal, fetchPage });
    controller.abort();
    expect((await pending).kind).toBe('cancelled');
  });

  it('stops at a failed page with the rows so far, and resumes from that page', async () => {
    const { fetchPage, requests } = stubList(350, { failAt: 200 });
    const failed = await collectProcesses(query, {
      signal: new AbortController().signal,
      fetchPage,
    });
    expect(failed.kind).toBe('failed');
    if (failed.kind !== 'failed') return;
    expect(failed.processes).toHaveLength(200);
    expect(String(failed.error)).toContain('page at 200 failed');
    expect(requests).toHaveLength(3);

    const healthy = stubList(350);
    const resumed = await collectProcesses(query, {
      signal: new AbortController().signal,
      fetchPage: healthy.fetchPage,
      start: failed.resume,
    });
    expect(healthy.requests.map((r) => r.offset)).toEqual([200, 300]);
    expect(resumed.processes.map((p) => p.id)).toEqual(
      Array.from({ length: 350 }, (_, i) => i + 1),
    );
  });

  it('ends on a short page when there is no total', async () => {
    const fetchPage = vi.fn<FetchPage>(async (q) => ({
      entities:
        (q.offset ?? 0) === 0
          ? Array.from({ length: 100 }, (_, i) => process(i + 1))
          : [process(101)],
      pagination: { limit: 100, offset: q.offset ?? 0 },
    }));
    const outcome = await collectProcesses(query, {
      signal: new AbortController().signal,
      fetchPage,
    });
    expect(outcome).toMatchObject({ kind: 'done', capped: false });
    expect(outcome.processes).toHaveLength(101);
  });
});

describe('exportRows', () => {
  it('has the table columns, both time forms, net per currency and billables totals', () => {
    const rows = exportRows(
      [
        process(7, {
          type: 'domain',
          action: 'create',
          identifier: '=cmd|calc',
          updatedDate: '2026-11-02T12:00:00Z',
          transaction: { EUR: 1099, JPY: 4500 },
          refund: { EUR: 1099, JPY: 6000 },
          billables: [
            { product: 'domain_com', action: 'CREATE', quantity: 2, amount: 1000 },
            { product: 'domain_com', action: 'RENEW', quantity: 1, amount: 99 },
          ],
        }),
        process(8, { status: 'IN_DOUBT', transaction: { USD: 50 } }),
      ],
      'utc',
      'UTC',
    );
    expect(rows[0]).toEqual([
      'id',
      'status',
      'type',
      'action',
      'identifier',
      'createdDate',
      'created (UTC)',
      'updatedDate',
      'updated (UTC)',
      'net EUR',
      'net JPY',
      'net USD',
      'billables',
      'billable quantity',
      'billable amount (minor units)',
    ]);
    const csv = toCsv(rows);
    expect(csv.split('\r\n')[1]).toBe(
      '7,FAILED,domain,create,\'=cmd|calc,2026-11-01T10:00:00Z,"1 Nov 2026, 10:00:00 UTC",2026-11-02T12:00:00Z,"2 Nov 2026, 12:00:00 UTC",0,-1500,,2,3,1099',
    );
    expect(csv.split('\r\n')[2]).toBe(
      '8,IN_DOUBT,,,,2026-11-01T10:00:00Z,"1 Nov 2026, 10:00:00 UTC",,,,,0.5,0,0,0',
    );
  });

  it('writes amounts as decimals in their currency', () => {
    expect(decimal(2798, 'EUR')).toBe('27.98');
    expect(decimal(-5, 'EUR')).toBe('-0.05');
    expect(decimal(1500, 'BHD')).toBe('1.500');
    expect(decimal(4500, 'JPY')).toBe('4500');
    expect(decimal(12, 'XYZ1')).toBe('12');
  });
});
