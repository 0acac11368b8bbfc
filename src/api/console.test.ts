import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchTransferHistory } from './console.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('fetchTransferHistory', () => {
  it('encodes the path segments', async () => {
    const fetchMock = vi.fn(
      async () =>
        new Response(
          JSON.stringify({ accountNumber: 'a/b', domainName: 'x.com', observations: [] }),
        ),
    );
    vi.stubGlobal('fetch', fetchMock);
    await expect(fetchTransferHistory('a/b c', 'x.com')).resolves.toMatchObject({
      observations: [],
    });
    expect(fetchMock.mock.calls[0]).toEqual([
      '/api/transfers/a%2Fb%20c/x.com/history',
      expect.anything(),
    ]);
  });
});
