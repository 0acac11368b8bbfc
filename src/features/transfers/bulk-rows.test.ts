import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error.ts';
import type { CheckedDomain } from '../../contract/domain-check.ts';
import { buildBulkRows, errorSummary, filterRows, isSettled, sortRows } from './bulk-rows.ts';

const domain = (ascii: string): CheckedDomain => ({
  ok: true,
  ascii,
  unicode: ascii,
  corrected: false,
  input: ascii,
});
const domains = ['a.com', 'b.com', 'c.com', 'd.com', 'e.com'].map(domain);
const notFound = new ApiError({ kind: 'not-found', source: 'upstream', message: 'x', status: 404 });
const registryError = new ApiError({
  kind: 'upstream-error',
  source: 'upstream',
  message: 'x',
  status: 500,
});

const rows = buildBulkRows(domains, [
  { state: 'done', data: { status: 9, description: 'Pending at registry' } },
  { state: 'done', data: { status: 14, description: 'Active' } },
  { state: 'failed', error: notFound },
  { state: 'loading' },
  { state: 'failed', error: registryError },
]);

describe('bulk rows', () => {
  it('describes each row by phase and outcome', () => {
    expect(rows.map((r) => [r.state, r.description?.phase, r.description?.outcome])).toEqual([
      ['done', 'registry', 'in-progress'],
      ['done', 'active', 'succeeded'],
      ['no-order', undefined, undefined],
      ['loading', undefined, undefined],
      ['failed', undefined, undefined],
    ]);
    expect(rows[2]?.error).toBe('No transfer order');
    expect(rows[4]?.error).toBe('Registry error (HTTP 500)');
  });

  it('filters by phase, by outcome, and by lookup state', () => {
    const names = (list: typeof rows) => list.map((r) => r.domain.ascii);
    expect(names(filterRows(rows, 'registry', ''))).toEqual(['a.com']);
    expect(names(filterRows(rows, '', 'succeeded'))).toEqual(['b.com']);
    expect(names(filterRows(rows, '', 'lookup-failed'))).toEqual(['e.com']);
    expect(names(filterRows(rows, '', 'no-order'))).toEqual(['c.com']);
    expect(names(filterRows(rows, '', 'pending'))).toEqual(['d.com']);
    expect(filterRows(rows, '', '')).toBe(rows);
  });

  it('counts an answer of "no transfer order" as settled, like a status', () => {
    expect(rows.map(isSettled)).toEqual([true, true, true, false, true]);
  });

  it('summarises lookup failures in a few words', () => {
    expect(
      errorSummary(new ApiError({ kind: 'rate-limited', source: 'upstream', message: '' })),
    ).toBe('Rate-limited by the API');
    expect(
      errorSummary(
        new ApiError({ kind: 'upstream-error', source: 'upstream', message: '', status: 500 }),
      ),
    ).toBe('Registry error (HTTP 500)');
    expect(errorSummary(new Error('x'))).toBe('Lookup failed');
  });

  it.each([
    ['UpstreamQueueFull', 'upstream-error', 'Console busy'],
    ['UpstreamRateLimited', 'rate-limited', 'Paused: the API asked to slow down'],
    ['ConsoleForbiddenOrigin', 'forbidden', 'Refused by the console'],
    ['ConsoleMisdirectedRequest', 'forbidden', 'Refused by the console'],
  ] as const)('names the console error %s, not its kind', (errorType, kind, summary) => {
    const error = new ApiError({ kind, source: 'console', errorType, message: '', status: 503 });
    expect(errorSummary(error)).toBe(summary);
  });
});

describe('sortRows', () => {
  it('orders by a column either way, rows without a value last, ties as entered', () => {
    const codes = (sorted: typeof rows) => sorted.map((r) => r.domain.ascii);
    expect(sortRows(rows, undefined)).toBe(rows);
    expect(codes(sortRows(rows, 'status'))).toEqual(['a.com', 'b.com', 'c.com', 'd.com', 'e.com']);
    expect(codes(sortRows(rows, '-status'))).toEqual(['b.com', 'a.com', 'c.com', 'd.com', 'e.com']);
    expect(codes(sortRows(rows, '-domain'))).toEqual(['e.com', 'd.com', 'c.com', 'b.com', 'a.com']);
    // registry before active in the phases' own order
    expect(codes(sortRows(rows, 'phase')).slice(0, 2)).toEqual(['a.com', 'b.com']);
    expect(codes(sortRows(rows, '-phase')).slice(0, 2)).toEqual(['b.com', 'a.com']);
  });
});
