import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { ApiError } from './api-error.ts';
import { getJson, parseRetryAfter, postJson } from './http-client.ts';
import { postNdjson } from './ndjson-client.ts';

const schema = z.object({ id: z.int(), status: z.string() });

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(status === 204 ? null : text, { status, headers })),
  );
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('getJson', () => {
  it('returns the parsed body and asks for JSON', async () => {
    answer(200, { id: 1, status: 'NEW' });
    await expect(getJson('/api/x', schema)).resolves.toEqual({ id: 1, status: 'NEW' });
    const [path, init] = vi.mocked(fetch).mock.calls[0]!;
    expect(path).toBe('/api/x');
    expect(new Headers(init?.headers).get('Accept')).toBe('application/json');
  });

  it.each([
    [
      'RTR 400 ObjectDoesNotExist',
      400,
      { type: 'ObjectDoesNotExist', message: 'Process not found' },
      'not-found',
    ],
    ['a bare 404', 404, '', 'not-found'],
    [
      'Hostway itemNotFound',
      404,
      { itemNotFound: { guid: '', message: 'No transfer order', code: 404, details: '' } },
      'not-found',
    ],
    ['RTR ValidationError', 400, { type: 'ValidationError', message: 'Bad' }, 'invalid-input'],
    ['401', 401, { type: 'AuthenticationError', message: 'No key' }, 'unauthorized'],
    ['403', 403, { type: 'AuthorizationError', message: 'Denied' }, 'forbidden'],
    ['429', 429, { type: 'TooManyRequests', message: 'Slow down' }, 'rate-limited'],
    ['500', 500, { type: 'InternalSRSError', message: 'Oops' }, 'upstream-error'],
    ['502 from RTR', 502, { type: 'ProviderConnectionError', message: 'x' }, 'upstream-error'],
    ['503', 503, { type: 'ProviderUnavailable', message: 'Maintenance' }, 'upstream-error'],
    [
      'console 400',
      400,
      { type: 'ConsoleInvalidInput', message: 'Not an id', source: 'console' },
      'invalid-input',
    ],
    [
      'console timeout',
      504,
      { type: 'UpstreamTimeout', message: 'No answer', source: 'console' },
      'timeout',
    ],
    [
      'console unreachable',
      502,
      { type: 'UpstreamUnreachable', message: 'Refused', source: 'console' },
      'network',
    ],
  ] as const)('maps %s to %s', async (_name, status, body, kind) => {
    answer(status, body);
    const error = await failure(getJson('/api/x', schema));
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
  });

  it.each([
    ['a bare 404 refused by the console', 404, 'not-found', undefined],
    ['invalid JSON refused by the console', 200, 'bad-response', '{"id": 5, "status": "RU'],
    ['an HTML page refused by the console', 502, 'bad-response', '<html>Bad gateway</html>'],
  ] as const)('maps %s by its upstreamStatus', async (_name, upstreamStatus, kind, excerpt) => {
    const message =
      'The Realtime Register API answered invalid JSON; the console passes on only JSON.';
    answer(502, {
      type: 'UpstreamBadResponse',
      message,
      source: 'console',
      upstreamStatus,
      ...(excerpt === undefined ? {} : { upstreamExcerpt: excerpt }),
    });
    const error = await failure(getJson('/api/x', schema));
    expect(error).toMatchObject({
      kind,
      source: 'console',
      status: 502,
      errorType: 'UpstreamBadResponse',
      message,
    });
    // The raw answer shown is what the upstream sent, not the console's error body.
    expect(error.body).toBe(excerpt);
    expect(error.retryable).toBe(false);
  });

  it.each([
    // Refused before anything was forwarded: asking again cannot help.
    ['ConsoleMisdirectedRequest', 421, 'invalid-input', false],
    ['ConsoleForbiddenOrigin', 403, 'forbidden', false],
    ['UpstreamQueueFull', 503, 'upstream-error', true],
    ['UpstreamRateLimited', 429, 'rate-limited', true],
    ['ConsolePayloadTooLarge', 413, 'invalid-input', false],
    ['ConsoleUnsupportedMediaType', 415, 'invalid-input', false],
  ] as const)('maps the console error %s (%i) to %s', async (type, status, kind, retryable) => {
    answer(status, { type, message: 'm', source: 'console' }, { 'Retry-After': '3' });
    const error = await failure(getJson('/api/x', schema));
    expect(error).toMatchObject({ kind, source: 'console', errorType: type, retryAfterMs: 3000 });
    expect(error.retryable).toBe(retryable);
  });

  it('keeps the upstream error type, message and extra fields', async () => {
    const body = {
      type: 'ProviderUnavailable',
      message: 'Registry maintenance',
      startDate: '2026-11-24T01:00:00Z',
      endDate: '2026-11-24T03:00:00Z',
    };
    answer(503, body);
    const error = await failure(getJson('/api/x', schema));
    expect(error).toMatchObject({
      source: 'upstream',
      errorType: 'ProviderUnavailable',
      message: 'Registry maintenance',
      body,
    });
  });

  it('reads the Hostway fault name and message', async () => {
    answer(500, { internalServerError: { message: 'Registry error', code: 500 } });
    const error = await failure(getJson('/api/x', schema));
    expect(error).toMatchObject({
      kind: 'upstream-error',
      errorType: 'internalServerError',
      message: 'Registry error',
    });
  });

  it('marks console errors as coming from the console', async () => {
    answer(504, { type: 'UpstreamTimeout', message: 'No answer in 15 s', source: 'console' });
    const error = await failure(getJson('/api/x', schema));
    expect(error).toMatchObject({ source: 'console', errorType: 'UpstreamTimeout' });
    expect(error.message).toBe('No answer in 15 s');
  });

  describe('the request id, to quote as "Reference"', () => {
    it('reads X-Request-Id from a console error answer', async () => {
      answer(
        502,
        { type: 'UpstreamUnreachable', message: 'x', source: 'console', requestId: 'body-id' },
        { 'X-Request-Id': 'header-id' },
      );
      expect((await failure(getJson('/api/x', schema))).requestId).toBe('header-id');
    });

    it("falls back to the console error body's requestId without the header", async () => {
      answer(400, {
        type: 'ConsoleInvalidInput',
        message: 'x',
        source: 'console',
        requestId: 'b-1',
      });
      expect((await failure(getJson('/api/x', schema))).requestId).toBe('b-1');
    });

    it.each([
      ['an upstream error passed on', 404, { type: 'ObjectDoesNotExist', message: 'x' }],
      ['a body that is not JSON', 500, '<html>'],
      ['malformed JSON in a 200', 200, '{"id": 1'],
      ['a 200 of the wrong shape', 200, { id: 'one' }],
    ])('reads it from %s', async (_what, status, body) => {
      answer(status, body, { 'X-Request-Id': 'r-42' });
      const error = await failure(getJson('/api/x', schema));
      expect(error.requestId).toBe('r-42');
    });

    it('has none when the answer has none, or when there was no answer', async () => {
      answer(500, { type: 'InternalSRSError', message: 'x' });
      expect((await failure(getJson('/api/x', schema))).requestId).toBeUndefined();
      vi.stubGlobal(
        'fetch',
        vi.fn(async () => {
          throw new TypeError('Failed to fetch');
        }),
      );
      expect((await failure(getJson('/api/x', schema))).requestId).toBeUndefined();
    });

    it('reads it for POSTs too', async () => {
      answer(
        413,
        { type: 'ConsolePayloadTooLarge', message: 'x', source: 'console' },
        {
          'X-Request-Id': 'post-1',
        },
      );
      expect((await failure(postJson('/api/x', {}, schema))).requestId).toBe('post-1');
    });
  });

  it('carries Retry-After as milliseconds', async () => {
    answer(429, { type: 'TooManyRequests', message: 'x' }, { 'Retry-After': '2' });
    const error = await failure(getJson('/api/x', schema));
    expect(error.retryAfterMs).toBe(2000);
    expect(error.retryable).toBe(true);
  });

  it('gives a status-based message when the error body is not JSON', async () => {
    answer(500, '<html>Bad gateway</html>');
    const error = await failure(getJson('/api/x', schema));
    expect(error.kind).toBe('upstream-error');
    expect(error.message).toBe('The API answered HTTP 500.');
    expect(error.body).toBe('<html>Bad gateway</html>');
  });

  it('reports malformed JSON as a bad response and keeps the raw text', async () => {
    answer(200, '{"id": 1, "status": "RUN');
    const error = await failure(getJson('/api/x', schema));
    expect(error.kind).toBe('bad-response');
    expect(error.body).toBe('{"id": 1, "status": "RUN');
    expect(error.retryable).toBe(false);
  });

  it('reports a schema mismatch naming the field, and keeps the JSON', async () => {
    answer(200, { id: 1, status: 3 });
    const error = await failure(getJson('/api/x', schema));
    expect(error.kind).toBe('bad-response');
    expect(error.issues).toContain('status');
    expect(error.body).toEqual({ id: 1, status: 3 });
  });

  it('maps a failed fetch to a network error from the browser', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const error = await failure(getJson('/api/x', schema));
    expect(error).toMatchObject({ kind: 'network', source: 'browser' });
  });

  it('times out a request that never answers', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_path: string, init: RequestInit) =>
          new Promise((_resolve, reject) => {
            init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
          }),
      ),
    );
    const error = await failure(getJson('/api/x', schema, { timeoutMs: 20 }));
    expect(error).toMatchObject({ kind: 'timeout', source: 'browser' });
  });

  it('lets a cancellation by the caller through as an abort, not an ApiError', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_path: string, init: RequestInit) =>
          new Promise((_resolve, reject) => {
            init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
          }),
      ),
    );
    const controller = new AbortController();
    const pending = getJson('/api/x', schema, { signal: controller.signal });
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ApiError);
    expect((error as DOMException).name).toBe('AbortError');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-11-24T10:00:00Z');
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('postJson', () => {
  it('sends the body as JSON and parses the answer', async () => {
    answer(200, { id: 2, status: 'OK' });
    await expect(postJson('/api/y', { names: ['a.com'] }, schema)).resolves.toEqual({
      id: 2,
      status: 'OK',
    });
    const [path, init] = vi.mocked(fetch).mock.calls[0]!;
    expect(path).toBe('/api/y');
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe('{"names":["a.com"]}');
    expect(new Headers(init?.headers).get('Content-Type')).toBe('application/json');
  });

  it('maps a console error body as getJson does', async () => {
    answer(400, { type: 'ConsoleInvalidInput', message: 'names: too many', source: 'console' });
    const error = await failure(postJson('/api/y', {}, schema));
    expect(error).toMatchObject({ kind: 'invalid-input', source: 'console', status: 400 });
  });
});

describe('postNdjson', () => {
  /** An NDJSON answer delivered in exactly these chunks. */
  function chunks(parts: string[], status = 200) {
    const encoder = new TextEncoder();
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            new ReadableStream({
              start(controller) {
                for (const part of parts) controller.enqueue(encoder.encode(part));
                controller.close();
              },
            }),
            { status, headers: { 'Content-Type': 'application/x-ndjson' } },
          ),
      ),
    );
  }

  it('hands over the lines of each chunk, a line split across chunks once it is whole', async () => {
    chunks(['{"id":1,"status":"a"}\n{"id":2,', '"status":"b"}\n', '{"id":3,"status":"c"}']);
    const batches: unknown[][] = [];
    await postNdjson('/api/x', { q: 1 }, schema, (lines) => batches.push(lines));
    expect(batches).toEqual([
      [{ id: 1, status: 'a' }],
      [{ id: 2, status: 'b' }],
      [{ id: 3, status: 'c' }],
    ]);
    const [, init] = vi.mocked(fetch).mock.calls[0]!;
    expect(init).toMatchObject({ method: 'POST', body: '{"q":1}' });
    expect(new Headers(init?.headers).get('Accept')).toBe('application/x-ndjson');
  });

  it('checks a long chunk in slices, handing over each slice and yielding between them', async () => {
    const count = 100;
    chunks([Array.from({ length: count }, (_, i) => `{"id":${i},"status":"s"}\n`).join('')]);
    // Every look at this clock finds a millisecond gone: one look per line, a slice is 10 ms.
    let clock = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => ++clock);
    const batches: number[][] = [];
    const yielded: number[] = [];
    vi.stubGlobal('scheduler', {
      yield: async () => {
        yielded.push(batches.flat().length);
      },
    });
    await postNdjson('/api/x', {}, schema, (lines) => batches.push(lines.map((l) => l.id)));
    expect(batches.flat()).toEqual(Array.from({ length: count }, (_, i) => i));
    expect(batches.length).toBeGreaterThanOrEqual(count / 10);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(10);
    // It yielded after handing over each full slice, never with lines held back.
    expect(yielded.length).toBeGreaterThanOrEqual(batches.length - 1);
    expect(yielded.every((n, i) => i === 0 || n > yielded[i - 1]!)).toBe(true);
  });

  it('fails on a line that does not match, after the lines before it', async () => {
    chunks(['{"id":1,"status":"a"}\n{"id":"x"}\n']);
    const lines: unknown[] = [];
    const error = await failure(postNdjson('/api/x', {}, schema, (l) => lines.push(...l)));
    expect(error.kind).toBe('bad-response');
    expect(lines).toEqual([{ id: 1, status: 'a' }]);
  });

  it('throws the console error of an answer other than 2xx', async () => {
    answer(403, { type: 'ConsoleForbiddenOrigin', message: 'No.', source: 'console' });
    const error = await failure(postNdjson('/api/x', {}, schema, () => {}));
    expect(error).toMatchObject({ kind: 'forbidden', errorType: 'ConsoleForbiddenOrigin' });
  });
});
