import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CheckedDomain } from '../../../contract/domain-check.ts';
import { BulkTransfers, type BulkFilters } from './bulk-transfers.tsx';

const domain = (ascii: string): CheckedDomain => ({
  ok: true,
  input: ascii,
  ascii,
  unicode: ascii,
  corrected: false,
});
const DOMAINS = ['active.com', 'none.com', 'broken.com', 'broken-too.com'].map(domain);

/** active.com has a status, none.com no transfer order; the broken ones fail until fixed. */
function stubHostway() {
  const state = { broken: true };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const name = String(input).split('/').at(-1);
      if (name === 'active.com' || name === 'unrecorded.com') {
        return Response.json(
          { status: 14, description: 'Active', statusChangeDate: '2026-07-01T00:00:00Z' },
          name === 'unrecorded.com'
            ? {
                headers: {
                  'X-Console-History': 'not-recorded',
                  'X-Console-History-Reason': 'read-only',
                },
              }
            : {},
        );
      }
      if (name === 'none.com' || !state.broken) {
        return Response.json({ itemNotFound: { message: 'No transfer' } }, { status: 404 });
      }
      return Response.json({ serverError: { message: 'Registry down' } }, { status: 500 });
    }),
  );
  return state;
}

function renderBulk(filters: BulkFilters = {}, query = '', domains = DOMAINS) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[`/transfers/acct12345${query}`]}>
        <BulkTransfers accountNumber="acct12345" domains={domains} filters={filters} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

const progress = () => screen.getByRole('progressbar');

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('BulkTransfers', () => {
  it('counts "No transfer order" as an answer: not failed, nothing to retry', async () => {
    stubHostway();
    renderBulk();
    await waitFor(() =>
      expect(progress()).toHaveAccessibleName(
        '4 of 4 looked up · 1 with no transfer order · 2 failed',
      ),
    );
    expect(screen.getByRole('button', { name: 'Retry 2 failed' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry none.com' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry broken.com' })).toBeInTheDocument();
    const row = screen.getByRole('link', { name: 'none.com' }).closest('tr')!;
    expect(row).toHaveTextContent('No transfer order');
  });

  it('counts and marks the statuses the console could not record', async () => {
    stubHostway();
    renderBulk({}, '', ['active.com', 'unrecorded.com'].map(domain));
    expect(await screen.findByTestId('not-recorded')).toHaveTextContent(
      "1 status was not recorded in the console's history: the console's database is read-only.",
    );
    const unrecorded = screen.getByRole('link', { name: 'unrecorded.com' }).closest('tr')!;
    expect(unrecorded).toHaveTextContent('not recorded');
    const recorded = screen.getByRole('link', { name: 'active.com' }).closest('tr')!;
    expect(recorded).not.toHaveTextContent('not recorded');
  });

  it('shows the change date in the chosen zone', async () => {
    stubHostway();
    renderBulk({}, '?tz=utc');
    expect(await screen.findByText('1 Jul 2026, 00:00:00 UTC')).toBeInTheDocument();
  });

  it('keeps focus in the table when a row’s retry button goes away', async () => {
    const state = stubHostway();
    const user = renderBulk();
    const retry = await screen.findByRole('button', { name: 'Retry broken.com' });
    state.broken = false;
    await user.click(retry);
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Retry broken.com' })).not.toBeInTheDocument(),
    );
    await waitFor(() => expect(screen.getByRole('link', { name: 'broken.com' })).toHaveFocus());
  });

  it('moves focus to the next retry button when the retried row leaves the filter', async () => {
    const state = stubHostway();
    const user = renderBulk({ outcome: 'lookup-failed' });
    const retry = await screen.findByRole('button', { name: 'Retry broken.com' });
    state.broken = false;
    await user.click(retry);
    // broken.com now has its answer (no transfer order): it is no longer a failed row.
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Retry broken-too.com' })).toHaveFocus(),
    );
  });

  it('offers to export what the filters show, or everything', async () => {
    stubHostway();
    renderBulk({ outcome: 'lookup-failed' });
    await waitFor(() => expect(progress()).toHaveAccessibleName(/^4 of 4 looked up/));
    const actions = screen.getByRole('region', { name: /4 domains on account/ });
    expect(within(actions).getByRole('button', { name: 'Export shown (2)' })).toBeEnabled();
    expect(within(actions).getByRole('button', { name: 'Export all (4)' })).toBeEnabled();
    expect(within(actions).queryByRole('button', { name: 'Export CSV' })).not.toBeInTheDocument();
  });
});
