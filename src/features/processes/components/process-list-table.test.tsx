import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { processListSearch, type ProcessListQuery } from '../../../contract/process-list-query.ts';
import type { Process } from '../../../api/rtr-schemas.ts';
import { netMoney, ProcessListTable } from './process-list-table.tsx';

afterEach(cleanup);

const processes: Process[] = [
  {
    id: 1000007,
    status: 'FAILED',
    createdDate: '2026-11-01T10:00:00Z',
    updatedDate: '2026-11-01T10:05:00Z',
    type: 'domain',
    action: 'create',
    identifier: 'taken-name.org',
    transaction: { EUR: 1099 },
    refund: { EUR: 1099, USD: 500 },
  },
  { id: 1000011, status: 'NEW', createdDate: '2026-11-02T08:00:00Z' },
];

function renderTable(query: ProcessListQuery) {
  return render(
    <MemoryRouter>
      <ProcessListTable
        processes={processes}
        query={query}
        timeZone="utc"
        hrefFor={(q) => `/processes?${processListSearch(q)}`}
        caption="Showing 1–2 of 2 processes."
      />
    </MemoryRouter>,
  );
}

describe('ProcessListTable', () => {
  it('shows a row per process: id link, status, identifier with type · action, times, net money', () => {
    renderTable({ filters: [] });
    const [first, second] = screen.getAllByTestId('process-row');
    const cells = within(first!).getAllByRole('cell');
    expect(within(cells[0]!).getByRole('link', { name: '1000007' })).toHaveAttribute(
      'href',
      '/processes/1000007',
    );
    expect(cells[1]).toHaveTextContent('Failed');
    expect(cells[2]).toHaveTextContent('taken-name.orgdomain · create');
    expect(cells[3]).toHaveTextContent('1 Nov 2026, 10:00:00 UTC');
    expect(cells[4]).toHaveTextContent('1 Nov 2026, 10:05:00 UTC');
    expect(cells[5]).toHaveTextContent('€0.00 · -$5.00');
    // What the API did not send is marked, not invented.
    expect(within(second!).getAllByRole('cell')[5]).toHaveTextContent('—');
    expect(screen.getByRole('table', { name: 'Showing 1–2 of 2 processes.' })).toBeInTheDocument();
  });

  it('marks the sorted column and links each header to its next order', () => {
    renderTable({
      filters: [{ field: 'status', value: 'FAILED' }],
      order: { field: 'createdDate', descending: true },
      offset: 25,
    });
    const created = screen.getByRole('columnheader', { name: /^Created/ });
    expect(created).toHaveAttribute('aria-sort', 'descending');
    expect(within(created).getByRole('link')).toHaveAttribute(
      'href',
      '/processes?status=FAILED&order=createdDate',
    );
    const id = screen.getByRole('columnheader', { name: /^Id:/ });
    expect(id).not.toHaveAttribute('aria-sort');
    expect(within(id).getByRole('link', { name: 'Id: sort descending' })).toHaveAttribute(
      'href',
      '/processes?status=FAILED&order=-id',
    );
  });
});

describe('netMoney', () => {
  it('is charged minus refunded per currency, sorted, ignoring inherited keys', () => {
    expect(netMoney({ transaction: { USD: 10, EUR: 5 }, refund: { EUR: 7 } })).toEqual([
      ['EUR', -2],
      ['USD', 10],
    ]);
    expect(netMoney({})).toEqual([]);
    expect(netMoney({ transaction: JSON.parse('{"__proto__": 3}') })).toEqual([['__proto__', 3]]);
  });
});
