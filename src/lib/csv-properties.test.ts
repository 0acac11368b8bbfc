// Properties of the CSV export over any cells (fast-check, fixed seed): the text parses back, by
// RFC 4180, to exactly the rows written (a guarded cell gains only its leading apostrophe), and
// no text cell starts with a character a spreadsheet would run as a formula.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

const SEED = 20_261_201;
const RUNS = 10_000;
const FORMULA_START = /^[=+\-@\t\r]/;

/** An RFC 4180 parser (records end with CRLF, as toCsv writes them); throws on malformed input. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote < 0) throw new Error('unterminated quoted field');
        cell += text.slice(i, quote);
        i = quote + 1;
        if (text[i] !== '"') break;
        cell += '"';
        i++;
      }
    } else {
      const end = text.slice(i).search(/[,\r]/);
      const stop = end < 0 ? text.length : i + end;
      cell = text.slice(i, stop);
      if (cell.includes('"') || cell.includes('\n')) throw new Error('bare quote or LF in a field');
      i = stop;
    }
    row.push(cell);
    if (text[i] === ',') {
      i++;
    } else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else {
      throw new Error(`unexpected ${JSON.stringify(text[i])} after a field at ${i}`);
    }
  }
  if (row.length > 0) throw new Error('last record not ended by CRLF');
  return rows;
}

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  // Formula starts, quotes and line breaks, more often than chance would give them.
  fc
    .tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', "'", ' ='), fc.string())
    .map(([head, rest]) => head + rest),
);
const cell = fc.oneof(text, fc.integer(), fc.double({ noNaN: true }), fc.constant(undefined));
const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), {
  minLength: 1,
  maxLength: 5,
});

/** What a cell should read as once parsed back. */
function expected(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return FORMULA_START.test(value) ? `'${value}` : value;
}

describe('toCsv (fast-check)', () => {
  it('round-trips every field through an RFC 4180 parse, formula-guarded', () => {
    fc.assert(
      fc.property(rows, (written) => {
        const parsed = parseCsv(toCsv(written));
        expect(parsed).toEqual(written.map((row) => row.map(expected)));
        written.forEach((row, r) =>
          row.forEach((value, c) => {
            // Numbers stay numbers (a negative one is not a formula); text never starts one.
            if (typeof value === 'string') expect(parsed[r]![c]).not.toMatch(FORMULA_START);
          }),
        );
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 120_000);

  it('the parser used above refuses what RFC 4180 does not allow', () => {
    expect(() => parseCsv('a,"b\r\n')).toThrow();
    expect(() => parseCsv('a,b')).toThrow();
    expect(() => parseCsv('a"b\r\n')).toThrow();
    expect(parseCsv('a,"b,""c""\r\nd"\r\n')).toEqual([['a', 'b,"c"\r\nd']]);
  });
});
