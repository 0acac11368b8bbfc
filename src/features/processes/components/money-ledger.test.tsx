import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MoneyLedger } from './money-ledger.tsx';

afterEach(cleanup);

const cellText = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent);

describe('MoneyLedger', () => {
  it('shows a column per currency and a row per kind of amount', () => {
    render(
      <MoneyLedger
        locale="en-GB"
        process={{
          status: 'COMPLETED',
          reservation: { USD: 1000, JPY: 500 },
          transaction: { USD: 1000, JPY: 500 },
          refund: { USD: 250 },
        }}
      />,
    );
    const table = screen.getByRole('table', { name: /money per currency/i });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Amount', 'JPY', 'USD']);

    const row = (name: string) => within(table).getByRole('row', { name: new RegExp(`^${name}`) });
    expect(cellText(row('Reserved'))).toEqual(['JP¥500', 'US$10.00']);
    expect(cellText(row('Charged'))).toEqual(['JP¥500', 'US$10.00']);
    expect(cellText(row('Refunded'))).toEqual(['—none', 'US$2.50']);
    expect(cellText(row('Net'))).toEqual(['JP¥500', 'US$7.50']);
    expect(within(row('Net')).getByRole('rowheader').getAttribute('scope')).toBe('row');
    expect(screen.queryByRole('list', { name: 'Money warnings' })).not.toBeInTheDocument();
  });

  it('shows a flag as text under the table', () => {
    render(
      <MoneyLedger locale="en-GB" process={{ status: 'FAILED', reservation: { EUR: 1250 } }} />,
    );
    const warnings = screen.getByRole('list', { name: 'Money warnings' });
    expect(within(warnings).getByRole('listitem').textContent).toBe(
      'Check EUR: €12.50 was reserved but never charged, and the process has ended (FAILED). The reservation should have been released: check the account balance if it is still held.',
    );
  });

  it('notes an invalid currency code and shows its amounts in minor units', () => {
    render(
      <MoneyLedger locale="en-GB" process={{ status: 'RUNNING', reservation: { XYZ1: 99 } }} />,
    );
    expect(screen.getByRole('columnheader', { name: 'XYZ1' })).toBeInTheDocument();
    expect(screen.getByText('99 XYZ1 (minor units)')).toBeInTheDocument();
    expect(screen.getByText(/"XYZ1" is not a valid currency code/)).toBeInTheDocument();
  });

  it('has an empty state', () => {
    render(<MoneyLedger process={{ status: 'COMPLETED', reservation: {} }} />);
    expect(screen.getByText('No money was reserved, charged or refunded.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
