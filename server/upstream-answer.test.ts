// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { judgeUpstreamAnswer, retryAfterSeconds, validRetryAfter } from './upstream-answer.ts';

const json = (headers: Record<string, string>, body = '{"a":1}', status = 200) =>
  judgeUpstreamAnswer({ status, headers, body: Buffer.from(body) });

describe('judgeUpstreamAnswer', () => {
  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON; Charset="UTF-8"',
    'application/problem+json',
    'application/vnd.api+json;charset=utf-8',
  ])('relays %s', (type) => {
    expect(json({ 'content-type': type })).toEqual({
      ok: true,
      status: 200,
      retryAfter: undefined,
    });
  });

  it.each([
    [{ 'content-type': 'text/html' }, 'text/html, not JSON'],
    [{ 'content-type': 'text/javascript' }, 'text/javascript, not JSON'],
    [{ 'content-type': 'application/jsonp' }, 'application/jsonp, not JSON'],
    [{ 'content-type': 'text/json' }, 'text/json, not JSON'],
    [{ 'content-type': 'application/json; charset=iso-8859-1' }, 'JSON in iso-8859-1, not UTF-8'],
    [{}, 'without a Content-Type'],
    [{ 'content-type': 'application/json', 'content-encoding': 'gzip' }, 'gzip-encoded'],
    [{ 'content-type': '<script>alert(1)</script>' }, '?script?alert?1??/script?, not JSON'],
  ])('refuses %j: %s', (headers, problem) => {
    const verdict = json(headers);
    expect(verdict).toMatchObject({ ok: false, upstreamStatus: 200 });
    expect(verdict.ok ? '' : verdict.problem).toContain(problem);
  });

  it.each([0, 99, 100, 199, 600, 999])('refuses status %i', (status) => {
    expect(json({ 'content-type': 'application/json' }, '{}', status)).toMatchObject({
      ok: false,
      upstreamStatus: status,
      problem: `with HTTP status ${status}, which is not a status it may answer with`,
    });
  });

  it('passes a valid Retry-After on, and drops any other value', () => {
    const type = { 'content-type': 'application/json' };
    expect(json({ ...type, 'retry-after': '7' }, '{}', 429)).toMatchObject({ retryAfter: '7' });
    expect(json({ ...type, 'retry-after': 'ApiKey secret' }, '{}', 429)).toMatchObject({
      retryAfter: undefined,
    });
  });
});

describe('Retry-After', () => {
  it.each([
    ['120', '120'],
    [' 5 ', '5'],
    ['Wed, 21 Oct 2015 07:28:00 GMT', 'Wed, 21 Oct 2015 07:28:00 GMT'],
    ['-1', undefined],
    ['1.5', undefined],
    ['9999999999', undefined],
    ['tomorrow', undefined],
    ['Wed, 21 Oct 2015 07:28:00 CET', undefined],
    [undefined, undefined],
  ])('%j is %j', (value, valid) => {
    expect(validRetryAfter(value)).toBe(valid);
  });

  it('turns a date into seconds from now, never below 0', () => {
    const now = Date.parse('2015-10-21T07:27:00Z');
    expect(retryAfterSeconds('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(60);
    expect(retryAfterSeconds('Wed, 21 Oct 2015 07:00:00 GMT', now)).toBe(0);
    expect(retryAfterSeconds('30', now)).toBe(30);
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
  });
});
