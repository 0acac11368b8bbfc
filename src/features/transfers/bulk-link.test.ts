import { describe, expect, it } from 'vitest';
import { compressText, fromBase64url, toBase64url } from '../../lib/compressed-text.ts';
import {
  bulkLink,
  fragmentList,
  FRAGMENT_MAX_BYTES,
  knownFragmentList,
  LINK_QUERY_MAX_CHARS,
  readFragmentList,
} from './bulk-link.ts';

const names = (count: number) => Array.from({ length: count }, (_, i) => `bulk-${i + 1}.com`);

describe('bulk links', () => {
  it('keeps a short list readable in the query string', async () => {
    expect(await bulkLink('acct12345', ['a.com', 'www.b.com'])).toBe(
      '/transfers/acct12345?domains=a.com%2Cwww.b.com',
    );
    expect(await bulkLink('acct1', ['a.com'], new URLSearchParams({ sort: '-changed' }))).toBe(
      '/transfers/acct1?domains=a.com&sort=-changed',
    );
  });

  it.each([100, 120, 1_500, 5_000])('round-trips %i domains', async (count) => {
    const entries = names(count);
    const link = await bulkLink('acct12345', entries);
    const url = new URL(link, 'http://console.test');
    const inQuery = url.searchParams.get('domains');
    if (inQuery !== null) {
      expect(url.search.length - '?'.length).toBeLessThanOrEqual(LINK_QUERY_MAX_CHARS);
      expect(inQuery.split(',')).toEqual(entries);
      expect(url.hash).toBe('');
    } else {
      expect(count).toBeGreaterThan(100);
      const encoded = fragmentList(url.hash)!;
      expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
      expect((await readFragmentList(encoded)).split(',')).toEqual(entries);
    }
  });

  it('knows the list of the fragment it made last (no inflating on the way to its own link)', async () => {
    const first = fragmentList(new URL(await bulkLink('acct1', names(200)), 'http://c.test').hash)!;
    expect(knownFragmentList(first)).toBe(names(200).join(','));
    const second = fragmentList(
      new URL(await bulkLink('acct1', names(300)), 'http://c.test').hash,
    )!;
    expect(knownFragmentList(second)).toBe(names(300).join(','));
    // Only the last one: a link from anywhere else (or an older one) is read from its fragment.
    expect(knownFragmentList(first)).toBeUndefined();
    expect(knownFragmentList(await compressText('x.com'))).toBeUndefined();
  });

  it('puts 5,000 domains in the fragment: what a server sees stays short', async () => {
    const link = await bulkLink(
      'acct12345',
      names(5_000),
      new URLSearchParams({ phase: 'registry' }),
    );
    expect(link).toMatch(/^\/transfers\/acct12345\?phase=registry#dz=[A-Za-z0-9_-]+$/);
    expect(link.slice(0, link.indexOf('#'))).toBe('/transfers/acct12345?phase=registry');
    // Compressed: under a third of the list's 68,892 characters.
    expect(link.length).toBeLessThan(20_000);
  });

  it('reads a list compressed elsewhere and refuses what is not one', async () => {
    // Node's zlib.deflateRawSync('a.com,b.com'), in base64url.
    expect(await readFragmentList('S9RLzs_VSQKRAA')).toBe('a.com,b.com');
    await expect(readFragmentList('not base64!')).rejects.toThrow();
    await expect(readFragmentList(toBase64url(new Uint8Array([1, 2, 3, 4])))).rejects.toThrow();
    // A bomb: 3 MB of zeros compress to 3 KB; the reader stops at FRAGMENT_MAX_BYTES.
    const bomb = await compressText('\0'.repeat(FRAGMENT_MAX_BYTES + 1_000_000));
    expect(bomb.length).toBeLessThan(10_000);
    await expect(readFragmentList(bomb)).rejects.toThrow(/more than/);
  });

  it('base64url round-trips every length', () => {
    for (let length = 0; length < 20; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 0xff);
      const text = toBase64url(bytes);
      expect(text).toBe(
        btoa(String.fromCharCode(...bytes))
          .replace(/=+$/, '')
          .replace(/\+/g, '-')
          .replace(/\//g, '_'),
      );
      expect(fromBase64url(text)).toEqual(bytes);
    }
  });

  it('finds the list in a hash with other parts', () => {
    expect(fragmentList('#dz=abc')).toBe('abc');
    expect(fragmentList('#x=1&dz=abc')).toBe('abc');
    expect(fragmentList('#section')).toBeUndefined();
    expect(fragmentList('')).toBeUndefined();
  });
});
