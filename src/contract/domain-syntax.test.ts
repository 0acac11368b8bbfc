import { describe, expect, it } from 'vitest';
import { checkDomainSyntax } from './domain-syntax.ts';

describe('checkDomainSyntax', () => {
  it.each([
    ['example.com', 'example.com', 2],
    ['Example.COM.', 'example.com', 2],
    ['münchen.de', 'xn--mnchen-3ya.de', 2],
    ['www.example.co.uk', 'www.example.co.uk', 4],
  ])('%s → %s', (input, ascii, labels) => {
    expect(checkDomainSyntax(input)).toEqual({ ok: true, ascii, labels });
  });

  it.each([
    '',
    'com',
    'http://example.com',
    'exa mple.com',
    'a_b.com',
    '1.2.3.4',
    `${'a'.repeat(64)}.com`,
  ])('refuses %j', (input) => {
    expect(checkDomainSyntax(input).ok).toBe(false);
  });
});
