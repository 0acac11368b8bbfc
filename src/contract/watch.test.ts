import { describe, expect, it } from 'vitest';
import { parseWatchQuery, watchSearch, WATCH_DEFAULT_LIMIT } from './watch.ts';

const parse = (search: string) => parseWatchQuery(new URLSearchParams(search));

describe('parseWatchQuery', () => {
  it('reads every filter, the order and paging', () => {
    expect(
      parse(
        'phase=approval&account=acct1&stuck=true&final=false&state=watching&q=Moving&order=-changes&limit=20&offset=40',
      ),
    ).toEqual({
      ok: true,
      query: {
        phase: 'approval',
        account: 'acct1',
        stuck: true,
        final: false,
        state: 'watching',
        q: 'Moving',
        order: '-changes',
        limit: 20,
        offset: 40,
      },
    });
    expect(parse('')).toEqual({
      ok: true,
      query: { order: 'since', limit: WATCH_DEFAULT_LIMIT, offset: 0 },
    });
  });

  it.each([
    ['phase=waiting', 'phase', /phase must be one of eligibility, approval/],
    ['account=a/b', 'account', /account must be 1 to 64/],
    ['stuck=yes', 'stuck', /stuck must be true or false \(got "yes"\)/],
    ['final=1', 'final', /final must be true or false/],
    ['state=gone', 'state', /state must be watching or stopped/],
    ['order=status', 'order', /order must be one of since, -since/],
    ['limit=0', 'limit', /limit must be a whole number from 1 to 500/],
    ['limit=501', 'limit', /limit must be a whole number from 1 to 500/],
    ['offset=-1', 'offset', /offset must be a whole number from 0/],
    ['page=2', 'page', /page is not a parameter of the overview/],
    ['phase=approval&phase=registry', 'phase', /Give phase at most once/],
    [`q=${'x'.repeat(201)}`, 'q', /q must be at most 200 characters/],
  ])('refuses %s, naming %s', (search, param, message) => {
    const parsed = parse(search);
    expect(parsed).toMatchObject({ ok: false, param });
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it('skips what another reader owns', () => {
    expect(
      parseWatchQuery(new URLSearchParams('page=2&tz=utc'), { ignore: ['page', 'tz'] }).ok,
    ).toBe(true);
  });
});

describe('watchSearch', () => {
  it('is canonical: defaults left out, a round trip keeps the query', () => {
    const parsed = parse('stuck=true&account=acct1&order=since&limit=100');
    expect(parsed.ok && watchSearch(parsed.query)).toBe('account=acct1&stuck=true');
    const again = parse('account=acct1&stuck=true');
    expect(again).toEqual(parsed);
  });
});
