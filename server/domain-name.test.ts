// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { checkDomainName } from './domain-name.ts';
import { validateDomain } from './validation.ts';

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
    ['-a.com', 'not a valid domain name'],
    ['a-.co.uk', 'not a valid domain name'],
  ])('refuses %j', (input, reason) => {
    const result = checkDomainName(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });
});

describe('what it answers, the proxy accepts', () => {
  it.each(['example.com', 'www.münchen.de', 'https://shop.example.co.uk/x', 'foo.blogspot.com'])(
    '%s',
    (input) => {
      const result = checkDomainName(input);
      expect(result.ok && validateDomain(result.ascii)).toBeUndefined();
    },
  );
});
