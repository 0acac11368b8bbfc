import { describe, expect, it } from 'vitest';
import { buildLedger, describeCurrency, formatMinorUnits } from './money.ts';

// Intl separates the symbol with a no-break space in some locales; compare on plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMinorUnits', () => {
  it.each([
    [12345, 'EUR', 'en-GB', '€123.45'],
    [5, 'EUR', 'en-GB', '€0.05'],
    [0, 'EUR', 'en-GB', '€0.00'],
    [1000000, 'USD', 'en-US', '$10,000.00'],
    [12345, 'JPY', 'en-GB', 'JP¥12,345'],
    [12345, 'JPY', 'ja-JP', '￥12,345'],
    [12345, 'BHD', 'en-GB', 'BHD 12.345'],
    [5, 'BHD', 'en-GB', 'BHD 0.005'],
    [-12345, 'EUR', 'en-GB', '-€123.45'],
    [-1, 'USD', 'en-US', '-$0.01'],
    [-12345, 'JPY', 'en-GB', '-JP¥12,345'],
    [12345, 'EUR', 'nl-NL', '€ 123,45'],
    [9007199254740991, 'EUR', 'en-GB', '€90,071,992,547,409.91'],
    [12345, 'eur', 'en-GB', '€123.45'],
  ])('%d %s in %s → %s', (amount, currency, locale, expected) => {
    expect(plain(formatMinorUnits(amount, currency, locale))).toBe(expected);
  });

  it('keeps exact cents where binary floating point would not', () => {
    // 0.29 * 100 is 28.999999999999996 in floating point; strings avoid that class of error.
    expect(formatMinorUnits(29, 'EUR', 'en-GB')).toBe('€0.29');
    expect(formatMinorUnits(1_000_000_000_000_01, 'USD', 'en-US')).toBe('$1,000,000,000,000.01');
  });

  it('falls back to minor units for an invalid code instead of throwing', () => {
    expect(formatMinorUnits(12345, 'XYZ1', 'en-GB')).toBe('12345 XYZ1 (minor units)');
    expect(formatMinorUnits(-7, '', 'en-GB')).toBe('-7  (minor units)');
  });

  it('formats a well-formed but unlisted code with two digits', () => {
    expect(plain(formatMinorUnits(12345, 'XYZ', 'en-GB'))).toBe('XYZ 123.45');
  });
});

describe('describeCurrency', () => {
  it.each([
    ['JPY', 0],
    ['EUR', 2],
    ['USD', 2],
    ['BHD', 3],
  ])('%s has %d digits and no note', (currency, digits) => {
    expect(describeCurrency(currency)).toEqual({ digits, note: undefined });
  });

  it('notes an unlisted code', () => {
    expect(describeCurrency('XYZ')).toMatchObject({
      digits: 2,
      note: expect.stringMatching(/XYZ/),
    });
  });

  it('notes an invalid code and gives no digits', () => {
    expect(describeCurrency('XYZ1')).toMatchObject({
      digits: undefined,
      note: expect.stringMatching(/not a valid currency code.*minor units/),
    });
  });
});

describe('buildLedger', () => {
  it('collects every currency, sorted, with net = charged − refunded', () => {
    const ledger = buildLedger({
      status: 'COMPLETED',
      reservation: { USD: 1000, EUR: 500 },
      transaction: { USD: 1000, EUR: 500 },
      refund: { USD: 250 },
    });
    expect(ledger.currencies).toEqual(['EUR', 'USD']);
    expect(ledger.rows).toEqual({
      EUR: { reserved: 500, charged: 500, refunded: undefined, net: 500 },
      USD: { reserved: 1000, charged: 1000, refunded: 250, net: 750 },
    });
    expect(ledger.flags).toEqual([]);
  });

  it('keeps absent amounts undefined, not 0', () => {
    const ledger = buildLedger({ status: 'RUNNING', reservation: { EUR: 500 } });
    expect(ledger.rows.EUR).toEqual({
      reserved: 500,
      charged: undefined,
      refunded: undefined,
      net: undefined,
    });
  });

  it('is empty when no map is present', () => {
    expect(buildLedger({ status: 'COMPLETED' })).toEqual({ currencies: [], rows: {}, flags: [] });
    expect(
      buildLedger({ status: 'COMPLETED', reservation: {}, transaction: {}, refund: {} }),
    ).toEqual({ currencies: [], rows: {}, flags: [] });
  });

  it.each(['COMPLETED', 'FAILED', 'CANCELLED', 'INVALID'])(
    'flags a reservation never charged once %s',
    (status) => {
      const ledger = buildLedger({ status, reservation: { EUR: 1250 } }, 'en-GB');
      expect(ledger.flags).toEqual([
        {
          currency: 'EUR',
          kind: 'reserved-not-charged',
          message: expect.stringContaining(`€12.50 was reserved but never charged`),
        },
      ]);
      expect(ledger.flags[0]?.message).toContain(status);
    },
  );

  it('treats a zero charge as no charge', () => {
    const ledger = buildLedger({
      status: 'FAILED',
      reservation: { EUR: 1 },
      transaction: { EUR: 0 },
    });
    expect(ledger.flags.map((f) => f.kind)).toEqual(['reserved-not-charged']);
    expect(ledger.rows.EUR?.net).toBe(0);
  });

  it.each(['NEW', 'VALIDATED', 'RUNNING', 'SCHEDULED', 'SUSPENDED', 'IN_DOUBT', 'UNHEARD_OF'])(
    'does not flag an uncharged reservation while %s',
    (status) => {
      expect(buildLedger({ status, reservation: { EUR: 1250 } }).flags).toEqual([]);
    },
  );

  it('does not flag a zero reservation', () => {
    expect(buildLedger({ status: 'FAILED', reservation: { EUR: 0 } }).flags).toEqual([]);
  });

  it('flags a refund larger than the charge', () => {
    const ledger = buildLedger(
      { status: 'COMPLETED', transaction: { USD: 1000 }, refund: { USD: 1500 } },
      'en-US',
    );
    expect(ledger.rows.USD?.net).toBe(-500);
    expect(ledger.flags).toEqual([
      {
        currency: 'USD',
        kind: 'refund-exceeds-charge',
        message: '$15.00 was refunded, more than the $10.00 that was charged.',
      },
    ]);
  });

  it('accepts a refund equal to the charge (the SDK example)', () => {
    const ledger = buildLedger({
      status: 'FAILED',
      reservation: { USD: 1000000 },
      transaction: { USD: 1000000 },
      refund: { USD: 1000000 },
    });
    expect(ledger.rows.USD).toEqual({
      reserved: 1000000,
      charged: 1000000,
      refunded: 1000000,
      net: 0,
    });
    expect(ledger.flags).toEqual([]);
  });

  it('flags a refund without any charge, running or not', () => {
    const ledger = buildLedger({ status: 'RUNNING', refund: { JPY: 300 } }, 'en-GB');
    expect(ledger.rows.JPY?.net).toBe(-300);
    expect(ledger.flags).toEqual([
      {
        currency: 'JPY',
        kind: 'refund-without-charge',
        message: 'JP¥300 was refunded, but this process charged nothing in JPY.',
      },
    ]);
  });

  it('can raise two flags for one currency and keeps other currencies apart', () => {
    const ledger = buildLedger({
      status: 'CANCELLED',
      reservation: { EUR: 100, USD: 100 },
      transaction: { USD: 100 },
      refund: { EUR: 50 },
    });
    expect(ledger.flags.map((f) => [f.currency, f.kind])).toEqual([
      ['EUR', 'reserved-not-charged'],
      ['EUR', 'refund-without-charge'],
    ]);
  });

  it('does not crash on an invalid currency code', () => {
    const ledger = buildLedger({ status: 'FAILED', reservation: { XYZ1: 99 } });
    expect(ledger.currencies).toEqual(['XYZ1']);
    expect(ledger.flags[0]?.message).toContain('99 XYZ1 (minor units)');
  });

  it('keeps a "__proto__" currency as data', () => {
    const reservation = JSON.parse('{"__proto__": 5}') as Record<string, number>;
    const ledger = buildLedger({ status: 'RUNNING', reservation });
    expect(ledger.currencies).toEqual(['__proto__']);
    expect(Object.hasOwn(ledger.rows, '__proto__')).toBe(true);
    expect(ledger.rows['__proto__']?.reserved).toBe(5);
  });
});
