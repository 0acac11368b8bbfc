import { describe, expect, it } from 'vitest';
import { ApiError, type ApiErrorKind } from '../api/api-error.ts';
import { retryDelay, shouldRetry } from './query-client.ts';

const error = (kind: ApiErrorKind, retryAfterMs?: number) =>
  new ApiError({ kind, source: 'upstream', message: kind, retryAfterMs });

describe('retry policy', () => {
  it.each(['network', 'timeout', 'rate-limited', 'upstream-error'] as const)(
    'retries %s',
    (kind) => {
      expect(shouldRetry(0, error(kind))).toBe(true);
      expect(shouldRetry(3, error(kind))).toBe(false);
    },
  );

  it.each(['invalid-input', 'not-found', 'unauthorized', 'forbidden', 'bad-response'] as const)(
    'never retries %s',
    (kind) => {
      expect(shouldRetry(0, error(kind))).toBe(false);
    },
  );

  it('does not retry errors that are not ApiErrors', () => {
    expect(shouldRetry(0, new Error('bug'))).toBe(false);
  });

  it('waits for Retry-After when given, else backs off', () => {
    expect(retryDelay(1, error('rate-limited', 2000))).toBe(2000);
    expect(retryDelay(0, error('network'))).toBe(500);
    expect(retryDelay(2, error('network'))).toBe(2000);
    expect(retryDelay(10, error('network'))).toBe(10_000);
  });
});
