// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { normaliseDomain } from './domain-name.ts';

describe('normaliseDomain', () => {
  it.each([
    ['example.com', 'example.com'],
    ['Example.COM', 'example.com'],
    ['example.co.uk', 'example.co.uk'],
    ['münchen.de', 'xn--mnchen-3ya.de'],
    ['XN--MNCHEN-3YA.DE', 'xn--mnchen-3ya.de'],
    ['a-b.nl', 'a-b.nl'],
  ])('accepts %s as %s', (input, domain) => {
    expect(normaliseDomain(input)).toEqual({ ok: true, domain });
  });

  it.each([
    ['', /empty/],
    ['www.example.com', /use 'example\.com'/],
    ['http://www.example.com', /bare domain/],
    ['example.com:443', /bare domain/],
    ['example.com/path', /bare domain/],
    ['exa mple.com', /bare domain/],
    ['example.zz', /top-level/],
    ['example.test', /top-level/],
    ['localhost', /valid/],
    ['co.uk', /public suffix/],
    ['com', /valid/],
    ['192.168.1.1', /IP address/],
    ['-bad.com', /valid/],
    ['bad-.com', /valid/],
    ['exa_mple.com', /valid/],
    ['example.com.', /valid/],
    [`${'a'.repeat(64)}.com`, /valid/],
  ])('rejects %j', (input, reason) => {
    const result = normaliseDomain(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
