import { describe, expect, it } from 'vitest';
import {
  parseProcessListQuery,
  processListSearch,
  type ProcessListQuery,
} from '../../../contract/process-list-query.ts';
import {
  emptyForm,
  filtersFromForm,
  formFromQuery,
  queryFromForm,
  quickFilterQuery,
  type ListForm,
} from './list-form.ts';
import { pageInfo, sortedBy, sortState, tableRequest } from './list-query.ts';

function parse(search: string): ProcessListQuery {
  const parsed = parseProcessListQuery(new URLSearchParams(search), { ignore: ['tz'] });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.query;
}
/** URL → form → URL. */
const normalise = (search: string, zone = 'UTC') =>
  processListSearch(queryFromForm(formFromQuery(parse(search), zone), zone, parse(search)));

const filled: ListForm = {
  ...emptyForm(),
  statuses: ['FAILED', 'IN_DOUBT'],
  type: 'domain',
  action: 'create',
  identifier: 'acme',
  identifierMatch: 'contains',
  created: { from: { date: '2026-11-01' }, to: { date: '2026-11-30' } },
  updated: { from: { date: '2026-11-15' }, to: { date: '' } },
  q: 'registry',
};

describe('form → URL', () => {
  it('writes the API parameters, dates as the start of the day in the chosen zone', () => {
    expect(processListSearch({ ...filtersFromForm(filled, 'Europe/Amsterdam') })).toBe(
      [
        'status:in=FAILED,IN_DOUBT',
        'type=domain',
        'action=create',
        'identifier:like=%25acme%25',
        'createdDate:gte=2026-10-31T23%3A00%3A00Z',
        // "up to 30 Nov" is before the start of 1 Dec.
        'createdDate:lt=2026-11-30T23%3A00%3A00Z',
        'updatedDate:gte=2026-11-14T23%3A00%3A00Z',
        'q=registry',
      ].join('&'),
    );
  });

  it('writes one status plainly and an exact identifier with :eq', () => {
    const form = {
      ...emptyForm(),
      statuses: ['FAILED'],
      identifier: 'a.com',
      identifierMatch: 'exact' as const,
    };
    expect(processListSearch(filtersFromForm(form, 'UTC'))).toBe(
      'status=FAILED&identifier:eq=a.com',
    );
  });

  it('writes nothing for an empty form and ignores surrounding spaces', () => {
    expect(processListSearch(filtersFromForm(emptyForm(), 'UTC'))).toBe('');
    expect(
      processListSearch(filtersFromForm({ ...emptyForm(), q: '  ', type: ' x ' }, 'UTC')),
    ).toBe('type=x');
  });

  it('produces a URL the contract parser accepts', () => {
    const search = processListSearch(filtersFromForm(filled, 'America/New_York'));
    expect(parseProcessListQuery(new URLSearchParams(search)).ok).toBe(true);
  });

  it('keeps the order and page size, and goes back to the first page', () => {
    const base = parse('status=RUNNING&order=-createdDate&offset=50&limit=10');
    expect(
      processListSearch(queryFromForm({ ...emptyForm(), statuses: ['FAILED'] }, 'UTC', base)),
    ).toBe('status=FAILED&order=-createdDate&limit=10');
  });
});

describe('round trip', () => {
  it('a form comes back unchanged from its URL, in any zone', () => {
    for (const zone of ['UTC', 'Europe/Amsterdam', 'Asia/Kolkata', 'America/Los_Angeles']) {
      const search = processListSearch(filtersFromForm(filled, zone));
      expect(formFromQuery(parse(search), zone)).toEqual(filled);
    }
  });

  it('a URL the form wrote comes back unchanged', () => {
    for (const search of [
      'status=FAILED',
      'status:in=FAILED,IN_DOUBT&createdDate:gte=2026-11-01T00%3A00%3A00Z&order=-createdDate&offset=25',
      'identifier:eq=acme-widgets.com&q=renew',
      'type=domain&action=renew&updatedDate:lt=2026-12-01T00%3A00%3A00Z',
    ]) {
      expect(normalise(search.replace(/&offset=\d+/, ''))).toBe(search.replace(/&offset=\d+/, ''));
    }
  });

  it('keeps what the form has no field for, and bare dates and odd instants as given', () => {
    expect(
      normalise('billableProduct=com&status:not_in=COMPLETED&createdDate:gte=2026-11-01'),
    ).toBe('createdDate:gte=2026-11-01&billableProduct=com&status:not_in=COMPLETED');
    const form = formFromQuery(parse('createdDate:gte=2026-12-01T14%3A25%3A00Z'), 'UTC');
    expect(form.created.from).toEqual({ date: '2026-12-01', exact: '2026-12-01T14:25:00Z' });
    expect(normalise('createdDate:gte=2026-12-01T14%3A25%3A00Z')).toBe(
      'createdDate:gte=2026-12-01T14%3A25%3A00Z',
    );
  });

  it('reads identifier= as exact and a like pattern other than %x% as another filter', () => {
    expect(formFromQuery(parse('identifier=a.com'), 'UTC')).toMatchObject({
      identifier: 'a.com',
      identifierMatch: 'exact',
    });
    const form = formFromQuery(parse('identifier:like=acme%25'), 'UTC');
    expect(form.identifier).toBe('');
    expect(form.other).toEqual([{ field: 'identifier', op: 'like', value: 'acme%' }]);
  });

  it('reads a day start in another zone as that day, and the end as the day before', () => {
    const form = formFromQuery(
      parse('createdDate:gte=2026-10-31T23%3A00%3A00Z&createdDate:lt=2026-11-30T23%3A00%3A00Z'),
      'Europe/Amsterdam',
    );
    expect(form.created).toEqual({ from: { date: '2026-11-01' }, to: { date: '2026-11-30' } });
  });
});

describe('quick filters', () => {
  const now = new Date('2026-12-02T14:25:10.123Z');
  const base = parse('identifier:eq=x&order=-createdDate&offset=75&limit=50');

  it('failed or in doubt in the last 24 h, as an instant in UTC', () => {
    expect(processListSearch(quickFilterQuery('failed-24h', base, now))).toBe(
      'status:in=FAILED,IN_DOUBT&createdDate:gte=2026-12-01T14%3A25%3A10.123Z&order=-createdDate&limit=50',
    );
  });

  it('waiting for action and running replace the filters', () => {
    expect(processListSearch(quickFilterQuery('waiting', parse(''), now))).toBe('status=SUSPENDED');
    expect(processListSearch(quickFilterQuery('running', base, now))).toBe(
      'status=RUNNING&order=-createdDate&limit=50',
    );
  });
});

describe('sorting', () => {
  it('sorts dates newest first on the first click, then flips, and resets the page', () => {
    const first = sortedBy(parse('offset=25'), 'createdDate');
    expect(processListSearch(first)).toBe('order=-createdDate');
    expect(sortState(first, 'createdDate')).toBe('descending');
    expect(sortState(first, 'id')).toBe('none');
    expect(processListSearch(sortedBy(first, 'createdDate'))).toBe('order=createdDate');
    expect(processListSearch(sortedBy(parse(''), 'identifier'))).toBe('order=identifier');
  });
});

describe('paging', () => {
  it('counts rows and offers neighbours within the total', () => {
    const info = pageInfo(parse('status=FAILED&offset=25'), 25, 60);
    expect(info).toMatchObject({ first: 26, last: 50, total: 60 });
    expect(processListSearch(info.previous!)).toBe('status=FAILED');
    expect(processListSearch(info.next!)).toBe('status=FAILED&offset=50');
    expect(pageInfo(parse('offset=50'), 10, 60).next).toBeUndefined();
    expect(pageInfo(parse(''), 0, 0)).toMatchObject({
      first: 0,
      last: 0,
      previous: undefined,
      next: undefined,
    });
  });

  it('stops at the API offset limit, and guesses from a full page when there is no total', () => {
    expect(pageInfo(parse('offset=10000&limit=100'), 100, 50_000).next).toBeUndefined();
    expect(pageInfo(parse('limit=10'), 10, undefined).next).toBeDefined();
  });
});

describe('tableRequest', () => {
  it('asks for the table fields, 25 rows unless the link says, and always a total', () => {
    expect(processListSearch(tableRequest(parse('status=FAILED&total=false&fields=id')))).toBe(
      'status=FAILED&limit=25&fields=id%2Cstatus%2Ctype%2Caction%2Cidentifier%2CcreatedDate%2CupdatedDate%2Ctransaction%2Crefund',
    );
    expect(tableRequest(parse('limit=100')).limit).toBe(100);
  });
});
