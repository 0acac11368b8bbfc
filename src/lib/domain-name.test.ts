import { describe, expect, it } from 'vitest';
import { checkDomainName, parseDomainList } from './domain-name.ts';

describe('checkDomainName', () => {
  it.each([
    ['example.com', 'example.com', 'example.com', false],
    ['Example.COM.', 'example.com', 'example.com', false],
    ['  example.com ', 'example.com', 'example.com', false],
    ['www.example.com', 'example.com', 'example.com', true],
    ['mail.shop.example.co.uk', 'example.co.uk', 'example.co.uk', true],
    ['https://www.example.co.uk/path?q=1', 'example.co.uk', 'example.co.uk', true],
    ['http://example.com/', 'example.com', 'example.com', true],
    ['example.com:8080', 'example.com', 'example.com', true],
    ['münchen.de', 'xn--mnchen-3ya.de', 'münchen.de', false],
    ['MÜNCHEN.DE', 'xn--mnchen-3ya.de', 'münchen.de', false],
    ['xn--mnchen-3ya.de', 'xn--mnchen-3ya.de', 'münchen.de', false],
    ['www.münchen.de', 'xn--mnchen-3ya.de', 'münchen.de', true],
    ['foo.blogspot.com', 'blogspot.com', 'blogspot.com', true],
  ])('%s → %s', (input, ascii, unicode, corrected) => {
    expect(checkDomainName(input)).toMatchObject({ ok: true, ascii, unicode, corrected });
  });

  it.each([
    ['', 'Enter a domain name'],
    ['com', 'only a public suffix'],
    ['co.uk', 'only a public suffix'],
    ['example.invalidtld', 'known top-level domain'],
    ['exa mple.com', 'not a valid domain name'],
    ['exa_mple.com', 'not a valid domain name'],
    ['exa$mple.com', 'not a valid domain name'],
    ['127.0.0.1', 'IP address'],
    [`${'a'.repeat(64)}.com`, '63 characters'],
    [`${'a.'.repeat(127)}com`, '253 characters'],
  ])('refuses %j', (input, reason) => {
    const result = checkDomainName(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });
});

describe('parseDomainList', () => {
  it('splits on newlines, commas, semicolons and spaces, and drops duplicates', () => {
    const list = parseDomainList('a.com, b.com\nwww.a.com;c.com  d..com\n\nB.COM');
    expect(list.domains.map((d) => d.ascii)).toEqual(['a.com', 'b.com', 'c.com']);
    expect(list.duplicates).toBe(2);
    expect(list.invalid).toEqual([
      { input: 'd..com', reason: '"d..com" is not a valid domain name.' },
    ]);
  });

  it('handles 500 domains', () => {
    const text = Array.from({ length: 500 }, (_, i) => `bulk-${i + 1}.com`).join('\n');
    expect(parseDomainList(text).domains).toHaveLength(500);
  });
});
