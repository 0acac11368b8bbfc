import { describe, expect, it } from 'vitest';
import { ApiError, type ApiErrorInit } from '../api/api-error.ts';
import { describeError } from './describe-error.ts';

const context = {
  api: 'Realtime Register',
  subject: 'process 7',
  notFound: 'There is no process 7.',
};
const describeApi = (init: Partial<ApiErrorInit>) =>
  describeError(
    new ApiError({ kind: 'upstream-error', source: 'upstream', message: 'm', ...init }),
    context,
  );

describe('describeError', () => {
  it('uses the resource-specific not-found text', () => {
    const d = describeApi({ kind: 'not-found', status: 404 });
    expect(d.explanation).toBe('There is no process 7.');
    expect(d.canRetry).toBe(false);
  });

  it('blames the server credentials, not the user, on 401 and 403', () => {
    expect(describeApi({ kind: 'unauthorized' }).explanation).toMatch(/console server/);
    expect(describeApi({ kind: 'unauthorized' }).explanation).toMatch(/not about your own login/);
    expect(describeApi({ kind: 'forbidden' }).explanation).toMatch(/not allowed to read process 7/);
  });

  it('mentions the Retry-After wait', () => {
    expect(describeApi({ kind: 'rate-limited', retryAfterMs: 2000 }).explanation).toMatch(/2 s/);
  });

  it('extracts a maintenance window from ProviderUnavailable', () => {
    const d = describeApi({
      status: 503,
      errorType: 'ProviderUnavailable',
      body: { type: 'ProviderUnavailable', startDate: 'a', endDate: 'b' },
    });
    expect(d.title).toBe('The registry is unavailable');
    expect(d.maintenance).toEqual({ start: 'a', end: 'b' });
    expect(d.canRetry).toBe(true);
  });

  it('tells an unreachable upstream from an unreachable console server', () => {
    expect(describeApi({ kind: 'network', source: 'console' }).title).toBe(
      'The Realtime Register API is unreachable',
    );
    expect(describeApi({ kind: 'network', source: 'browser' }).title).toBe('Connection problem');
  });

  it('shows the schema issues and the raw body for a bad response', () => {
    const d = describeApi({ kind: 'bad-response', issues: '✖ status', body: { status: 3 } });
    expect(d.issues).toBe('✖ status');
    expect(d.raw).toEqual({ status: 3 });
    expect(d.openRaw).toBe(true);
  });

  it('opens the raw text of an answer that is not JSON, where it is all there is', () => {
    const d = describeApi({ kind: 'bad-response', body: '{"id": 5, "status": "RUN' });
    expect(d.issues).toBeUndefined();
    expect(d.raw).toBe('{"id": 5, "status": "RUN');
    expect(d.openRaw).toBe(true);
    expect(describeApi({ kind: 'upstream-error', body: { type: 'X' } }).openRaw).toBeUndefined();
  });

  it('keeps the API words only when they come from upstream', () => {
    expect(
      describeApi({ kind: 'invalid-input', errorType: 'ValidationError', message: 'Bad id' })
        .apiMessage,
    ).toBe('Bad id');
    // A bare status code has no words of the API's own to quote.
    expect(
      describeApi({ kind: 'not-found', message: 'The API answered HTTP 404.' }).apiMessage,
    ).toBeUndefined();
    expect(
      describeApi({ kind: 'timeout', source: 'console', message: 'no answer' }).apiMessage,
    ).toBeUndefined();
  });

  describe('errors the console server found itself', () => {
    const fromConsole = (errorType: string, init: Partial<ApiErrorInit> = {}) =>
      describeApi({ source: 'console', errorType, message: 'the console said this', ...init });

    it.each([
      [
        'ConsoleMisdirectedRequest',
        'The console was reached under a name it does not serve',
        /ALLOWED_HOSTS or set PUBLIC_URL/,
        false,
      ],
      [
        'ConsoleForbiddenOrigin',
        'A request from another site was refused',
        /Open the console directly at its own address/,
        false,
      ],
      ['UpstreamQueueFull', 'The console is busy', /retried automatically, waiting for 4 s/, true],
      [
        'UpstreamRateLimited',
        'The Realtime Register API asked the console to slow down',
        /paused all its requests to it for 4 s/,
        true,
      ],
      [
        'ConsoleUnsupportedMediaType',
        'The console server could not read the request',
        /Reload the page/,
        false,
      ],
      ['ConsolePayloadTooLarge', 'Too much at once', /smaller batches/, false],
    ] as const)('%s: %s', (errorType, title, explanation, canRetry) => {
      const d = fromConsole(errorType, { retryAfterMs: 4000 });
      expect(d.title).toBe(title);
      expect(d.explanation).toMatch(explanation);
      expect(d.canRetry).toBe(canRetry);
      // The server's own words (they name the host, the origin, the wait) are quoted as its own.
      expect(d.apiMessage).toBe('the console said this');
      expect(d.speaker).toBe('The console server said');
    });

    it('UpstreamBadResponse: the console says what was wrong, and shows what the API sent', () => {
      const d = fromConsole('UpstreamBadResponse', {
        kind: 'bad-response',
        message: 'The Realtime Register API answered text/html, not JSON; …',
        body: '<html>Bad gateway</html>',
      });
      expect(d.title).toBe('Unexpected answer from the API');
      expect(d.explanation).toBe('The Realtime Register API answered text/html, not JSON; …');
      expect(d).toMatchObject({ raw: '<html>Bad gateway</html>', openRaw: true, canRetry: true });
      expect(d.rawLabel).toMatch(/its start, as text/);
    });

    it('UpstreamBadResponse of a bare 404: not found, nothing to retry', () => {
      const d = fromConsole('UpstreamBadResponse', { kind: 'not-found' });
      expect(d).toEqual({
        title: 'Not found',
        explanation: 'There is no process 7.',
        canRetry: false,
      });
    });

    it('types without their own words fall back to the kind', () => {
      expect(fromConsole('UpstreamTimeout', { kind: 'timeout', message: 'No answer' }).title).toBe(
        'No answer in time',
      );
    });
  });

  it('describes a non-API error too', () => {
    expect(describeError(new Error('boom'), context).explanation).toBe('boom');
  });
});
