import {
  buildLedger,
  describeCurrency,
  formatMinorUnits,
  type LedgerInput,
  type LedgerRow,
} from '../lib/money.ts';
import { alertClass } from '../../../components/ui/alert.tsx';

const ROWS: { key: keyof LedgerRow; label: string }[] = [
  { key: 'reserved', label: 'Reserved' },
  { key: 'charged', label: 'Charged' },
  { key: 'refunded', label: 'Refunded' },
  { key: 'net', label: 'Net' },
];

export function MoneyLedger({ process, locale }: { process: LedgerInput; locale?: string }) {
  const ledger = buildLedger(process, locale);

  if (ledger.currencies.length === 0) {
    return <p className="text-fg-muted">No money was reserved, charged or refunded.</p>;
  }

  const currencyNotes = ledger.currencies.flatMap((currency) => {
    const note = describeCurrency(currency).note;
    return note === undefined ? [] : [{ currency, note }];
  });

  return (
    <div className="space-y-3">
      <div className="overflow-x-auto">
        <table className="w-full max-w-2xl text-sm">
          <caption className="pb-2 text-left text-fg-muted">
            Money per currency. Reserved is held on the balance while the process runs; charged is
            the final transaction; net is charged minus refunded.
          </caption>
          <thead>
            <tr className="border-b border-line-strong">
              <th scope="col">
                <span className="sr-only">Amount</span>
              </th>
              {ledger.currencies.map((currency) => (
                <th key={currency} scope="col" className="px-3 py-1.5 text-right font-semibold">
                  {currency}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => (
              <tr
                key={row.key}
                className={
                  row.key === 'net' ? 'border-t-2 border-line-strong font-semibold' : undefined
                }
              >
                <th scope="row" className="py-1.5 pr-6 text-left font-medium">
                  {row.label}
                </th>
                {ledger.currencies.map((currency) => {
                  const amount = ledger.rows[currency]?.[row.key];
                  return (
                    <td
                      key={currency}
                      className="px-3 py-1.5 text-right whitespace-nowrap tabular-nums"
                    >
                      {amount === undefined ? (
                        <>
                          <span aria-hidden="true" className="text-fg-subtle">
                            —
                          </span>
                          <span className="sr-only">none</span>
                        </>
                      ) : (
                        formatMinorUnits(amount, currency, locale)
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {ledger.flags.length > 0 && (
        <ul className="space-y-2" aria-label="Money warnings">
          {ledger.flags.map((flag) => (
            <li
              key={`${flag.currency}-${flag.kind}`}
              className={alertClass({ tone: 'warning', className: 'py-2' })}
            >
              <strong>Check {flag.currency}:</strong> {flag.message}
            </li>
          ))}
        </ul>
      )}

      {currencyNotes.length > 0 && (
        <ul className="space-y-1 text-sm text-fg-muted">
          {currencyNotes.map(({ currency, note }) => (
            <li key={currency}>Note: {note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
