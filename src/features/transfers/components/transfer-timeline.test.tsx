import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TransferObservation } from '../../../contract/transfer-history.ts';
import { TransferTimeline } from './transfer-timeline.tsx';

afterEach(cleanup);

function observation(
  status: number,
  firstSeenAt: string,
  extra: Partial<TransferObservation> = {},
): TransferObservation {
  return {
    status,
    description: `description ${status}`,
    firstSeenAt,
    lastSeenAt: firstSeenAt,
    seenCount: 1,
    source: 'lookup',
    ...extra,
  };
}

const HISTORY = [
  observation(1, '2026-11-20T08:00:00Z', { statusChangeDate: '2026-11-20T02:59:00-05:00' }),
  observation(3, '2026-11-20T09:00:00Z', { statusChangeDate: '2026-11-20T03:30:00-05:00' }),
  observation(7, '2026-11-20T10:00:00Z', { statusChangeDate: '2026-11-20T04:45:00-05:00' }),
];

function steps() {
  const list = screen.getByRole('list', { name: 'Transfer phases' });
  expect(list.tagName).toBe('OL');
  return within(list)
    .getAllByRole('listitem')
    .filter((li) => li.parentElement === list);
}

function stateTexts() {
  return steps().map((li) => li.querySelector('.font-semibold + span')?.textContent);
}

describe('TransferTimeline', () => {
  it('shows the four phases in order with the current step marked', () => {
    render(
      <TransferTimeline
        status={{
          status: 7,
          description: 'description 7',
          statusChangeDate: '2026-11-20T04:45:00-05:00',
        }}
        observations={HISTORY}
        timeZone="utc"
      />,
    );
    const items = steps();
    expect(items.map((li) => li.dataset.phase)).toEqual([
      'eligibility',
      'approval',
      'registry',
      'active',
    ]);
    expect(stateTexts()).toEqual(['Done', 'Current step', 'Not reached', 'Not reached']);
    expect(items.map((li) => li.getAttribute('aria-current'))).toEqual([null, 'step', null, null]);
    // The state is in words and in a shape, never colour alone.
    expect(items[0]?.querySelector('[aria-hidden="true"].rounded-full')?.textContent).toBe('✓');
    expect(items[1]?.querySelector('[aria-hidden="true"].rounded-full')?.textContent).toBe('●');
  });

  it('lists the observed statuses under their phase with their real times', () => {
    render(
      <TransferTimeline
        status={{
          status: 7,
          description: 'description 7',
          statusChangeDate: '2026-11-20T04:45:00-05:00',
        }}
        observations={HISTORY}
        timeZone="utc"
      />,
    );
    const [eligibility, approval, registry] = steps();
    const seen = within(eligibility!).getAllByRole('listitem');
    expect(seen.map((li) => li.textContent)).toEqual([
      expect.stringMatching(
        /^WHOIS_PEND \(1\).*changed 20 Nov 2026, 07:59:00 UTC.*first seen 20 Nov 2026, 08:00:00 UTC/,
      ),
      expect.stringMatching(/^WHOIS_OK \(3\)/),
    ]);
    const times = seen[0]!.querySelectorAll('time');
    expect([...times].map((t) => t.getAttribute('datetime'))).toEqual([
      '2026-11-20T02:59:00-05:00',
      '2026-11-20T08:00:00Z',
    ]);
    expect(within(approval!).getByRole('listitem').textContent).toMatch(
      /^CONFIRM_PEND \(7\).*\(current status\)/,
    );
    expect(within(registry!).queryAllByRole('listitem')).toHaveLength(0);
  });

  it('orders entries by time, not by code: 6 comes after 7', () => {
    render(
      <TransferTimeline
        status={{ status: 6, description: 'description 6' }}
        observations={[
          observation(6, '2026-11-21T10:00:00Z'),
          observation(7, '2026-11-20T10:00:00Z'),
        ]}
        timeZone="utc"
      />,
    );
    const approval = steps()[1]!;
    expect(
      within(approval)
        .getAllByRole('listitem')
        .map((li) => li.textContent?.slice(0, 12)),
    ).toEqual(['CONFIRM_PEND', 'CONFIRM_ACK ']);
    expect(stateTexts()).toEqual(['Done', 'Done', 'Current step', 'Not reached']);
  });

  it('marks the failed step of a failure', () => {
    render(<TransferTimeline status={{ status: 5, description: 'Declined' }} timeZone="utc" />);
    expect(stateTexts()).toEqual(['Done', 'Failed', 'Not reached', 'Not reached']);
    expect(steps()[1]?.getAttribute('aria-current')).toBe('step');
    expect(steps()[1]?.querySelector('[aria-hidden="true"].rounded-full')?.textContent).toBe('✕');
  });

  it('marks every step done on success and points at "active"', () => {
    render(<TransferTimeline status={{ status: 14, description: 'Active' }} timeZone="utc" />);
    expect(stateTexts()).toEqual(['Done', 'Done', 'Done', 'Done']);
    expect(steps()[3]?.getAttribute('aria-current')).toBe('step');
  });

  it('shows the current status even before the console recorded it', () => {
    render(
      <TransferTimeline
        status={{ status: 9, description: 'Pending', statusChangeDate: '2026-11-22T10:00:00Z' }}
        observations={[]}
        timeZone="utc"
      />,
    );
    const registry = steps()[2]!;
    expect(within(registry).getByRole('listitem').textContent).toMatch(
      /REGISTRY_PEND \(9\).*\(current status\).*not yet recorded by the console/,
    );
  });

  it('places an unknown code outside the phases, with its description as text', () => {
    render(
      <TransferTimeline
        status={{ status: 42, description: '<b>on hold</b>' }}
        observations={[observation(1, '2026-11-20T08:00:00Z')]}
        timeZone="utc"
      />,
    );
    expect(stateTexts()).toEqual(['Not reached', 'Not reached', 'Not reached', 'Not reached']);
    expect(steps().every((li) => !li.hasAttribute('aria-current'))).toBe(true);
    const outside = screen.getByRole('list', { name: 'Statuses seen: outside the phases' });
    expect(within(outside).getByText('<b>on hold</b>')).toBeInTheDocument();
    expect(outside.querySelector('b')).toBeNull();
    expect(
      screen.getByText(/not documented, so it cannot be placed in a phase/),
    ).toBeInTheDocument();
  });
});
