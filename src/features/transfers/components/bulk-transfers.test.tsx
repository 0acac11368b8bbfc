import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BulkLookupLine } from '../../../contract/bulk-lookup.ts';
import type { CheckedDomain } from '../../../contract/domain-check.ts';
import { useEffect, useMemo } from 'react';
import { useBulkRunner } from '../use-bulk-runner.ts';
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
  const state = { broken: true, requests: [] as string[][] };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      expect(String(input)).toBe('/api/transfers/acct12345/lookups');
      const { domains } = JSON.parse(String(init?.body)) as { domains: string[] };
      state.requests.push(domains);
      const lines: BulkLookupLine[] = domains.map((name, index) => {
        const base = { index, input: name, domain: name };
        if (name === 'active.com' || name === 'unrecorded.com' || name === 'older.com') {
          const at = name === 'older.com' ? '2025-01-01T00:00:00Z' : '2026-07-01T00:00:00Z';
          return {
            ...base,
            ok: true,
            status: {
              status: name === 'older.com' ? 9 : 14,
              description: 'x',
              statusChangeDate: at,
            },
            ...(name === 'unrecorded.com'
              ? { recorded: false, reason: 'read-only' }
              : { recorded: true }),
          };
        }
        if (name === 'none.com' || !state.broken) {
          return { ...base, ok: false, error: { kind: 'not-found', message: 'x', status: 404 } };
        }
        return { ...base, ok: false, error: { kind: 'upstream-error', message: 'x', status: 500 } };
      });
      return new Response(lines.map((line) => `${JSON.stringify(line)}\n`).join(''), {
        headers: { 'Content-Type': 'application/x-ndjson' },
      });
    }),
  );
  return state;
}

function renderBulk(filters: BulkFilters = {}, query = '', domains = DOMAINS) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[`/transfers/acct12345${query}`]}>
        <Bulk domains={domains} filters={filters} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

const progress = () => screen.getByRole('progressbar');

/** The table with its runner, as the route composes them. */
function Bulk({ domains, filters }: { domains: CheckedDomain[]; filters: BulkFilters }) {
  const names = useMemo(() => domains.map((d) => d.ascii), [domains]);
  const runner = useBulkRunner('acct12345', names);
  if (!runner) return null;
  return (
    <BulkTransfers accountNumber="acct12345" domains={domains} runner={runner} filters={filters} />
  );
}

/** As renderBulk, with the filters read from the URL as the route does, and the URL to look at. */
function renderWithLocation(_filters: BulkFilters, domains: CheckedDomain[]) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const current = { href: '' };
  function Probe() {
    const location = useLocation();
    useEffect(() => {
      current.href = `${location.pathname}${location.search}${location.hash}`;
    });
    const sort = new URLSearchParams(location.search).get('sort') ?? undefined;
    return <Bulk domains={domains} filters={{ sort: sort as BulkFilters['sort'] }} />;
  }
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={['/transfers/acct12345#dz=abc']}>
        <Probe />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { user: userEvent.setup(), location: () => current.href };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('BulkTransfers', () => {
  it('counts "No transfer order" as an answer: not failed, nothing to retry', async () => {
    const state = stubHostway();
    renderBulk();
    await waitFor(() =>
      expect(progress()).toHaveAccessibleName(
        '4 of 4 looked up · 1 with no transfer order · 2 failed',
      ),
    );
    expect(screen.getByRole('button', { name: 'Retry 2 failed' })).toBeInTheDocument();
    expect(state.requests).toEqual([DOMAINS.map((d) => d.ascii)]);
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

  it('retries every failed row in one request', async () => {
    const state = stubHostway();
    const user = renderBulk();
    const retryAll = await screen.findByRole('button', { name: 'Retry 2 failed' });
    state.broken = false;
    await user.click(retryAll);
    await waitFor(() =>
      expect(progress()).toHaveAccessibleName('4 of 4 looked up · 3 with no transfer order'),
    );
    expect(state.requests).toEqual([DOMAINS.map((d) => d.ascii), ['broken.com', 'broken-too.com']]);
  });

  it('sorts by a column header, and the other way on a second click, in the URL', async () => {
    stubHostway();
    const domains = ['none.com', 'active.com', 'older.com'].map(domain);
    const { user, location } = renderWithLocation({}, domains);
    await waitFor(() => expect(progress()).toHaveAccessibleName(/^3 of 3 looked up/));
    const linkOrder = () => screen.getAllByRole('link').map((link) => link.textContent);
    expect(linkOrder()).toEqual(['none.com', 'active.com', 'older.com']);
    const changed = screen.getByRole('button', { name: /^Changed/ });
    await user.click(changed);
    await waitFor(() => expect(location()).toContain('sort=changed'));
    // A list in the fragment stays there.
    expect(location()).toMatch(/#dz=abc$/);
    expect(changed.closest('th')).toHaveAttribute('aria-sort', 'ascending');
    // Without a date: last, either way.
    expect(linkOrder()).toEqual(['older.com', 'active.com', 'none.com']);
    await user.click(changed);
    await waitFor(() => expect(location()).toContain('sort=-changed'));
    expect(changed.closest('th')).toHaveAttribute('aria-sort', 'descending');
    expect(linkOrder()).toEqual(['active.com', 'older.com', 'none.com']);
    await user.click(screen.getByRole('button', { name: /^Domain/ }));
    await waitFor(() => expect(location()).toContain('sort=domain'));
    expect(linkOrder()).toEqual(['active.com', 'none.com', 'older.com']);
  });
});
