// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startTestSandbox, type TestSandbox } from './test-support.ts';

interface Listing {
  entities: { id: number; [key: string]: unknown }[];
  pagination: { limit: number; offset: number; total?: number };
}

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ clock: manualClock().clock });
});
afterAll(() => sandbox.close());

async function list(query: string): Promise<Listing> {
  const res = await sandbox.rtr(`/v2/processes${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Listing;
}
const ids = (l: Listing) => l.entities.map((e) => e.id);

// 46069000 and 1000001…1000017: the well-formed fixtures (errors are not listed).
const LISTED = 18;

describe('GET /v2/processes (list/search)', () => {
  it('requires auth', async () => {
    expect((await fetch(`${sandbox.rtrUrl}/v2/processes`)).status).toBe(401);
  });

  it('pages with limit/offset (default limit 10) and counts the total', async () => {
    const first = await list('');
    expect(first.pagination).toEqual({ limit: 10, offset: 0, total: LISTED });
    expect(ids(first)).toEqual([...Array(10).keys()].map((i) => 1000001 + i));
    const rest = await list('?offset=10&limit=50');
    expect(rest.entities).toHaveLength(LISTED - 10);
    expect(ids(rest).at(-1)).toBe(46069000);
  });

  it('limit=0 returns only the count; total=false leaves it out', async () => {
    expect(await list('?limit=0')).toEqual({
      entities: [],
      pagination: { limit: 0, offset: 0, total: LISTED },
    });
    expect((await list('?total=false')).pagination).toEqual({ limit: 10, offset: 0 });
  });

  it('runs the README example filter', async () => {
    const found = await list(
      '?status=SUSPENDED&action:in=incomingTransfer,incomingInternalTransfer&identifier:eq=example.com',
    );
    expect(ids(found)).toEqual([1000010]);
  });

  it('orders, descending with a minus sign, by several fields', async () => {
    const byDate = await list('?order=-createdDate&limit=100&fields=createdDate');
    const dates = byDate.entities.map((e) => String(e.createdDate));
    expect(dates).toEqual([...dates].sort().reverse());
    const byType = await list('?order=type&order=-id&limit=3&fields=type');
    expect(byType.entities.map((e) => e.type)).toEqual(['billing', 'billing', 'billing']);
    expect(ids(byType)).toEqual([1000017, 1000013, 1000008]);
  });

  it('searches all fields with q', async () => {
    expect(ids(await list('?q=TAKEN-name'))).toEqual([1000007]);
    expect(ids(await list('?q=joshbond'))).toEqual([]);
  });

  it('filters on billables and with matchers', async () => {
    expect(ids(await list('?billableProduct=.jp'))).toEqual([1000012]);
    expect(ids(await list('?billableAction=COMPLIANCE_REVIEW'))).toEqual([1000014]);
    expect(ids(await list('?id:gte=1000015&id:lt=1000017'))).toEqual([1000015, 1000016]);
    expect(ids(await list('?identifier:like=acme-*.com'))).toEqual([1000002]);
    expect(ids(await list('?identifier:like=widgets&order=id'))).toEqual([
      1000002, 1000005, 1000015,
    ]);
    expect(ids(await list('?updatedDate:null=true'))).toEqual([1000001, 1000011]);
    expect((await list('?status:not_in=COMPLETED,FAILED&limit=0')).pagination.total).toBe(
      LISTED - 7,
    );
    expect(ids(await list('?createdDate:lt=2026-01-01T00:00:00Z'))).toEqual([46069000]);
  });

  it('selects fields on every entity', async () => {
    const l = await list('?fields=status&limit=2');
    expect(l.entities).toEqual([
      { id: 1000001, status: 'NEW' },
      { id: 1000002, status: 'VALIDATED' },
    ]);
  });

  it('exports everything, identifying fields only by default', async () => {
    const l = await list('?export=true');
    expect(l.entities).toHaveLength(LISTED);
    expect(Object.keys(l.entities[0] ?? {})).toEqual(['id']);
  });

  it.each([
    ['?foo=bar', 'Unknown filter field: foo'],
    ['?statusDetail:null=', 'Unknown filter field: statusDetail'],
    ['?status:almost=NEW', 'Unknown matcher in filter: status:almost'],
    ['?limit=ten', 'Invalid value for limit: ten'],
    ['?offset=-1', 'Invalid value for offset: -1'],
    ['?total=yes', 'Invalid value for total: yes'],
    ['?order=colour', 'Unknown order field: colour'],
    ['?id=abc', 'Invalid value for id: abc'],
    ['?createdDate:gt=soon', 'Invalid value for createdDate: soon'],
    ['?fields=foo', 'Unknown field: foo'],
    ['?export=true&limit=5', 'export cannot be combined with limit or offset'],
  ])('%s is a 400 ValidationError', async (query, message) => {
    const res = await sandbox.rtr(`/v2/processes${query}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ type: 'ValidationError', message });
  });
});
