import { describe, expect, it } from 'vitest';
import { cleanPaste, interpretSearch } from './interpret.ts';

const hrefs = (input: string, options?: Parameters<typeof interpretSearch>[1]) =>
  interpretSearch(input, options).choices.map((c) => c.href);

describe('cleanPaste', () => {
  it.each([
    ['"46069000"', '46069000'],
    ['<46069000>', '46069000'],
    ['46069000.', '46069000'],
    ['example.com,', 'example.com'],
    ['“example.com”.', 'example.com'],
    ["  '<acme.com>'  ", 'acme.com'],
    ['(#46069000);', '#46069000'],
    ['"unbalanced', '"unbalanced'],
  ])('%s → %s', (input, expected) => {
    expect(cleanPaste(input)).toBe(expected);
  });
});

describe('interpretSearch', () => {
  it('opens a process id in every form the process lookup takes', () => {
    for (const input of ['46069000', '#46069000', '46 069 000', ' "46069000". ']) {
      expect(hrefs(input)[0]).toBe('/processes/46069000');
    }
    expect(hrefs('process 46069000 failed at 10:00')[0]).toBe('/processes/46069000');
    expect(hrefs('https://console.example/processes/46069000?tz=UTC')[0]).toBe(
      '/processes/46069000',
    );
  });

  it('offers several pasted ids one by one and opens none by itself', () => {
    const result = interpretSearch('46069000, 46069001\n46069002');
    expect(result.mustChoose).toBe(true);
    expect(result.choices.map((c) => c.href)).toEqual([
      '/processes/46069000',
      '/processes/46069001',
      '/processes/46069002',
    ]);
    const logLine = interpretSearch('retry of 46069000 after 46069001 failed');
    expect(logLine.mustChoose).toBe(true);
    expect(logLine.choices.at(-1)?.href).toMatch(/^\/processes\?q=/);
  });

  it('explains a number that is not an id and offers nothing', () => {
    for (const input of ['0', '-5', '1.5', '99999999999999999999']) {
      const result = interpretSearch(input);
      expect(result.choices).toEqual([]);
      expect(result.problem).toEqual(expect.any(String));
    }
  });

  it('reads a domain, a URL and an e-mail address as the domain', () => {
    expect(hrefs('Example.COM')[0]).toBe('/domains/example.com');
    expect(hrefs('https://www.acme-widgets.com/shop?x=1')[0]).toBe('/domains/www.acme-widgets.com');
    expect(hrefs('<jane@acme-widgets.com>')[0]).toBe('/domains/acme-widgets.com');
    expect(hrefs('bücher.de')[0]).toBe('/domains/xn--bcher-kva.de');
  });

  it('offers the transfer on the remembered account as an alternative', () => {
    expect(hrefs('acme.com', { rememberedAccount: 'acct12345' })).toEqual([
      '/domains/acme.com',
      '/transfers/acct12345/acme.com',
      '/processes?q=acme.com',
    ]);
  });

  it('opens account/domain as that transfer', () => {
    expect(hrefs('acct12345/Example.com')).toEqual([
      '/transfers/acct12345/example.com',
      '/domains/example.com',
    ]);
  });

  it('opens a link to this console as it is', () => {
    expect(
      hrefs('http://127.0.0.1:8080/processes?status=FAILED#x', { origin: 'http://127.0.0.1:8080' }),
    ).toEqual(['/processes?status=FAILED#x']);
  });

  it('searches the process list for anything else', () => {
    expect(hrefs('renewal failed')).toEqual(['/processes?q=renewal%20failed']);
    expect(interpretSearch('x'.repeat(201)).problem).toMatch(/200/);
    expect(interpretSearch('a\u0007b').problem).toMatch(/control/);
    expect(interpretSearch('   ').choices).toEqual([]);
  });
});
