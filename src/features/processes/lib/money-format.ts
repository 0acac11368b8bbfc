/**
 * Formats an integer amount of minor units (cents) in its currency: 12345 EUR → "€123.45",
 * 12345 JPY → "¥12,345", 12345 BHD → "BHD 12.345". Never throws: an invalid code comes back
 * as "12345 XYZ1 (minor units)".
 */
export function formatMinorUnits(amount: number, currency: string, locale?: string): string {
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  } catch {
    return `${amount} ${currency} (minor units)`;
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(
    Number.isSafeInteger(amount) ? minorToDecimalString(amount, digits) : amount / 10 ** digits,
  );
}

// A decimal string is formatted exactly by Intl, avoiding binary rounding (e.g. 0.1 + 0.2).
function minorToDecimalString(amount: number, digits: number): Intl.StringNumericLiteral {
  const sign = amount < 0 ? '-' : '';
  const magnitude = String(Math.abs(amount)).padStart(digits + 1, '0');
  const whole = magnitude.slice(0, magnitude.length - digits);
  const fraction = magnitude.slice(magnitude.length - digits);
  return `${sign}${whole}${digits > 0 ? `.${fraction}` : ''}` as Intl.StringNumericLiteral;
}
