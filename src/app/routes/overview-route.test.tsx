import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DELIVERIES_PATH, type DeliveriesPage } from '../../contract/notifications.ts';
import type { WatchPage, WatchRow } from '../../contract/watch.ts';
import { OverviewRoute } from './overview-route.tsx';

function Where() {
  const { pathname, search } = useLocation();
  return <output data-testid="where">{pathname + search}</output>;
}

function stubFetch(answer: (url: URL, init?: RequestInit) => Response) {
  const calls: { url: URL; method: string }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'http://console.test');
      // The webhook deliveries below the list: none, webhooks off.
      if (url.pathname === DELIVERIES_PATH) {
        return Response.json({
          deliveries: [],
          counts: { pending: 0, delivered: 0, failed: 0 },
          configured: false,
        } satisfies DeliveriesPage);
      }
      calls.push({ url, method: init?.method ?? 'GET' });
      return answer(url, init);
    }),
  );
  return calls;
}

const row = (over: Partial<WatchRow> = {}): WatchRow => ({
  accountNumber: 'acct1',
  domainName: 'pending.com',
  status: 7,
  description: 'Waiting for approval',
  phase: 'approval',
  final: false,
  since: '2026-11-20T00:00:00.000Z',
  lastCheckedAt: '2026-12-02T09:00:00.000Z',
  nextCheckAt: '2026-12-02T09:15:00.000Z',
  changes: 3,
  stuck: "waiting for the owner's approval for 12 days (limit 5 days)",
  state: 'watching',
  stopReason: null,
  stoppedAt: null,
  stoppedBy: null,
  notFoundCount: 0,
  ...over,
});

const page = (rows: WatchRow[], over: Partial<WatchPage> = {}): Response =>
  Response.json({
    rows,
    total: rows.length,
    counts: { eligibility: 0, approval: rows.length, registry: 2, active: 0, other: 0, unknown: 0 },
    stuckCount: rows.filter((r) => r.stuck).length,
    stuckAfterMs: { approval: 5 * 86_400_000 },
    intervalS: 900,
    generatedAt: '2026-12-02T09:00:00.000Z',
    ...over,
  } satisfies WatchPage);

/**
 * Rendered inside an awaited act(): the page's lazy deliveries section suspends, and React
 * resumes a suspended render only when act is awaited.
 */
async function renderAt(url: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  await act(async () => {
    render(
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[url]}>
          <Routes>
            <Route path="/transfers" element={<OverviewRoute />} />
          </Routes>
          <Where />
        </MemoryRouter>
      </QueryClientProvider>,
    );
  });
  return userEvent.setup();
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('/transfers', () => {
  it('asks the API with the URL filters and shows rows, counts and why a row is stuck', async () => {
    const calls = stubFetch(() => page([row()]));
    await renderAt('/transfers?account=acct1&stuck=true&page=2&tz=utc');
    const table = await screen.findByRole('table', { name: 'Transfers the console has seen' });
    expect(calls[0]?.url.pathname + calls[0]!.url.search).toBe(
      '/api/watch?account=acct1&stuck=true&offset=100',
    );
    const [, first] = within(table).getAllByRole('row');
    expect(within(first!).getByRole('link', { name: 'pending.com' }).getAttribute('href')).toBe(
      '/transfers/acct1/pending.com',
    );
    expect(first).toHaveTextContent('CONFIRM_PEND (code 7)');
    expect(first).toHaveTextContent("Stuck: waiting for the owner's approval for 12 days");
    const counts = screen.getByRole('navigation', { name: 'Transfers per phase' });
    await userEvent.setup().click(within(counts).getByRole('link', { name: /^Registry/ }));
    // The filter joins the others; the page goes back to the first.
    await waitFor(() =>
      expect(screen.getByTestId('where').textContent).toBe(
        '/transfers?account=acct1&stuck=true&tz=utc&phase=registry',
      ),
    );
  });

  it('stops watching a row with a POST and reads the list again', async () => {
    let stopped = false;
    const calls = stubFetch((_url, init) => {
      if (init?.method === 'POST') {
        stopped = true;
        return Response.json({
          accountNumber: 'acct1',
          domainName: 'pending.com',
          state: 'stopped',
        });
      }
      return page([
        row(stopped ? { state: 'stopped', stopReason: 'person', stoppedBy: 'local' } : {}),
      ]);
    });
    const user = await renderAt('/transfers');
    await user.click(
      await screen.findByRole('button', { name: 'Stop watching pending.com (acct1)' }),
    );
    expect(await screen.findByText(/stopped by a person \(local\)/)).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url.pathname)).toEqual([
      '/api/watch/acct1/pending.com/stop',
    ]);
    expect(screen.getByRole('button', { name: 'Watch pending.com (acct1)' })).toBeInTheDocument();
  });

  it('says so when nothing was seen yet, or nothing matches', async () => {
    stubFetch(() => page([], { counts: {} }));
    await renderAt('/transfers');
    expect(
      await screen.findByText(/The console has not seen any transfer yet\./),
    ).toBeInTheDocument();
    cleanup();
    await renderAt('/transfers?final=true');
    expect(await screen.findByText('No transfers match these filters.')).toBeInTheDocument();
  });

  it('explains an error, and a bad filter without asking', async () => {
    stubFetch(() =>
      Response.json(
        { type: 'ConsoleInternalError', message: 'It broke.', source: 'console' },
        { status: 500 },
      ),
    );
    await renderAt('/transfers');
    expect(await screen.findByRole('button', { name: 'Retry' })).toBeInTheDocument();
    cleanup();
    const calls = stubFetch(() => page([]));
    await renderAt('/transfers?order=random');
    expect(await screen.findByRole('alert')).toHaveTextContent('order must be one of');
    expect(calls).toEqual([]);
  });
});
