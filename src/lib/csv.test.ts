import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

describe('toCsv', () => {
  it('quotes what needs quoting and ends lines with CRLF', () => {
    expect(
      toCsv([
        ['domain', 'status', 'description'],
        ['a.com', 7, 'Mail sent, waiting'],
        ['b.com', 14, 'Said "done"\nnext line'],
        ['c.com', undefined, ''],
      ]),
    ).toBe(
      'domain,status,description\r\na.com,7,"Mail sent, waiting"\r\nb.com,14,"Said ""done""\nnext line"\r\nc.com,,\r\n',
    );
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(toCsv([['=HYPERLINK("x")', '+1', '-2', '@a', 'safe']])).toBe(
      `"'=HYPERLINK(""x"")",'+1,'-2,'@a,safe\r\n`,
    );
    expect(toCsv([[-2]])).toBe('-2\r\n');
  });
});
