import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '../../contract/audit.ts';
import { toCsv } from '../../lib/csv.ts';
import { auditCsvRows, collectAuditEntries, CSV_MAX_ROWS } from './audit-csv.ts';
import { dayStart, toAuditQuery } from './audit-view.ts';

afterEach(() => vi.unstubAllGlobals());

const entry = (i: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  at: new Date(Date.UTC(2026, 11, 2) - i * 1000).toISOString(),
  user: 'alice@example.com',
  kind: 'process',
  object: String(i),
  status: 200,
  ...over,
});

/** An audit API over `total` entries, paging as the server does. */
function stubServer(total: number) {
  const asked: { limit: number; offset: number; user: string | null }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      const q = new URL(input, 'http://x').searchParams;
      const limit = Number(q.get('limit'));
      const offset = Number(q.get('offset'));
      asked.push({ limit, offset, user: q.get('user') });
      const n = Math.max(0, Math.min(limit, total - offset));
      return Response.json({
        entries: Array.from({ length: n }, (_, i) => entry(offset + i)),
        total,
      });
    }),
  );
  return asked;
}

describe('collectAuditEntries', () => {
  it('fetches every page of the filter, 500 at a time, newest first', async () => {
    const asked = stubServer(1203);
    const progress: number[] = [];
    const { entries, total } = await collectAuditEntries(
      new QueryClient(),
      { user: 'alice@example.com' },
      (done) => progress.push(done),
    );
    expect(total).toBe(1203);
    expect(entries.map((e) => e.object)).toEqual(Array.from({ length: 1203 }, (_, i) => String(i)));
    expect(asked).toEqual([
      { limit: 500, offset: 0, user: 'alice@example.com' },
      { limit: 500, offset: 500, user: 'alice@example.com' },
      { limit: 500, offset: 1000, user: 'alice@example.com' },
    ]);
    expect(progress).toEqual([500, 1000, 1203]);
  });

  it(`stops at ${CSV_MAX_ROWS} rows and says how many matched`, async () => {
    const asked = stubServer(25_000);
    const { entries, total } = await collectAuditEntries(new QueryClient(), {});
    expect(entries).toHaveLength(CSV_MAX_ROWS);
    expect(total).toBe(25_000);
    expect(asked).toHaveLength(20);
    expect(asked.at(-1)).toMatchObject({ offset: 9500, limit: 500 });
  });
});

describe('auditCsvRows', () => {
  it('writes a header and one row per entry; a cell that looks like a formula is defused', () => {
    const csv = toCsv(
      auditCsvRows([
        entry(0, {
          object: '=HYPERLINK("http://evil.example")',
          upstreamStatus: 200,
          requestId: 'r-1',
        }),
        entry(1, { object: '12ab', errorType: 'ConsoleInvalidInput', status: 400 }),
      ]),
    );
    expect(csv.split('\r\n')).toEqual([
      'time (UTC),user,kind,object,upstream status,console error,answer status,request id',
      `2026-12-02T00:00:00.000Z,alice@example.com,process,"'=HYPERLINK(""http://evil.example"")",200,,200,r-1`,
      '2026-12-01T23:59:59.000Z,alice@example.com,process,12ab,,ConsoleInvalidInput,400,',
      '',
    ]);
  });
});

describe('days in a time zone', () => {
  it('starts a day at its midnight in the zone, across daylight-saving changes', () => {
    expect(dayStart('2026-12-01', 'utc').toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(dayStart('2026-12-01', 'Europe/Amsterdam').toISOString()).toBe(
      '2026-11-30T23:00:00.000Z',
    );
    expect(dayStart('2026-07-01', 'Europe/Amsterdam').toISOString()).toBe(
      '2026-06-30T22:00:00.000Z',
    );
    // The day summer time starts (02:00 → 03:00): midnight is still +01:00.
    expect(dayStart('2026-03-29', 'Europe/Amsterdam').toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
    expect(dayStart('2026-12-01', 'America/New_York').toISOString()).toBe(
      '2026-12-01T05:00:00.000Z',
    );
  });

  it('includes the whole last day, up to its last millisecond', () => {
    expect(toAuditQuery({ from: '2026-12-31', to: '2026-12-31' }, 'utc')).toEqual({
      from: '2026-12-31T00:00:00.000Z',
      to: '2026-12-31T23:59:59.999Z',
      limit: 50,
      offset: 0,
    });
  });
});
