import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withDomainNamesStub } from '../../features/transfers/testing/domain-names-stub.ts';
import { BulkTransfersRoute } from './bulk-transfers-route.tsx';
import { TransferRoute } from './transfer-route.tsx';

/** Hostway answers 404 for everything: enough to see which lookups went out. */
function stubServer(answer?: Parameters<typeof withDomainNamesStub>[1]) {
  const upstream: string[] = [];
  const { fetchStub, calls } = withDomainNamesStub(async (input) => {
    upstream.push(String(input));
    return Response.json({ itemNotFound: { message: 'No transfer' } }, { status: 404 });
  }, answer);
  vi.stubGlobal('fetch', fetchStub);
  return { checks: calls, upstream };
}

function Where() {
  const { pathname, search } = useLocation();
  return <output data-testid="where">{pathname + search}</output>;
}

function renderAt(url: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path="/transfers/:accountNumber" element={<BulkTransfersRoute />} />
          <Route path="/transfers/:accountNumber/:domainName" element={<TransferRoute />} />
        </Routes>
        <Where />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { user: userEvent.setup() };
}

const transferHeading = (name: string) =>
  screen.findByRole('heading', { level: 1, name: `Transfer of ${name}` });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('transfer deep link', () => {
  it('looks up a plain .com name at once, without a check request', async () => {
    const { checks, upstream } = stubServer();
    renderAt('/transfers/acct12345/test.com');
    expect(await transferHeading('test.com')).toBeInTheDocument();
    await waitFor(() =>
      expect(upstream).toContain('/api/hostway/accounts/acct12345/domains/transfers/test.com'),
    );
    expect(checks).toEqual([]);
  });

  it('asks the server about another name, then redirects to its registrable domain', async () => {
    const { checks, upstream } = stubServer();
    renderAt('/transfers/acct12345/www.m%C3%BCnchen.de?tz=utc');
    expect(await transferHeading('münchen.de')).toBeInTheDocument();
    expect(screen.getByTestId('where')).toHaveTextContent(
      '/transfers/acct12345/xn--mnchen-3ya.de?tz=utc&from=www.m%C3%BCnchen.de',
    );
    expect(screen.getByText(/transfers are looked up by registrable domain/)).toHaveTextContent(
      'Showing münchen.de for www.münchen.de',
    );
    // The canonical name was known from the first answer: one check, not two.
    expect(checks).toEqual([['www.münchen.de']]);
    await waitFor(() =>
      expect(upstream).toContain(
        '/api/hostway/accounts/acct12345/domains/transfers/xn--mnchen-3ya.de',
      ),
    );
  });

  it('shows the server’s refusal and looks nothing up', async () => {
    const { upstream } = stubServer();
    renderAt('/transfers/acct12345/example.invalidtld');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'Not a domain name' })).toBeInTheDocument();
    expect(alert).toHaveTextContent('does not end in a known top-level domain');
    expect(upstream).toEqual([]);
  });

  it('refuses bad syntax without asking anyone', async () => {
    const { checks, upstream } = stubServer();
    renderAt('/transfers/acct12345/exa%20mple.com');
    expect(await screen.findByRole('alert')).toHaveTextContent('is not a plain domain name');
    expect(checks).toEqual([]);
    expect(upstream).toEqual([]);
  });

  it('says the check failed when the server is unreachable, and retries on request', async () => {
    let down = true;
    const { checks } = stubServer((names) => {
      if (down) throw new TypeError('Failed to fetch');
      return Response.json({
        results: names.map((input) => ({
          ok: true,
          input,
          ascii: 'example.co.uk',
          unicode: 'example.co.uk',
          corrected: false,
        })),
      });
    });
    const { user } = renderAt('/transfers/acct12345/example.co.uk');
    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByRole('heading', { name: 'The domain name could not be checked' }),
    ).toBeInTheDocument();
    expect(alert).toHaveTextContent('The console server could not be reached.');
    down = false;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await transferHeading('example.co.uk')).toBeInTheDocument();
    expect(checks).toHaveLength(2);
  });
});

describe('bulk deep link', () => {
  it('sends no check request for a list of plain .com names', async () => {
    const { checks } = stubServer();
    renderAt('/transfers/acct12345?domains=a.com,b.com,A.COM');
    expect(
      await screen.findByRole('heading', { level: 2, name: '2 domains on account acct12345' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Input corrections' })).toHaveTextContent(
      '1 duplicate entry was dropped.',
    );
    expect(checks).toEqual([]);
  });

  it('checks the other names in one request and reports corrections and refusals', async () => {
    const { checks } = stubServer();
    renderAt('/transfers/acct12345?domains=a.com,www.a.com,b.co.uk,bad..com,c.invalidtld');
    const corrections = await screen.findByRole('region', { name: 'Input corrections' });
    // www.a.com is a.com, already in the list: a duplicate, not a correction.
    expect(
      within(corrections)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '"bad..com" is not a valid domain name.',
      '"c.invalidtld" does not end in a known top-level domain.',
    ]);
    expect(corrections).toHaveTextContent('1 duplicate entry was dropped.');
    expect(
      await screen.findByRole('heading', { level: 2, name: '2 domains on account acct12345' }),
    ).toBeInTheDocument();
    expect(checks).toEqual([['www.a.com', 'b.co.uk', 'bad..com', 'c.invalidtld']]);
  });

  it('ignores an unknown filter value instead of failing', async () => {
    stubServer();
    renderAt('/transfers/acct12345?domains=a.com&phase=nonsense');
    expect(await screen.findByRole('combobox', { name: 'Phase' })).toHaveValue('');
  });
});
