import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TransferNextSteps } from './transfer-next-steps.tsx';

afterEach(cleanup);

const NOW = new Date('2026-11-24T12:00:00Z');

describe('TransferNextSteps', () => {
  it('shows when auto-approval is due while pending at the registry', () => {
    render(
      <TransferNextSteps
        status={{ status: 9, description: 'Pending', statusChangeDate: '2026-11-22T12:00:00Z' }}
        now={NOW}
        timeZone="utc"
      />,
    );
    const due = screen.getByTestId('transfer-due');
    expect(due.textContent).toBe('Automatic approval: 27 Nov 2026, 12:00:00 UTC (in 3 days)');
    expect(due.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-27T12:00:00.000Z');
    expect(screen.getByText(/losing registrar has 5 days/)).toBeInTheDocument();
  });

  it('marks an overdue date and a typical one as such', () => {
    const { unmount } = render(
      <TransferNextSteps
        status={{ status: 9, description: 'Pending', statusChangeDate: '2026-11-19T10:00:00Z' }}
        now={NOW}
        timeZone="utc"
      />,
    );
    expect(screen.getByTestId('transfer-due').textContent).toMatch(/\(overdue by 2 h\)$/);
    unmount();
    render(
      <TransferNextSteps
        status={{
          status: 7,
          description: 'Sent',
          emailAddress: 'owner@example.com',
          statusChangeDate: '2026-11-24T10:00:00Z',
        }}
        now={NOW}
        timeZone="utc"
      />,
    );
    expect(screen.getByTestId('transfer-due').textContent).toMatch(
      /^Approval mail expires \(a typical period, not documented by Hostway\)/,
    );
    expect(screen.getByText(/went to owner@example\.com/)).toBeInTheDocument();
  });

  it('lists likely causes and what to do on a failure', () => {
    render(
      <TransferNextSteps
        status={{ status: 17, description: 'Rejected: <script>alert(1)</script>' }}
        now={NOW}
        timeZone="utc"
      />,
    );
    expect(screen.getByRole('heading', { name: 'Likely causes' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'What to do' })).toBeInTheDocument();
    expect(screen.getByText(/contact the losing registrar/)).toBeInTheDocument();
    expect(screen.getByText(/Rejected: <script>alert\(1\)<\/script>/)).toBeInTheDocument();
    expect(document.querySelector('script')).toBeNull();
    expect(screen.queryByTestId('transfer-due')).not.toBeInTheDocument();
  });

  it('says there is nothing more to do after success', () => {
    render(<TransferNextSteps status={{ status: 14 }} now={NOW} timeZone="utc" />);
    expect(screen.getByText('There is nothing more to do for this transfer.')).toBeInTheDocument();
  });
});
