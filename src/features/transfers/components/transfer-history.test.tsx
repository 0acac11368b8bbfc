import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TransferHistory } from './transfer-history.tsx';

afterEach(cleanup);

describe('TransferHistory', () => {
  it('says so when nothing was recorded', () => {
    render(<TransferHistory observations={[]} timeZone="utc" />);
    expect(
      screen.getByText('The console has not recorded any status for this transfer yet'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows one row per observation, in the order first seen', () => {
    render(
      <TransferHistory
        timeZone="utc"
        observations={[
          {
            status: 9,
            description: 'Pending at the registry',
            statusChangeDate: '2026-11-22T07:00:00-05:00',
            firstSeenAt: '2026-11-22T12:05:00Z',
            lastSeenAt: '2026-11-23T12:05:00Z',
            seenCount: 48,
            source: 'watcher',
          },
          {
            status: 7,
            description: '<i>Approval mail sent</i>',
            emailAddress: 'owner@example.com',
            firstSeenAt: '2026-11-21T09:00:00Z',
            lastSeenAt: '2026-11-21T09:30:00Z',
            seenCount: 2,
            source: 'lookup',
          },
          {
            status: 42,
            description: 'Something new',
            firstSeenAt: '2026-11-23T13:00:00Z',
            lastSeenAt: '2026-11-23T13:00:00Z',
            seenCount: 1,
            source: 'lookup',
          },
        ]}
      />,
    );
    const table = screen.getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual([
      'Status',
      'Description',
      'Status changed',
      'First seen',
      'Last seen',
      'Times seen',
      'Source',
    ]);
    const rows = within(table).getAllByRole('row').slice(1);
    const cells = rows.map((row) =>
      [...row.querySelectorAll('th, td')].map((cell) => cell.textContent),
    );
    expect(cells[0]).toEqual([
      "CONFIRM_PEND (7)Waiting for the owner's approval",
      '<i>Approval mail sent</i>',
      '—',
      '21 Nov 2026, 09:00:00 UTC',
      '21 Nov 2026, 09:30:00 UTC',
      '2',
      'lookup',
    ]);
    expect(cells[1]).toEqual([
      'REGISTRY_PEND (9)Pending at the registry: waiting for the losing registrar',
      'Pending at the registry',
      '22 Nov 2026, 12:00:00 UTC',
      '22 Nov 2026, 12:05:00 UTC',
      '23 Nov 2026, 12:05:00 UTC',
      '48',
      'watcher',
    ]);
    expect(cells[2]?.[0]).toBe('Undocumented (42)Unknown status (code 42)');
    expect(table.querySelector('i')).toBeNull();
    expect(rows[1]?.querySelector('time')?.getAttribute('datetime')).toBe(
      '2026-11-22T07:00:00-05:00',
    );
  });
});
