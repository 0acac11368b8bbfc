// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RETURN_TO_LENGTH, safeReturnTo } from './return-to.ts';

const ORIGIN = 'https://console.example.com';

describe('safeReturnTo', () => {
  it.each([
    ['/processes/46069000', '/processes/46069000'],
    ['/transfers/acct12345?domains=a.com%0Ab.com', '/transfers/acct12345?domains=a.com%0Ab.com'],
    ['/search?q=%2F%2Fnot-a-host', '/search?q=%2F%2Fnot-a-host'],
    ['/', '/'],
    ['/a/../processes/1', '/processes/1'],
  ])('keeps the console path %s', (value, expected) => {
    expect(safeReturnTo(value)).toBe(expected);
  });

  it.each([
    undefined,
    null,
    '',
    '//evil.example',
    '///evil.example',
    'https://evil.example',
    'http:evil.example',
    'javascript:alert(1)',
    'evil.example',
    '/\\evil.example',
    '\\/evil.example',
    '\\\\evil.example',
    '/%2F%2Fevil.example',
    '/%2f/evil.example',
    '%2F%2Fevil.example',
    '/%5Cevil',
    '/%5cevil',
    '/%255Cevil',
    '/%252F%252Fevil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/%09/evil.example',
    '/%0A/evil.example',
    '/ /evil.example',
    '/.//evil.example',
    '/%2e%2e//evil.example',
    '/a/..//evil.example',
    '/processes/1\\@evil.example',
    '/processes/%E0%A4%A', // malformed percent-encoding
    '/%25%25%25%25%25%25%25%2525', // never settles within the decoding bound
    '/auth/login?returnTo=/',
    '/auth/callback',
    `/${'a'.repeat(MAX_RETURN_TO_LENGTH)}`,
    '/é',
  ])('refuses %j, falling back to /', (value) => {
    expect(safeReturnTo(value)).toBe('/');
  });

  it('answers, for any input, a path of the console’s own origin (10,000 runs, seeded)', () => {
    const tricky = fc.constantFrom(
      '/',
      '//',
      '\\',
      '%2F',
      '%2f',
      '%5C',
      '%5c',
      '%25',
      '%252F',
      '%09',
      '\t',
      '\n',
      '\r',
      ' ',
      '.',
      '..',
      '%2e',
      '@',
      ':',
      '?',
      '#',
      'evil.example',
      'https:',
      'http://',
      'javascript:',
      '\u0000',
      '\u3002',
      '\uff0f',
    );
    const input = fc.oneof(
      fc.string({ unit: fc.oneof(tricky, fc.string({ maxLength: 3 })), maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.webUrl().map((url) => url.replace(/^https?:/, '')),
      fc.webPath(),
    );
    let kept = 0;
    fc.assert(
      fc.property(input, (value) => {
        const out = safeReturnTo(value);
        if (out !== '/') kept++;
        expect(out).toMatch(/^\/(?![/\\])/);
        const resolved = new URL(out, ORIGIN);
        expect(resolved.origin).toBe(ORIGIN);
        // What a browser makes of it, after it has dropped tabs and newlines, is the same origin.
        expect(new URL(out.replace(/[\t\n\r]/g, ''), ORIGIN).origin).toBe(ORIGIN);
        // Idempotent: a sanitised target survives a second round (login → callback).
        expect(safeReturnTo(out)).toBe(out);
      }),
      { numRuns: 10_000, seed: 20_261_202 },
    );
    // The inputs reach both outcomes: not everything is simply refused.
    expect(kept).toBeGreaterThan(1000);
  });
});
