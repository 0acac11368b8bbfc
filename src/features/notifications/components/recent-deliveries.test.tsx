import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeliveriesPage, Delivery } from '../../../contract/notifications.ts';
import { RecentDeliveries } from './recent-deliveries.tsx';

const delivery = (overrides: Partial<Delivery>): Delivery => ({
  eventId: 'evt-1',
  accountNumber: 'acct12345',
  domainName: 'moving-1.com',
  from: { code: 3, name: 'WHOIS_OK' },
  to: { code: 7, name: 'CONFIRM_PEND' },
  phase: 'approval',
  target: 'https://hooks.slack.com/…',
  state: 'delivered',
  attempts: 1,
  createdAt: '2026-12-02T09:00:00.000Z',
  lastAttemptAt: '2026-12-02T09:00:01.000Z',
  nextAttemptAt: null,
  deliveredAt: '2026-12-02T09:00:01.000Z',
  lastError: null,
  ...overrides,
});

function stubFetch(answer: () => Response) {
  const paths: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      paths.push(String(input));
      return answer();
    }),
  );
  return paths;
}

function renderIt() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <RecentDeliveries limit={10} timeZone="utc" />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('RecentDeliveries', () => {
  it('lists the deliveries newest first, with their state, and the counts', async () => {
    const page: DeliveriesPage = {
      configured: true,
      counts: { delivered: 5, pending: 1, failed: 1 },
      deliveries: [
        delivery({
          eventId: 'evt-3',
          domainName: 'moving-2.com',
          from: null,
          to: { code: 1, name: 'WHOIS_PEND' },
          state: 'pending',
          attempts: 3,
          nextAttemptAt: '2026-12-02T09:10:00.000Z',
          deliveredAt: null,
          lastError: 'ECONNREFUSED',
        }),
        delivery({ eventId: 'evt-2', state: 'failed', attempts: 31, lastError: 'HTTP 500' }),
        delivery({}),
      ],
    };
    const paths = stubFetch(() => Response.json(page));
    renderIt();
    const table = await screen.findByRole('table', {
      name: 'Recent webhook deliveries, newest first',
    });
    expect(paths).toEqual(['/api/notifications/deliveries?limit=10']);
    expect(screen.getByLabelText('Deliveries per state')).toHaveTextContent(
      '5 delivered · 1 retrying · 1 failed',
    );
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
    expect(rows).toEqual([
      [
        'moving-2.com (acct12345)',
        'first seen: WHOIS_PEND',
        'https://hooks.slack.com/…',
        'Retryingnext 2 Dec 2026, 09:10:00 UTC',
        '3',
        '2 Dec 2026, 09:00:01 UTC',
        'ECONNREFUSED',
      ],
      [
        'moving-1.com (acct12345)',
        'WHOIS_OK → CONFIRM_PEND',
        'https://hooks.slack.com/…',
        'Failed (gave up)',
        '31',
        '2 Dec 2026, 09:00:01 UTC',
        'HTTP 500',
      ],
      [
        'moving-1.com (acct12345)',
        'WHOIS_OK → CONFIRM_PEND',
        'https://hooks.slack.com/…',
        'Delivered',
        '1',
        '2 Dec 2026, 09:00:01 UTC',
        '',
      ],
    ]);
    expect(within(table).getAllByRole('link', { name: 'moving-2.com' })[0]).toHaveAttribute(
      'href',
      '/transfers/acct12345/moving-2.com',
    );
  });

  it('says webhooks are off when NOTIFY_WEBHOOK_URLS is not set', async () => {
    stubFetch(() =>
      Response.json({
        configured: false,
        counts: { delivered: 0, pending: 0, failed: 0 },
        deliveries: [],
      }),
    );
    renderIt();
    expect(
      await screen.findByText(/Webhooks are off: set NOTIFY_WEBHOOK_URLS/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says nothing was sent yet when configured and empty', async () => {
    stubFetch(() =>
      Response.json({
        configured: true,
        counts: { delivered: 0, pending: 0, failed: 0 },
        deliveries: [],
      }),
    );
    renderIt();
    expect(await screen.findByText('No status change has been sent yet.')).toBeInTheDocument();
  });

  it('shows an error it cannot read as an alert, not a blank', async () => {
    stubFetch(() => Response.json({ deliveries: 'nope' }));
    renderIt();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The recent deliveries could not be loaded',
    );
  });
});
