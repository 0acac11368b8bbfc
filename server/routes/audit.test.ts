// @vitest-environment node
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditPageSchema, type AuditEntry } from '../../src/contract/audit.ts';
import type { ConsoleUser } from '../../src/contract/session.ts';
import type { ConsoleEnv } from '../access-log.ts';
import { auditStore, type AuditStore } from '../audit-trail.ts';
import { consoleErrors } from '../console-error.ts';
import { openDatabase, type ConsoleDatabase } from '../database.ts';
import { limitForward } from '../proxy.ts';
import { makeRedactor } from '../redact.ts';
import {
  serveFetch,
  startRecordingUpstream,
  startTestApp,
  type RecordingUpstream,
} from '../test-support.ts';
import { hostwayUpstream, rtrUpstream } from '../upstreams.ts';
import { apiRoutes } from './api.ts';
import { parseAuditQuery } from './audit.ts';

const ADMIN: ConsoleUser = { email: 'alice@example.com', admin: true };
const BOB: ConsoleUser = { email: 'bob@example.com', admin: false };

let upstream: RecordingUpstream;
let dir: string;
let database: ConsoleDatabase;
let audit: AuditStore;
let server: { url: string; close(): Promise<void> };
let user: ConsoleUser | undefined;

beforeAll(async () => {
  upstream = await startRecordingUpstream();
  dir = await mkdtemp(join(tmpdir(), 'console-audit-route-'));
  database = await openDatabase(dir);
  audit = auditStore(database);
  const entry = (at: string, over: Partial<AuditEntry>): AuditEntry => ({
    at,
    user: 'alice@example.com',
    kind: 'process',
    object: '46069000',
    upstreamStatus: 200,
    status: 200,
    requestId: `req-${at}`,
    ...over,
  });
  await audit.record(entry('2026-11-30T23:59:59.999Z', {}));
  await audit.record(
    entry('2026-12-01T00:00:00.000Z', { kind: 'transfer', object: 'acct1/a.com' }),
  );
  await audit.record(entry('2026-12-01T12:00:00.000Z', { kind: 'bulk', object: 'acct1/b.com' }));
  await audit.record(
    entry('2026-12-02T08:00:00.000Z', { user: 'bob@example.com', object: '1000003' }),
  );

  const app = new Hono<ConsoleEnv>();
  app.use(async (c, next) => {
    if (user) c.set('user', user);
    await next();
  });
  app.all(
    '*',
    apiRoutes({
      upstreams: {
        rtr: rtrUpstream(`${upstream.url}/rtr`, 'rtr-SECRET-key-123'),
        hostway: hostwayUpstream(`${upstream.url}/hw`, 'Bearer hw-SECRET-token-456'),
      },
      forward: { rtr: limitForward(2), hostway: limitForward(2) },
      timeoutMs: 2000,
      history: { history: () => Promise.resolve([]) },
      audit,
      onTransferStatus: () => Promise.resolve({ recorded: true }),
      consoleError: consoleErrors(makeRedactor([])),
      redact: makeRedactor([]),
      log: () => {},
    }),
  );
  server = await serveFetch(app.fetch);
});
afterAll(async () => {
  await server?.close();
  await upstream?.close();
  await database?.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  user = ADMIN;
});

const get = async (query = '', init?: RequestInit) => {
  const res = await fetch(`${server.url}/api/audit${query}`, init);
  const body = (await res.json()) as Record<string, unknown>;
  // A console error body carries the answer's request id; the rest is what the tests compare.
  if (body.source === 'console') delete body.requestId;
  return { status: res.status, body };
};
const objectsOf = (body: unknown) => auditPageSchema.parse(body).entries.map((e) => e.object);

describe('GET /api/audit', () => {
  it('answers an admin every entry, newest first, with the total', async () => {
    const { status, body } = await get();
    expect(status).toBe(200);
    const page = auditPageSchema.parse(body);
    expect(page.total).toBe(4);
    expect(page.entries[0]).toEqual({
      at: '2026-12-02T08:00:00.000Z',
      user: 'bob@example.com',
      kind: 'process',
      object: '1000003',
      upstreamStatus: 200,
      status: 200,
      requestId: 'req-2026-12-02T08:00:00.000Z',
    });
    expect(objectsOf(body)).toEqual(['1000003', 'acct1/b.com', 'acct1/a.com', '46069000']);
    expect(upstream.requests).toEqual([]);
  });

  it('filters by user, kind, object (exact or prefix*) and dates, and pages', async () => {
    expect(objectsOf((await get('?user=bob@example.com')).body)).toEqual(['1000003']);
    expect(objectsOf((await get('?kind=bulk')).body)).toEqual(['acct1/b.com']);
    expect(objectsOf((await get('?object=acct1/a.com')).body)).toEqual(['acct1/a.com']);
    expect(objectsOf((await get('?object=acct1/')).body)).toEqual([]);
    expect(objectsOf((await get('?object=acct1/*')).body)).toEqual(['acct1/b.com', 'acct1/a.com']);
    expect(objectsOf((await get('?object=acct1%2F*')).body)).toEqual([
      'acct1/b.com',
      'acct1/a.com',
    ]);
    // Dates are UTC days, both ends included.
    expect(objectsOf((await get('?from=2026-12-01&to=2026-12-01')).body)).toEqual([
      'acct1/b.com',
      'acct1/a.com',
    ]);
    // A date-time with an offset is an instant; `to` includes it.
    expect(
      objectsOf((await get('?from=2026-12-01T13:00:00%2B01:00&to=2026-12-02T08:00:00Z')).body),
    ).toEqual(['1000003', 'acct1/b.com']);
    const page = await get('?limit=2&offset=1');
    expect(page.body.total).toBe(4);
    expect(objectsOf(page.body)).toEqual(['acct1/b.com', 'acct1/a.com']);
    expect(upstream.requests).toEqual([]);
  });

  it('answers 403 ConsoleForbidden to anyone but an admin, whatever the parameters', async () => {
    for (const who of [BOB, undefined]) {
      user = who;
      for (const query of ['', '?limit=0', '?user=alice@example.com']) {
        const { status, body } = await get(query);
        expect(status).toBe(403);
        expect(body).toEqual({
          type: 'ConsoleForbidden',
          message: 'Only admins may see the audit trail (AUTH_ADMINS lists them).',
          source: 'console',
        });
      }
    }
    expect(upstream.requests).toEqual([]);
  });

  it.each([
    ['?limit=0', '"limit" must be a whole number from 1 to 500 (got "0")'],
    ['?limit=501', '"limit" must be a whole number from 1 to 500 (got "501")'],
    ['?limit=ten', '"limit" must be a whole number from 1 to 500'],
    ['?offset=-1', '"offset" must be a whole number from 0 to 10000000 (got "-1")'],
    [
      '?kind=domain',
      '"kind" must be one of process, transfer, history, bulk, search, watch, unwatch (got "domain")',
    ],
    ['?from=yesterday', '"from" must be an ISO-8601 date or date-time'],
    ['?to=2026-13-01', '"to" must be an ISO-8601 date or date-time'],
    ['?from=2026-12-02&to=2026-12-01', '"from" (2026-12-02) is after "to" (2026-12-01)'],
    ['?object=*', '"object" must be an object, optionally ending in *'],
    ['?object=a*b', '"object" must be an object, optionally ending in *'],
    ['?user=', '"user"'],
    ['?usr=bob', 'The parameter "usr" is not one of user, object, kind, from, to, limit, offset'],
    ['?kind=bulk&kind=process', 'The parameter "kind" is given more than once'],
  ])('refuses %s with 400 ConsoleInvalidInput naming the parameter', async (query, words) => {
    const { status, body } = await get(query);
    expect(status).toBe(400);
    expect(body).toMatchObject({ type: 'ConsoleInvalidInput', source: 'console' });
    expect(body.message).toContain(words);
    expect(upstream.requests).toEqual([]);
  });

  it('only answers GET', async () => {
    const res = await fetch(`${server.url}/api/audit`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect(upstream.requests).toEqual([]);
  });

  it('is matched on the raw path only: /api/audit/ and /api//audit are no route', async () => {
    for (const path of ['/api/audit/', '/api//audit', '/api/audit/x', '/api/%61udit']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status).toBe(404);
      await res.arrayBuffer();
    }
    expect(upstream.requests).toEqual([]);
  });
});

describe('GET /api/audit in the whole app (AUTH_MODE=none: the local operator is the admin)', () => {
  it('answers from the app’s own trail and does not record itself', async () => {
    const app = await startTestApp(upstream.url);
    try {
      upstream.requests.length = 0;
      expect((await app.get('/api/rtr/v2/processes/46069000')).status).toBe(200);
      const res = await app.get('/api/audit');
      expect(res.status).toBe(200);
      const page = auditPageSchema.parse(JSON.parse(res.text));
      expect(page).toMatchObject({ total: 1, entries: [{ user: 'local', object: '46069000' }] });
      expect(res.headers['cache-control']).toBe('no-store');
      expect((await app.get('/api/audit')).status).toBe(200);
      expect((await app.audit.query({ limit: 10, offset: 0 })).total).toBe(1);
      expect(upstream.requests.map((r) => r.url)).toEqual(['/rtr/v2/processes/46069000']);
    } finally {
      await app.close();
    }
  });
});

describe('parseAuditQuery', () => {
  it('turns the query into the store’s filter: UTC days, inclusive ends, prefix', () => {
    expect(
      parseAuditQuery(
        new URLSearchParams('user=a@b.c&object=acct1/*&kind=bulk&from=2026-12-01&to=2026-12-31'),
      ),
    ).toEqual({
      user: 'a@b.c',
      object: { value: 'acct1/', prefix: true },
      kind: 'bulk',
      from: '2026-12-01T00:00:00.000Z',
      before: '2027-01-01T00:00:00.000Z',
      limit: 50,
      offset: 0,
    });
    expect(parseAuditQuery(new URLSearchParams('to=2026-12-01T10:00:00%2B02:00'))).toEqual({
      before: '2026-12-01T08:00:00.001Z',
      limit: 50,
      offset: 0,
    });
  });
});
