import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FILTER_OPS,
  FILTERABLE_PROCESS_FIELDS,
  parseProcessListQuery,
  processListSearch,
} from './process-list-query.ts';

const parse = (search: string, ignore?: string[]) =>
  parseProcessListQuery(new URLSearchParams(search), { ignore });

describe('parseProcessListQuery', () => {
  it('reads the issue’s example URLs in the API’s own names', () => {
    expect(parse('status=FAILED')).toEqual({
      ok: true,
      query: { filters: [{ field: 'status', value: 'FAILED' }] },
    });
    const result = parse(
      'status:in=FAILED,IN_DOUBT&createdDate:gte=2026-11-01&order=-createdDate&offset=25',
    );
    expect(result).toEqual({
      ok: true,
      query: {
        filters: [
          { field: 'status', op: 'in', value: ['FAILED', 'IN_DOUBT'] },
          { field: 'createdDate', op: 'gte', value: '2026-11-01' },
        ],
        order: { field: 'createdDate', descending: true },
        offset: 25,
      },
    });
  });

  it('takes a date range on one field and the documented real example', () => {
    expect(parse('createdDate:gte=2026-11-01&createdDate:lt=2026-11-02T00:00:00Z').ok).toBe(true);
    expect(
      parse(
        'status=SUSPENDED&action:in=incomingTransfer,incomingInternalTransfer&identifier:eq=example.com',
      ).ok,
    ).toBe(true);
    expect(
      parse('identifier:like=%25acme%25&q=renewal&total=false&limit=100&fields=id,status'),
    ).toMatchObject({ ok: true, query: { q: 'renewal', total: false, limit: 100 } });
    expect(parse('startedDate:null=true').ok).toBe(true);
    expect(parse('billableQuantity:gte=2').ok).toBe(true);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=1e2', 'limit'],
    ['offset=10001', 'offset'],
    ['offset=-1', 'offset'],
    ['order=colour', 'order'],
    ['order=--id', 'order'],
    ['q=' + 'x'.repeat(201), 'q'],
    ['q=%20', 'q'],
    ['total=yes', 'total'],
    ['fields=id;drop', 'fields'],
    ['export=true', 'export'],
    ['colour=red', 'colour'],
    ['status:regex=F.*', 'status:regex'],
    ['status:like=F%25', 'status:like'],
    ['identifier:gt=a', 'identifier:gt'],
    ['status=DONE', 'status'],
    ['status=', 'status'],
    ['id=0', 'id'],
    ['id:in=1,2,x', 'id:in'],
    ['createdDate:gte=yesterday', 'createdDate:gte'],
    ['createdDate:gte=2026-02-30', 'createdDate:gte'],
    ['createdDate:gte=2026-11-01T08:00', 'createdDate:gte'],
    ['identifier=a%25b', 'identifier'],
    ['identifier=a%0Ab', 'identifier'],
    ['startedDate:null=false', 'startedDate:null'],
    ['status=FAILED&status=RUNNING', 'status'],
    ['id:eq:x=1', 'id:eq:x'],
    [`id:in=${Array.from({ length: 51 }, (_, i) => i + 1).join(',')}`, 'id:in'],
  ])('refuses %s, naming %s', (search, param) => {
    const result = parse(search);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.param).toBe(param);
      expect(result.message.length).toBeGreaterThan(10);
    }
  });

  it('skips the parameters it is told are not the API’s', () => {
    expect(parse('status=FAILED&tz=UTC', ['tz']).ok).toBe(true);
    expect(parse('status=FAILED&tz=UTC').ok).toBe(false);
  });

  it('serialises in a fixed order, keys readable, values encoded', () => {
    const result = parse('limit=25&identifier:like=%25a%26b%25&status:in=FAILED,IN_DOUBT&q=a b');
    expect(result.ok && processListSearch(result.query)).toBe(
      'identifier:like=%25a%26b%25&status:in=FAILED,IN_DOUBT&q=a%20b&limit=25',
    );
  });
});

describe('properties (fast-check, 10,000 runs, fixed seed)', () => {
  const key = fc.oneof(
    fc.constantFrom('limit', 'offset', 'order', 'q', 'fields', 'total', 'export', 'tz'),
    fc
      .tuple(fc.constantFrom(...FILTERABLE_PROCESS_FIELDS), fc.constantFrom(...FILTER_OPS, ''))
      .map(([f, o]) => (o ? `${f}:${o}` : f)),
    fc.string(),
  );
  const value = fc.oneof(
    fc.constantFrom('FAILED', 'FAILED,IN_DOUBT', '2026-11-01', '-createdDate', '25', 'true', ''),
    fc.string(),
    fc.stringMatching(/^[0-9,%a-z.-]{0,12}$/),
  );
  const params = fc.array(fc.tuple(key, value), { maxLength: 6 });

  it('never throws; what it accepts re-reads to the same query, and only known keys leave', () => {
    fc.assert(
      fc.property(params, (pairs) => {
        const result = parseProcessListQuery(pairs);
        if (!result.ok) return;
        const search = processListSearch(result.query);
        expect(parseProcessListQuery(new URLSearchParams(search))).toEqual(result);
        for (const [k] of new URLSearchParams(search)) {
          const [field = '', op] = k.split(':');
          const known = ['limit', 'offset', 'order', 'q', 'fields', 'total'].includes(k);
          expect(
            known ||
              ((FILTERABLE_PROCESS_FIELDS as readonly string[]).includes(field) &&
                (op === undefined || (FILTER_OPS as readonly string[]).includes(op))),
          ).toBe(true);
        }
        // Nothing the parser rebuilt can smuggle another parameter or a fragment in.
        expect(search).not.toMatch(/[#\s]/);
      }),
      { numRuns: 10_000, seed: 20_261_202 },
    );
  });
});
