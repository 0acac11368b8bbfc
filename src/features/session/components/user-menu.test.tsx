import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getJson } from '../../../api/http-client.ts';
import type { SessionInfo } from '../../../contract/session.ts';
import { isSignedOut, resetSignedOut } from '../../../lib/signed-out.ts';
import { takeKeptFragment } from '../../../lib/fragment-across-sign-in.ts';
import UserMenu from './user-menu.tsx';
import * as z from 'zod/mini';

type Answer = (path: string) => Response;

function stubFetch(answer: Answer) {
  const paths: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const path = String(input);
      paths.push(path);
      return answer(path);
    }),
  );
  return paths;
}

const session =
  (info: SessionInfo): Answer =>
  (path) =>
    path === '/api/session' ? Response.json(info) : new Response(null, { status: 404 });

const client = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });

function renderMenu(children?: React.ReactNode, url = '/') {
  const queryClient = client();
  render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[url]}>
        <header>
          <UserMenu />
        </header>
        {children}
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return queryClient;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  resetSignedOut();
});

describe('the header’s user menu', () => {
  it('shows the signed-in name and a real sign-out form (POST /auth/logout)', async () => {
    stubFetch(
      session({
        mode: 'oidc',
        user: { email: 'alice@example.com', name: 'Alice Admin', admin: true },
        canSignOut: true,
      }),
    );
    renderMenu();
    expect(await screen.findByText('Alice Admin')).toHaveAttribute('title', 'alice@example.com');
    expect(screen.getByText(/Signed in as/)).toBeInTheDocument();
    const button = screen.getByRole('button', { name: 'Sign out' });
    expect(button).toHaveAttribute('type', 'submit');
    const form = button.closest('form');
    expect(form).toHaveAttribute('method', 'post');
    expect(form).toHaveAttribute('action', '/auth/logout');
    expect(screen.getByRole('link', { name: 'Audit trail' })).toHaveAttribute('href', '/audit');
  });

  it('shows the e-mail when there is no name, and no audit link for a non-admin', async () => {
    stubFetch(
      session({
        mode: 'proxy',
        user: { email: 'bob@example.com', admin: false },
        canSignOut: false,
      }),
    );
    renderMenu();
    expect(await screen.findByText('bob@example.com')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Audit trail' })).not.toBeInTheDocument();
    // A proxy signs people out itself.
    expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
  });

  it('AUTH_MODE=none: "Local operator", no sign-out', async () => {
    stubFetch(
      session({
        mode: 'none',
        user: { email: 'local', name: 'Local operator', admin: true },
        canSignOut: false,
      }),
    );
    renderMenu();
    expect(await screen.findByText('Local operator')).toBeInTheDocument();
    expect(screen.queryByText(/Signed in as/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Audit trail' })).toBeInTheDocument();
  });

  it('shows nothing when the server has no /api/session (404)', async () => {
    const paths = stubFetch(() => new Response(null, { status: 404 }));
    const queryClient = renderMenu();
    await waitFor(() =>
      expect(queryClient.getQueryState(['session', 'current'])?.status).toBe('error'),
    );
    expect(paths).toEqual(['/api/session']);
    expect(screen.queryByTestId('user-menu')).not.toBeInTheDocument();
    expect(document.querySelector('header')).toBeEmptyDOMElement();
  });
});

const unauthenticated = () =>
  Response.json(
    { type: 'ConsoleUnauthenticated', message: 'Sign in to use the console.', source: 'console' },
    { status: 401 },
  );

/** A live page: polls every 20 ms. */
function Poller({ path }: { path: string }) {
  const { data } = useQuery({
    queryKey: ['poll', path],
    queryFn: () => getJson(path, z.object({ n: z.number() })),
    refetchInterval: 20,
  });
  return <p>Value {data?.n ?? 'none'}</p>;
}

describe('a session that ends mid-use', () => {
  it('shows one "signed out" alert linking to sign-in with the whole URL, keeps the page, stops polling', async () => {
    let n = 0;
    let expired = false;
    const paths = stubFetch((path) => {
      if (path === '/api/session') return new Response(null, { status: 404 });
      if (expired) return unauthenticated();
      return Response.json({ n: ++n });
    });
    renderMenu(
      <>
        <Poller path="/api/a" />
        <Poller path="/api/b" />
      </>,
      '/processes/46069000?tz=utc#money',
    );
    await waitFor(() => expect(screen.getAllByText(/Value [1-9]/)).toHaveLength(2));
    expired = true;

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You were signed out. Sign in again');
    expect(screen.getByRole('link', { name: 'Sign in again' })).toHaveAttribute(
      'href',
      '/auth/login?returnTo=%2Fprocesses%2F46069000%3Ftz%3Dutc',
    );
    // The fragment does not go through the sign-in: the tab keeps it for the way back.
    screen
      .getByRole('link', { name: 'Sign in again' })
      .addEventListener('click', (e) => e.preventDefault());
    fireEvent.click(screen.getByRole('link', { name: 'Sign in again' }));
    expect(takeKeptFragment('/processes/46069000?tz=utc')).toBe('#money');
    expect(alert.closest('header')).not.toBeNull();
    expect(isSignedOut()).toBe(true);
    // The page keeps what it showed, and nothing is asked again.
    const shown = screen.getAllByText(/Value [1-9]/).map((p) => p.textContent);
    expect(shown).toHaveLength(2);
    const count = paths.length;
    await act(() => new Promise((resolve) => setTimeout(resolve, 200)));
    expect(paths.length).toBe(count);
    expect(screen.getAllByText(/Value [1-9]/).map((p) => p.textContent)).toEqual(shown);
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it('an upstream’s own 401 (bad API credentials) is not a sign-out', async () => {
    stubFetch((path) =>
      path === '/api/session'
        ? new Response(null, { status: 404 })
        : Response.json({ type: 'AuthenticationError', message: 'Bad key' }, { status: 401 }),
    );
    const queryClient = renderMenu(<Poller path="/api/a" />);
    await waitFor(() =>
      expect(queryClient.getQueryState(['poll', '/api/a'])?.status).toBe('error'),
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(isSignedOut()).toBe(false);
  });
});
