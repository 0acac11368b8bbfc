import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry, AuditPage } from '../../contract/audit.ts';
import { AuditRoute } from './audit-route.tsx';

function Where() {
  const { pathname, search } = useLocation();
  return <output data-testid="where">{pathname + search}</output>;
}

function stubAudit(answer: (url: URL) => Response) {
  const urls: URL[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input), 'http://console.test');
      urls.push(url);
      return answer(url);
    }),
  );
  return urls;
}

const page = (entries: AuditEntry[], total = entries.length): Response =>
  Response.json({ entries, total } satisfies AuditPage);

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  at: '2026-12-02T09:30:00.000Z',
  user: 'alice@example.com',
  kind: 'process',
  object: '46069000',
  upstreamStatus: 200,
  status: 200,
  requestId: 'req-1',
  ...over,
});

function renderAt(url: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path="/audit" element={<AuditRoute />} />
        </Routes>
        <Where />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('/audit', () => {
  it('asks for what the URL says: filters, days in the chosen zone, the page', async () => {
    const urls = stubAudit(() => page([], 0));
    renderAt(
      '/audit?user=bob@example.com&object=acct1/*&kind=bulk&from=2026-12-01&to=2026-12-01&page=3&tz=Europe/Amsterdam',
    );
    await screen.findByText('No lookups match these filters.');
    expect(Object.fromEntries(urls[0]!.searchParams)).toEqual({
      user: 'bob@example.com',
      object: 'acct1/*',
      kind: 'bulk',
      from: '2026-11-30T23:00:00.000Z',
      to: '2026-12-01T22:59:59.999Z',
      limit: '50',
      offset: '100',
    });
    expect(urls[0]!.pathname).toBe('/api/audit');
    const form = screen.getByRole('search', { name: 'Filter the audit trail' });
    expect(within(form).getByLabelText('User (e-mail)')).toHaveValue('bob@example.com');
    expect(within(form).getByLabelText(/Looked up/)).toHaveValue('acct1/*');
    expect(within(form).getByLabelText('Kind')).toHaveValue('bulk');
    expect(within(form).getByLabelText('From (day)')).toHaveValue('2026-12-01');
    expect(within(form).getByLabelText('To (day, included)')).toHaveValue('2026-12-01');
  });

  it('ignores params that are not valid, and reads no filter from them', async () => {
    const urls = stubAudit(() => page([], 0));
    renderAt('/audit?kind=domain&from=yesterday&page=0&tz=utc');
    await screen.findByText('No lookups have been recorded yet.');
    expect(Object.fromEntries(urls[0]!.searchParams)).toEqual({ limit: '50', offset: '0' });
  });

  it('puts the filters in the URL (keeping tz, back to the first page)', async () => {
    const urls = stubAudit(() => page([entry({})]));
    const user = renderAt('/audit?page=2&tz=utc');
    await screen.findByRole('table');
    await user.type(screen.getByLabelText('User (e-mail)'), 'alice@example.com');
    await user.type(screen.getByLabelText(/Looked up/), '46069000');
    await user.selectOptions(screen.getByLabelText('Kind'), 'process');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(screen.getByTestId('where')).toHaveTextContent(
      '/audit?user=alice%40example.com&object=46069000&kind=process&tz=utc',
    );
    await waitFor(() =>
      expect(Object.fromEntries(urls.at(-1)!.searchParams)).toEqual({
        user: 'alice@example.com',
        object: '46069000',
        kind: 'process',
        limit: '50',
        offset: '0',
      }),
    );
    await user.click(screen.getByRole('link', { name: 'Clear' }));
    expect(screen.getByTestId('where')).toHaveTextContent(/^\/audit\?tz=utc$/);
  });

  it('shows the entries as given (newest first), times in the chosen zone, and pages', async () => {
    stubAudit(() =>
      page(
        [
          entry({ at: '2026-12-02T09:30:00.000Z', kind: 'bulk', object: 'acct1/b.com' }),
          entry({
            at: '2026-12-02T09:00:00.000Z',
            object: '12ab',
            upstreamStatus: undefined,
            errorType: 'ConsoleInvalidInput',
            status: 400,
            requestId: undefined,
          }),
        ],
        52,
      ),
    );
    const user = renderAt('/audit?tz=utc&page=2');
    const table = await screen.findByRole('table', { name: 'Lookups, newest first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      [
        '2 Dec 2026, 09:30:00 UTC',
        'alice@example.com',
        'bulk',
        'acct1/b.com',
        '200',
        '200',
        'req-1',
      ],
      [
        '2 Dec 2026, 09:00:00 UTC',
        'alice@example.com',
        'process',
        '12ab',
        '—',
        '400ConsoleInvalidInput',
        '—',
      ],
    ]);
    expect(within(rows[0]!).getByRole('link', { name: 'acct1/b.com' })).toHaveAttribute(
      'href',
      '/transfers/acct1/b.com',
    );
    expect(within(rows[1]!).queryByRole('link')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '52 lookups' })).toBeInTheDocument();
    const pager = screen.getByRole('navigation', { name: 'Pages of the audit trail' });
    expect(pager).toHaveTextContent('51–52 of 52');
    expect(within(pager).queryByRole('link', { name: 'Older' })).not.toBeInTheDocument();
    await user.click(within(pager).getByRole('link', { name: 'Newer' }));
    expect(screen.getByTestId('where')).toHaveTextContent(/^\/audit\?tz=utc$/);
  });

  it('says that only admins may see it when the server answers 403', async () => {
    stubAudit(() =>
      Response.json(
        { type: 'ConsoleForbidden', message: 'Only admins …', source: 'console' },
        { status: 403 },
      ),
    );
    renderAt('/audit');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Only admins may see the audit trail.',
    );
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows loading, then the answer', async () => {
    let release: (r: Response) => void = () => {};
    vi.stubGlobal(
      'fetch',
      vi.fn(() => new Promise<Response>((resolve) => (release = resolve))),
    );
    renderAt('/audit');
    expect(await screen.findByText('Loading the audit trail…')).toBeInTheDocument();
    release(page([entry({})]));
    expect(await screen.findByRole('table')).toBeInTheDocument();
  });
});
