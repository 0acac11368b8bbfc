// @vitest-environment node
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DOMAIN_CHECK_MAX_BODY_BYTES,
  DOMAIN_CHECK_MAX_NAMES,
  domainCheckResponseSchema,
} from '../../src/contract/domain-check.ts';
import { consoleErrorBodySchema } from '../../src/contract/console-error.ts';
import { createApp } from '../app.ts';
import { forward } from '../proxy.ts';
import {
  rawRequest,
  startRecordingUpstream,
  type RawResponse,
  type RecordingUpstream,
} from '../test-support.ts';
import type { HistoryStore } from '../transfer-history.ts';
import { hostwayUpstream, rtrUpstream } from '../upstreams.ts';

const JSON_TYPE = { 'Content-Type': 'application/json' };

// The route must never touch the database: every use of the store fails the request.
const untouchable = new Proxy({} as HistoryStore, {
  get(_target, name) {
    throw new Error(`the domain-name check used the history store (${String(name)})`);
  },
});

let upstream: RecordingUpstream;
let server: ReturnType<typeof serve>;
let url: string;

beforeAll(async () => {
  upstream = await startRecordingUpstream();
  const app = createApp({
    upstreams: {
      rtr: rtrUpstream(`${upstream.url}/rtr`, 'rtr-key'),
      hostway: hostwayUpstream(`${upstream.url}/hw`, 'Basic hw'),
    },
    forward: { rtr: forward, hostway: forward },
    timeoutMs: 2000,
    staticDir: join(tmpdir(), 'registrar-console-does-not-exist'),
    history: untouchable,
    logger: () => {},
  });
  server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => {
    if ('closeAllConnections' in server) server.closeAllConnections();
    server.close(() => resolve());
  });
  await upstream.close();
});
beforeEach(() => {
  upstream.requests.length = 0;
});

const post = (
  body: string | Buffer | Buffer[],
  headers: Record<string, string> = JSON_TYPE,
  path = '/api/domain-names',
) => rawRequest(url, 'POST', path, headers, body);

function consoleError(res: RawResponse) {
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.headers['cache-control']).toBe('no-store');
  return consoleErrorBodySchema.parse(JSON.parse(res.text));
}

describe('POST /api/domain-names', () => {
  it('answers one result per name, in order, with the registrable domain or the reason', async () => {
    const names = [
      'example.com',
      'https://www.Example.co.uk/path?q=1',
      'münchen.de',
      '127.0.0.1',
      'co.uk',
      'example.invalidtld',
      'example.com',
    ];
    const res = await post(JSON.stringify({ names }));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(domainCheckResponseSchema.parse(JSON.parse(res.text))).toEqual({
      results: [
        {
          ok: true,
          input: 'example.com',
          ascii: 'example.com',
          unicode: 'example.com',
          corrected: false,
        },
        {
          ok: true,
          input: 'https://www.Example.co.uk/path?q=1',
          ascii: 'example.co.uk',
          unicode: 'example.co.uk',
          corrected: true,
        },
        {
          ok: true,
          input: 'münchen.de',
          ascii: 'xn--mnchen-3ya.de',
          unicode: 'münchen.de',
          corrected: false,
        },
        { ok: false, input: '127.0.0.1', reason: 'An IP address is not a domain name.' },
        {
          ok: false,
          input: 'co.uk',
          reason: '"co.uk" is only a public suffix; add the name in front of it.',
        },
        {
          ok: false,
          input: 'example.invalidtld',
          reason: '"example.invalidtld" does not end in a known top-level domain.',
        },
        {
          ok: true,
          input: 'example.com',
          ascii: 'example.com',
          unicode: 'example.com',
          corrected: false,
        },
      ],
    });
    expect(upstream.requests).toEqual([]);
  });

  it('accepts a charset parameter and answers the most names allowed, compressed', async () => {
    const names = Array.from({ length: DOMAIN_CHECK_MAX_NAMES }, (_, i) => `bulk-${i}.com`);
    const res = await post(JSON.stringify({ names }), {
      'Content-Type': 'application/json; charset=utf-8',
      'Accept-Encoding': 'gzip',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    const { results } = domainCheckResponseSchema.parse(
      JSON.parse(gunzipSync(res.body).toString()),
    );
    expect(results).toHaveLength(DOMAIN_CHECK_MAX_NAMES);
    expect(results[9999]).toMatchObject({ ok: true, ascii: 'bulk-9999.com' });
  });

  it.each([
    ['no Content-Type', {}, 'got none'],
    ['text/plain', { 'Content-Type': 'text/plain' }, 'got "text/plain"'],
    ['a form', { 'Content-Type': 'application/x-www-form-urlencoded' }, 'application/json'],
  ])('refuses %s with 415', async (_, headers, message) => {
    const res = await post(JSON.stringify({ names: ['example.com'] }), headers);
    expect(res.status).toBe(415);
    expect(consoleError(res)).toEqual({
      requestId: res.headers['x-request-id'],
      type: 'ConsoleUnsupportedMediaType',
      message: expect.stringContaining(message),
      source: 'console',
    });
  });

  it.each([
    ['with a Content-Length', (body: Buffer) => body],
    ['chunked', (body: Buffer) => [body.subarray(0, 1000), body.subarray(1000)]],
  ])('refuses a body over the size limit %s with 413', async (_, send) => {
    const names = Array.from({ length: 20 }, () => 'a'.repeat(60_000));
    const body = Buffer.from(JSON.stringify({ names }));
    expect(body.length).toBeGreaterThan(DOMAIN_CHECK_MAX_BODY_BYTES);
    const res = await post(send(body));
    expect(res.status).toBe(413);
    expect(consoleError(res)).toEqual({
      requestId: res.headers['x-request-id'],
      type: 'ConsolePayloadTooLarge',
      message: expect.stringContaining('smaller batches'),
      source: 'console',
    });
  });

  it.each([
    ['not JSON', '{names: [', 'not JSON'],
    ['a list', '["a.com"]', 'the body: must be an object'],
    ['no names', '{}', 'names: must be a list of strings'],
    ['an empty list', '{"names": []}', 'names: must hold at least one name'],
    ['a name that is not a string', '{"names": ["a.com", 7]}', 'names.1: must be a string'],
    [
      'a name too long',
      JSON.stringify({ names: ['a'.repeat(1001)] }),
      'names.0: must be at most 1000 characters',
    ],
    [
      'too many names',
      JSON.stringify({ names: Array.from({ length: DOMAIN_CHECK_MAX_NAMES + 1 }, () => 'a.com') }),
      'names: must hold at most 10000 names',
    ],
  ])('refuses %s with 400 naming the problem', async (_, body, problem) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const error = consoleError(res);
    expect(error.type).toBe('ConsoleInvalidInput');
    expect(error.message).toContain(problem);
    expect(error.message).toContain('{"names": ["example.com", …]}');
  });

  it('is the only route that takes POST: others answer 405 as before', async () => {
    const get = await rawRequest(url, 'GET', '/api/domain-names');
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect(consoleError(get).type).toBe('ConsoleMethodNotAllowed');

    const proxied = await post('{"names":["a.com"]}', JSON_TYPE, '/api/rtr/v2/processes/1');
    expect(proxied.status).toBe(405);
    expect(proxied.headers.allow).toBe('GET');

    const extra = await post('{"names":["a.com"]}', JSON_TYPE, '/api/domain-names/x');
    expect(extra.status).toBe(404);
    expect(upstream.requests).toEqual([]);
  });
});
