import { describe, expect, it } from 'vitest';
import { checkDomainName } from './domain-name.ts';

describe('checkDomainName', () => {
  it.each([
    ['example.com', 'example.com', false],
    ['Example.COM.', 'example.com', false],
    ['www.example.com', 'example.com', true],
    ['https://www.example.co.uk/path?q=1', 'example.co.uk', true],
    ['münchen.de', 'xn--mnchen-3ya.de', false],
    ['xn--mnchen-3ya.de', 'xn--mnchen-3ya.de', false],
  ])('%s → %s', (input, ascii, corrected) => {
    expect(checkDomainName(input)).toEqual({ ok: true, ascii, corrected });
  });

  it.each([
    [''],
    ['com'],
    ['example.invalidtld'],
    ['exa mple.com'],
    ['exa_mple.com'],
    ['127.0.0.1'],
    [`${'a'.repeat(64)}.com`],
    [`${'a.'.repeat(127)}com`],
  ])('refuses %j', (input) => {
    expect(checkDomainName(input).ok).toBe(false);
  });
});
