import type { MoneyMap, Process } from '../../../api/rtr-schemas.ts';
import { describeStatus } from './status.ts';
import { formatMinorUnits } from './money-format.ts';

// In its own module so that a page showing amounts (the process list) needs no ledger code.
export { formatMinorUnits };

/** Minor-unit amounts for one currency; undefined where the API sent nothing for it. */
export interface LedgerRow {
  reserved: number | undefined;
  charged: number | undefined;
  refunded: number | undefined;
  /** charged − refunded; undefined only when neither was sent. */
  net: number | undefined;
}

export type LedgerFlagKind =
  'reserved-not-charged' | 'refund-exceeds-charge' | 'refund-without-charge';

export interface LedgerFlag {
  currency: string;
  kind: LedgerFlagKind;
  message: string;
}

export interface Ledger {
  /** Every currency in any of the three maps, sorted. */
  currencies: string[];
  rows: Record<string, LedgerRow>;
  flags: LedgerFlag[];
}

export type LedgerInput = Pick<Process, 'reservation' | 'transaction' | 'refund' | 'status'>;

/**
 * The money of one process per currency (`transaction` is what was charged), plus the
 * combinations an operator should look at. "Reserved but never charged" is only raised once
 * the process is final: while it runs, a reservation without a charge is the normal state.
 */
export function buildLedger(process: LedgerInput, locale?: string): Ledger {
  const currencies = [
    ...new Set([
      ...Object.keys(process.reservation ?? {}),
      ...Object.keys(process.transaction ?? {}),
      ...Object.keys(process.refund ?? {}),
    ]),
  ].sort();
  const final = describeStatus(process.status).final;
  const flags: LedgerFlag[] = [];

  // fromEntries defines own properties, so a hostile key such as "__proto__" stays data.
  const rows = Object.fromEntries(
    currencies.map((currency): [string, LedgerRow] => {
      const reserved = amountIn(process.reservation, currency);
      const charged = amountIn(process.transaction, currency);
      const refunded = amountIn(process.refund, currency);
      const net =
        charged === undefined && refunded === undefined
          ? undefined
          : (charged ?? 0) - (refunded ?? 0);
      const money = (amount: number) => formatMinorUnits(amount, currency, locale);
      const wasCharged = charged !== undefined && charged !== 0;

      if (final && reserved !== undefined && reserved > 0 && !wasCharged) {
        flags.push({
          currency,
          kind: 'reserved-not-charged',
          message: `${money(reserved)} was reserved but never charged, and the process has ended (${process.status}). The reservation should have been released: check the account balance if it is still held.`,
        });
      }
      if (refunded !== undefined && refunded > 0) {
        if (!wasCharged) {
          flags.push({
            currency,
            kind: 'refund-without-charge',
            message: `${money(refunded)} was refunded, but this process charged nothing in ${currency}.`,
          });
        } else if (charged !== undefined && refunded > charged) {
          flags.push({
            currency,
            kind: 'refund-exceeds-charge',
            message: `${money(refunded)} was refunded, more than the ${money(charged)} that was charged.`,
          });
        }
      }
      return [currency, { reserved, charged, refunded, net }];
    }),
  );

  return { currencies, rows, flags };
}

function amountIn(map: MoneyMap | undefined, currency: string): number | undefined {
  return map !== undefined && Object.hasOwn(map, currency) ? map[currency] : undefined;
}

export interface CurrencyInfo {
  /** Digits after the decimal point, or undefined when the code is not usable at all. */
  digits: number | undefined;
  /** Set when the amount cannot be shown the ordinary way, saying why. */
  note: string | undefined;
}

/**
 * How many minor-unit digits a currency has, from the browser's own ISO 4217 data (JPY 0,
 * EUR 2, BHD 3). A well-formed code the browser does not list still formats (Intl assumes 2
 * digits), so it gets a note; a malformed one makes Intl throw and gets no digits.
 */
export function describeCurrency(currency: string): CurrencyInfo {
  let digits: number | undefined;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits;
  } catch {
    return {
      digits: undefined,
      note: `"${currency}" is not a valid currency code, so its amounts are shown in minor units as the API sent them.`,
    };
  }
  if (!supportedCurrencies().has(currency.toUpperCase())) {
    return {
      digits,
      note: `${currency} is not a currency this browser knows; its amounts assume ${digits} decimal places.`,
    };
  }
  return { digits, note: undefined };
}

let supported: Set<string> | undefined;
function supportedCurrencies(): Set<string> {
  supported ??= new Set(Intl.supportedValuesOf('currency'));
  return supported;
}
