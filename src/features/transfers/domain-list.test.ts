import { describe, expect, it, vi } from 'vitest';
import {
  buildDomainList,
  checkFlatName,
  checkLocally,
  checkLocallyInSlices,
  namesToCheck,
} from './domain-list.ts';
import { stubCheck } from './testing/domain-names-stub.ts';

describe('checkFlatName', () => {
  it.each([
    ['example.com', 'example.com'],
    ['Example.NET.', 'example.net'],
    ['  example.org ', 'example.org'],
  ])('decides %j without the server', (input, ascii) => {
    expect(checkFlatName(input)).toMatchObject({ ok: true, ascii, corrected: false });
  });

  it.each([
    'www.example.com',
    'example.co.uk',
    'münchen.de',
    'bücher.com',
    'xn--bcher-kva.com',
    'example.invalidtld',
    'a..com',
    '',
  ])('leaves %j to the server', (input) => {
    expect(checkFlatName(input)).toBeUndefined();
  });
});

describe('checkLocally', () => {
  it('refuses an entry too long to send', () => {
    expect(checkLocally('a'.repeat(2_000))).toMatchObject({
      ok: false,
      reason: 'A domain name has at most 253 characters.',
    });
  });
});

describe('namesToCheck', () => {
  it('is empty for a list of plain .com names', () => {
    expect(namesToCheck(['a.com', 'b.com', 'B.COM'])).toEqual([]);
  });

  it('lists every other entry once, in order', () => {
    expect(namesToCheck(['a.com', 'www.a.com', 'x.de', 'www.a.com', ' x.de '])).toEqual([
      'www.a.com',
      'x.de',
    ]);
  });
});

describe('buildDomainList', () => {
  const build = (entries: string[]) =>
    buildDomainList(entries, namesToCheck(entries).map(stubCheck));

  it('merges local and server answers in input order, dropping duplicates by domain', () => {
    const list = build(['a.com', 'b.com', 'www.a.com', 'c.co.uk', 'd..com', 'B.COM']);
    expect(list.domains.map((d) => d.ascii)).toEqual(['a.com', 'b.com', 'c.co.uk']);
    expect(list.duplicates).toBe(2);
    expect(list.invalid).toEqual([
      { input: 'd..com', reason: '"d..com" is not a valid domain name.' },
    ]);
  });

  it('needs no answers for a list of plain .com names, 500 of them', () => {
    const entries = Array.from({ length: 500 }, (_, i) => `bulk-${i + 1}.com`);
    expect(buildDomainList(entries).domains).toHaveLength(500);
  });

  it('refuses to guess when an answer is missing', () => {
    expect(() => buildDomainList(['x.de'], [])).toThrow(/No check result/);
  });
});

describe('checkLocallyInSlices', () => {
  it('checks a long list with the browser’s turn between slices, then both readers use it', async () => {
    const entries = Array.from({ length: 300 }, (_, i) =>
      i % 3 === 0 ? `x${i}.co.uk` : `d${i}.com`,
    );
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => ++clock);
    const yields = vi.fn(async () => {});
    vi.stubGlobal('scheduler', { yield: yields });
    await checkLocallyInSlices(entries);
    expect(yields.mock.calls.length).toBeGreaterThanOrEqual(300 / 10 - 1);
    vi.unstubAllGlobals();
    const expected = buildDomainList([...entries], namesToCheck([...entries]).map(stubCheck));
    expect(buildDomainList(entries, namesToCheck(entries).map(stubCheck))).toEqual(expected);
    expect(namesToCheck(entries)).toHaveLength(100);
  });

  it('stops when the list is no longer wanted, and leaves it to be checked at once', async () => {
    const entries = Array.from({ length: 50 }, (_, i) => `d${i}.com`);
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (clock += 20));
    vi.stubGlobal('scheduler', { yield: async () => {} });
    await checkLocallyInSlices(entries, () => false);
    vi.unstubAllGlobals();
    expect(buildDomainList(entries).domains).toHaveLength(50);
  });
});
