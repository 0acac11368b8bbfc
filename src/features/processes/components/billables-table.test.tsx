import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Billable } from '../../../api/rtr-schemas.ts';
import { BillablesTable } from './billables-table.tsx';

afterEach(cleanup);

const makeBillables = (length: number, extra: Partial<Billable> = {}): Billable[] =>
  Array.from({ length }, (_, i) => ({
    product: `domain_${i}.nl`,
    action: i % 2 ? 'RENEW' : 'CREATE',
    quantity: 1,
    amount: 100,
    providerName: 'sidn',
    ...extra,
  }));

const bodyRows = (table: HTMLElement) =>
  [...table.querySelectorAll('tbody tr')].filter(
    (row) => row.getAttribute('aria-hidden') !== 'true',
  );

describe('BillablesTable (all rows)', () => {
  it('renders all 10 rows with real table semantics', () => {
    render(<BillablesTable billables={makeBillables(10)} locale="en-GB" />);
    const table = screen.getByRole('table', { name: 'Billables' });
    expect(table.getAttribute('aria-rowcount')).toBe('12');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Product', 'Action', 'Provider', 'Quantity', 'Amount']);
    const rows = bodyRows(table);
    expect(rows).toHaveLength(10);
    expect(rows.map((row) => row.getAttribute('aria-rowindex'))).toEqual(
      Array.from({ length: 10 }, (_, i) => String(i + 2)),
    );
    expect(
      within(rows[0] as HTMLElement)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['domain_0.nl', 'CREATE', 'sidn', '1', '100']);
    expect(table.querySelector('tr[aria-hidden="true"]')).toBeNull();
  });

  it('has a totals row', () => {
    render(<BillablesTable billables={makeBillables(10)} locale="en-GB" />);
    const totals = screen.getByRole('row', { name: /^Total \(10 rows\)/ });
    expect(totals.getAttribute('aria-rowindex')).toBe('12');
    expect(
      within(totals)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['', '', '10', '1,000']);
  });

  it('adds total and refundable columns only when a row has them', () => {
    const billables: Billable[] = [
      { product: '.com', action: 'CREATE', quantity: 1, amount: 900, total: 900, refundable: true },
      { product: '.nl', action: 'RENEW', quantity: 2, amount: 500 },
    ];
    render(<BillablesTable billables={billables} locale="en-GB" />);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Product',
      'Action',
      'Provider',
      'Quantity',
      'Amount',
      'Total',
      'Refundable',
    ]);
    const second = screen.getByRole('row', { name: /^\.nl/ });
    expect(
      within(second)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['.nl', 'RENEW', '—none', '2', '500', '—none', '—none']);
    const totals = screen.getByRole('row', { name: /^Total/ });
    expect(
      within(totals)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['', '', '3', '1,400', '900', '1 refundable']);
  });

  it('marks an undocumented action and names it in the summary', () => {
    render(
      <BillablesTable
        billables={[{ product: '.nl', action: 'TRADE', quantity: 1, amount: 1 }]}
        locale="en-GB"
      />,
    );
    expect(screen.getByRole('cell', { name: 'TRADE undocumented' })).toBeInTheDocument();
    expect(screen.getByText(/Not in the API documentation: TRADE\./)).toBeInTheDocument();
  });

  it('is a focusable, named scroll region', () => {
    render(<BillablesTable billables={makeBillables(3)} locale="en-GB" />);
    const region = screen.getByRole('region', { name: 'Billables, 3 rows' });
    expect(region.tabIndex).toBe(0);
  });

  it('has an empty state', () => {
    render(<BillablesTable billables={[]} />);
    expect(screen.getByText('No billables.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});

describe('BillablesTable (virtualised)', () => {
  // jsdom has no layout: clientHeight is 0. The component treats a zero height as its nominal
  // 28rem viewport, so the first rows are rendered without any test-only option.
  it('renders far fewer than 2,000 rows and still shows the totals', () => {
    render(<BillablesTable billables={makeBillables(2000)} locale="en-GB" />);
    const table = screen.getByRole('table', { name: 'Billables' });
    expect(table.getAttribute('aria-rowcount')).toBe('2002');

    const rows = bodyRows(table);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(50);
    expect(table.querySelectorAll('tr').length).toBeLessThan(60);
    expect(rows[0]?.getAttribute('aria-rowindex')).toBe('2');
    expect(within(rows[0] as HTMLElement).getAllByRole('cell')[0]?.textContent).toBe('domain_0.nl');

    // A spacer stands in for the rows below, hidden from assistive technology.
    const spacers = table.querySelectorAll('tbody tr[aria-hidden="true"]');
    expect(spacers).toHaveLength(1);
    const spacerHeight = parseFloat((spacers[0]?.firstElementChild as HTMLElement).style.height);
    expect(spacerHeight).toBe((2000 - rows.length) * 36);

    const totals = screen.getByRole('row', { name: /^Total \(2,000 rows\)/ });
    expect(totals.getAttribute('aria-rowindex')).toBe('2002');
    expect(
      within(totals)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['', '', '2,000', '200,000']);
    expect(screen.getByText(/1,000 × CREATE, 1,000 × RENEW/)).toBeInTheDocument();

    const region = screen.getByRole('region', { name: 'Billables, 2,000 rows' });
    expect(region.tabIndex).toBe(0);
    expect(region.className).toMatch(/max-h-\[28rem\]/);
  });

  it('renders the rows around the scroll position, with spacers above and below', () => {
    render(<BillablesTable billables={makeBillables(2000)} locale="en-GB" />);
    const region = screen.getByRole('region', { name: /^Billables/ });
    // jsdom does not scroll; the virtualizer reads scrollTop on the scroll event.
    Object.defineProperty(region, 'scrollTop', { configurable: true, value: 36 * 1000 });
    act(() => {
      fireEvent.scroll(region);
    });

    const table = screen.getByRole('table', { name: 'Billables' });
    const indexes = bodyRows(table).map((row) => Number(row.getAttribute('aria-rowindex')));
    expect(indexes.length).toBeLessThan(50);
    // 36,000 px down, below the 36 px header, billable 999 (aria-rowindex 1001) is at the top
    // and the 448 px viewport holds about 12 more.
    expect(Math.min(...indexes)).toBeLessThanOrEqual(1001);
    expect(Math.min(...indexes)).toBeGreaterThan(980);
    expect(Math.max(...indexes)).toBeGreaterThanOrEqual(1001 + 12);
    expect(indexes).toEqual(
      Array.from({ length: indexes.length }, (_, i) => (indexes[0] ?? 0) + i),
    );
    expect(table.querySelectorAll('tbody tr[aria-hidden="true"]')).toHaveLength(2);
  });

  it('renders 51 rows through the virtualizer and 50 without', () => {
    const { unmount } = render(<BillablesTable billables={makeBillables(50)} locale="en-GB" />);
    expect(bodyRows(screen.getByRole('table'))).toHaveLength(50);
    unmount();
    render(<BillablesTable billables={makeBillables(51)} locale="en-GB" />);
    expect(bodyRows(screen.getByRole('table')).length).toBeLessThan(51);
  });
});
