import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LIVE_INTERVAL_MS, TransferDetail } from './transfer-detail.tsx';

const STATUS_URL = '/api/hostway/accounts/acct12345/domains/transfers/test.com';
const HISTORY_URL = '/api/transfers/acct12345/test.com/history';

const EXAMPLE = {
  status: 7,
  emailAddress: 'joshbond@usa.net',
  description: 'Auto verification of transfer request initiated',
  statusChangeDate: '2014-03-25T11:15:11-05:00',
};

const HISTORY = {
  accountNumber: 'acct12345',
  domainName: 'test.com',
  observations: [
    {
      status: 1,
      description: 'Looking up the contact',
      statusChangeDate: '2014-03-25T10:00:00-05:00',
      firstSeenAt: '2014-03-25T15:01:00Z',
      lastSeenAt: '2014-03-25T15:30:00Z',
      seenCount: 3,
      source: 'watcher',
    },
    {
      ...EXAMPLE,
      firstSeenAt: '2014-03-25T16:20:00Z',
      lastSeenAt: '2014-03-26T08:00:00Z',
      seenCount: 12,
      source: 'lookup',
    },
  ],
};

type Answer = () => Response;
const json = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => {
  return () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json', ...headers },
    });
};

/** Answers each path with the next answer in its list (the last one repeats). */
function stubApi(answers: Record<string, Answer[]>) {
  const calls: string[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const path = String(input);
    calls.push(path);
    const list = answers[path];
    if (!list) return new Response('', { status: 599 });
    return (list.length > 1 ? list.shift()! : list[0]!)();
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

function renderDetail(props: { domainName?: string; displayName?: string } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const domainName = props.domainName ?? 'test.com';
  const user = userEvent.setup({
    advanceTimers: (ms) => void (vi.isFakeTimers() && vi.advanceTimersByTime(ms)),
  });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[`/transfers/acct12345/${domainName}?tz=utc`]}>
        <TransferDetail
          accountNumber="acct12345"
          domainName={domainName}
          displayName={props.displayName}
        />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { client, user };
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('TransferDetail', () => {
  it('says so when the console could not record the status in its history', async () => {
    stubApi({
      [STATUS_URL]: [
        json(200, EXAMPLE, {
          'X-Console-History': 'not-recorded',
          'X-Console-History-Reason': 'disk-full',
        }),
      ],
      [HISTORY_URL]: [json(200, HISTORY)],
    });
    renderDetail();
    const notice = await screen.findByTestId('not-recorded');
    expect(notice).toHaveTextContent(
      "This status was not recorded in the console's history: the console's disk is full. The status shown is current; the history below may miss it.",
    );
    // The status itself is shown as usual.
    expect(screen.getByTestId('transfer-status')).toHaveTextContent('CONFIRM_PEND (code 7)');
  });

  it('shows no such notice for a recorded status', async () => {
    stubApi({ [STATUS_URL]: [json(200, EXAMPLE)], [HISTORY_URL]: [json(200, HISTORY)] });
    renderDetail();
    expect(await screen.findByTestId('transfer-status')).toBeInTheDocument();
    expect(screen.queryByTestId('not-recorded')).not.toBeInTheDocument();
  });

  it('shows the current status, timeline, next steps and history', async () => {
    const { calls } = stubApi({
      [STATUS_URL]: [json(200, EXAMPLE)],
      [HISTORY_URL]: [json(200, HISTORY)],
    });
    renderDetail();

    expect(
      screen.getByRole('heading', { level: 1, name: 'Transfer of test.com' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Account acct12345')).toBeInTheDocument();
    expect(await screen.findByTestId('transfer-status')).toHaveProperty(
      'textContent',
      'CONFIRM_PEND (code 7)',
    );
    const status = screen.getByRole('region', { name: 'Current status' });
    expect(within(status).getByText("Waiting for the owner's approval")).toBeInTheDocument();
    expect(
      within(status).getByText('Auto verification of transfer request initiated'),
    ).toBeInTheDocument();
    expect(within(status).getByText('joshbond@usa.net')).toBeInTheDocument();
    expect(within(status).getByText('25 Mar 2014, 16:15:11 UTC')).toBeInTheDocument();
    expect(within(status).getByText(/years? ago/)).toBeInTheDocument();
    expect(within(status).getByRole('switch', { name: 'Live updates: on' })).toBeInTheDocument();

    const timeline = await screen.findByRole('list', { name: 'Transfer phases' });
    expect(timeline.querySelector('[aria-current="step"]')?.getAttribute('data-phase')).toBe(
      'approval',
    );

    const next = screen.getByRole('region', { name: 'What happens next' });
    expect(await within(next).findByText(/went to joshbond@usa\.net/)).toBeInTheDocument();

    const history = screen.getByRole('region', { name: 'Observed history' });
    const table = await within(history).findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByText('watcher')).toBeInTheDocument();

    expect(screen.getByRole('link', { name: 'New lookup' }).getAttribute('href')).toBe('/');
    expect(
      screen.getByRole('link', { name: 'All transfers of account acct12345' }).getAttribute('href'),
    ).toBe('/transfers?account=acct12345');

    // The history is fetched again once the status has arrived (the server records it then).
    await waitFor(() => expect(calls.filter((c) => c === HISTORY_URL).length).toBe(2));
    expect(calls.lastIndexOf(HISTORY_URL)).toBeGreaterThan(calls.indexOf(STATUS_URL));
  });

  it('shows the Unicode name of an IDN with its A-label beside it', async () => {
    stubApi({
      '/api/hostway/accounts/acct12345/domains/transfers/xn--mnchen-3ya.de': [
        json(200, { status: 14, description: 'Active' }),
      ],
      '/api/transfers/acct12345/xn--mnchen-3ya.de/history': [
        json(200, {
          accountNumber: 'acct12345',
          domainName: 'xn--mnchen-3ya.de',
          observations: [],
        }),
      ],
    });
    renderDetail({ domainName: 'xn--mnchen-3ya.de', displayName: 'münchen.de' });
    expect(
      screen.getByRole('heading', { level: 1, name: 'Transfer of münchen.de' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('transfer-a-label').textContent).toBe(
      'ASCII form: xn--mnchen-3ya.de',
    );
    expect(await screen.findByText(/Final status/)).toBeInTheDocument();
    expect(screen.queryByRole('switch')).not.toBeInTheDocument();
    expect(
      await screen.findByText('The console has not recorded any status for this transfer yet'),
    ).toBeInTheDocument();
  });

  it('says there is no transfer order on a 404', async () => {
    stubApi({
      [STATUS_URL]: [
        json(404, {
          itemNotFound: { guid: '', message: 'Resource not found', code: 404, details: '' },
        }),
      ],
      [HISTORY_URL]: [json(200, { ...HISTORY, observations: [] })],
    });
    renderDetail();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'There is no transfer order for test.com on account acct12345.',
    );
    expect(within(alert).queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
  });

  it('explains a registry error (500) and retries', async () => {
    stubApi({
      [STATUS_URL]: [
        json(500, { registryError: { message: 'Registry unavailable', code: 500 } }),
        json(200, EXAMPLE),
      ],
      [HISTORY_URL]: [json(200, HISTORY)],
    });
    const { user } = renderDetail();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/The Hostway API had a problem/);
    expect(alert.textContent).toMatch(/Registry unavailable/);
    expect(screen.getByText(/registry behind the domain reports an error/)).toBeInTheDocument();
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('transfer-status')).toHaveProperty(
      'textContent',
      'CONFIRM_PEND (code 7)',
    );
  });

  it('explains a rate limit with its Retry-After', async () => {
    stubApi({
      [STATUS_URL]: [
        json(429, { tooManyRequests: { message: 'Slow down' } }, { 'Retry-After': '7' }),
      ],
      [HISTORY_URL]: [json(200, HISTORY)],
    });
    renderDetail();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Too many requests/);
    expect(alert.textContent).toMatch(/asked to wait 7 s/);
  });

  it('explains an answer of the wrong shape', async () => {
    stubApi({
      [STATUS_URL]: [json(200, { status: 'seven', description: 5 })],
      [HISTORY_URL]: [json(200, HISTORY)],
    });
    renderDetail();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Unexpected answer from the API/);
    expect(alert.textContent).toMatch(/status/);
  });

  it('keeps the status on screen when the history fails, with a small retry', async () => {
    stubApi({
      [STATUS_URL]: [json(200, EXAMPLE)],
      [HISTORY_URL]: [
        json(500, {
          type: 'ConsoleInternal',
          message: 'History store unavailable',
          source: 'console',
        }),
      ],
    });
    renderDetail();
    expect(await screen.findByTestId('transfer-status')).toBeInTheDocument();
    const history = screen.getByRole('region', { name: 'Observed history' });
    const alert = await within(history).findByRole('alert');
    expect(alert.textContent).toMatch(/The observed history could not be loaded/);
    expect(within(alert).getByRole('button', { name: 'Retry history' })).toBeInTheDocument();
    // The timeline still shows the current status, from the live lookup.
    const timeline = await screen.findByRole('list', { name: 'Transfer phases' });
    expect(within(timeline).getByText(/not yet recorded by the console/)).toBeInTheDocument();
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it('refreshes every 30 s while not final, announces a change and stops at a final status', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { calls } = stubApi({
      [STATUS_URL]: [
        json(200, { ...EXAMPLE, status: 9, description: 'Pending at the registry' }),
        json(200, { status: 14, description: 'Domain transferred and active' }),
      ],
      [HISTORY_URL]: [json(200, HISTORY)],
    });
    renderDetail();
    expect(
      await screen.findByText('Pending at the registry: waiting for the losing registrar'),
    ).toBeInTheDocument();
    const statusCalls = () => calls.filter((c) => c === STATUS_URL).length;
    expect(statusCalls()).toBe(1);

    await act(() => vi.advanceTimersByTimeAsync(LIVE_INTERVAL_MS));
    expect(await screen.findByText('Transferred: the domain is active here')).toBeInTheDocument();
    expect(statusCalls()).toBe(2);
    await waitFor(() =>
      expect(screen.getByText(/^Status changed from Pending at the registry/)).toBeInTheDocument(),
    );
    expect(screen.getByText(/Final status/)).toBeInTheDocument();
    const historyCalls = calls.filter((c) => c === HISTORY_URL).length;
    expect(historyCalls).toBeGreaterThanOrEqual(3);

    await act(() => vi.advanceTimersByTimeAsync(3 * LIVE_INTERVAL_MS));
    expect(statusCalls()).toBe(2);
  });

  it('pauses live updates with the switch', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { calls } = stubApi({
      [STATUS_URL]: [json(200, EXAMPLE)],
      [HISTORY_URL]: [json(200, HISTORY)],
    });
    const { user } = renderDetail();
    const toggle = await screen.findByRole('switch', { name: 'Live updates: on' });
    await user.click(toggle);
    expect(screen.getByRole('switch', { name: 'Live updates: off' })).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(2 * LIVE_INTERVAL_MS));
    expect(calls.filter((c) => c === STATUS_URL)).toHaveLength(1);
  });

  it('copies a link that keeps the time zone', async () => {
    stubApi({ [STATUS_URL]: [json(200, EXAMPLE)], [HISTORY_URL]: [json(200, HISTORY)] });
    const { user } = renderDetail();
    const writeText = vi.fn((_text: string) => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.click(screen.getByRole('button', { name: 'Copy link to this view' }));
    expect(writeText).toHaveBeenCalledWith(
      `${window.location.origin}/transfers/acct12345/test.com?tz=utc`,
    );
  });

  it('remembers the lookup and the account once found', async () => {
    stubApi({ [STATUS_URL]: [json(200, EXAMPLE)], [HISTORY_URL]: [json(200, HISTORY)] });
    renderDetail();
    await screen.findByTestId('transfer-status');
    await waitFor(() => expect(JSON.stringify({ ...localStorage })).toContain('acct12345'));
    expect(JSON.stringify({ ...localStorage })).toContain('test.com');
  });
});
