// @vitest-environment node
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchPageSchema } from '../../src/contract/watch.ts';
import { auditStore, type AuditStore } from '../audit-trail.ts';
import { openDatabase } from '../database.ts';
import { startTestApp, type TestApp } from '../test-support.ts';
import { historyStore, type HistoryStore } from '../transfer-history.ts';
import { watchStore } from '../transfer-watch.ts';

let dir: string;
let app: TestApp;
let history: HistoryStore;
let audit: AuditStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'console-watch-route-'));
  const database = await openDatabase(dir);
  history = historyStore(database);
  audit = auditStore(database);
  const watch = watchStore(database, { intervalS: 900 });
  // No upstream is asked: these routes answer from the database.
  app = await startTestApp('http://127.0.0.1:9', { history, audit, watch });
  await history.record('acct1', 'pending.com', { status: 7, description: 'Waiting' }, 'lookup');
  await history.record('acct1', 'done.com', { status: 14, description: 'Active' }, 'lookup');
});
afterEach(async () => {
  await app.close();
  await history.close();
  await rm(dir, { recursive: true, force: true });
});

const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };

describe('GET /api/watch', () => {
  it('answers the list as its contract says, uncached', async () => {
    const res = await app.get('/api/watch?final=false');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const page = watchPageSchema.parse(JSON.parse(res.text));
    expect(page.rows.map((r) => r.domainName)).toEqual(['pending.com']);
    expect(page.total).toBe(1);
    expect(page.counts).toMatchObject({ approval: 1, active: 0 });
  });

  it.each([
    ['/api/watch?phase=nope', /^phase must be one of/],
    ['/api/watch?limit=9999', /^limit must be a whole number from 1 to 500/],
    ['/api/watch?sort=domain', /^sort is not a parameter of the overview/],
  ])('refuses %s with 400 ConsoleInvalidInput naming the parameter', async (path, message) => {
    const res = await app.get(path);
    expect(res.status).toBe(400);
    const body = JSON.parse(res.text) as { type: string; message: string; source: string };
    expect(body).toMatchObject({ type: 'ConsoleInvalidInput', source: 'console' });
    expect(body.message).toMatch(message);
  });

  it('only reads', async () => {
    const res = await app.request('POST', '/api/watch', SAME_ORIGIN);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET');
  });
});

describe('POST /api/watch/:account/:domain/watch|stop', () => {
  it("stops and watches a pair from the console's page, and the audit trail says who", async () => {
    const stop = await app.request('POST', '/api/watch/acct1/pending.com/stop', SAME_ORIGIN);
    expect(stop.status).toBe(200);
    expect(JSON.parse(stop.text)).toEqual({
      accountNumber: 'acct1',
      domainName: 'pending.com',
      state: 'stopped',
    });
    const stopped = JSON.parse((await app.get('/api/watch?state=stopped')).text) as {
      rows: { domainName: string; stopReason: string }[];
    };
    expect(stopped.rows).toMatchObject([{ domainName: 'pending.com', stopReason: 'person' }]);

    const watch = await app.request('POST', '/api/watch/acct1/pending.com/watch', {
      origin: app.url,
    });
    expect(JSON.parse(watch.text)).toMatchObject({ state: 'watching' });
    expect((await audit.query({ limit: 10, offset: 0 })).entries).toMatchObject([
      { kind: 'watch', object: 'acct1/pending.com', status: 200 },
      { kind: 'unwatch', object: 'acct1/pending.com', status: 200 },
    ]);
  });

  it.each([
    [{ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }],
    [{ 'sec-fetch-site': 'same-site' }],
    [{ origin: 'https://evil.example' }],
    [{}],
  ])('refuses a POST that is not from its own page (%o)', async (headers) => {
    const res = await app.request('POST', '/api/watch/acct1/pending.com/stop', headers);
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text)).toMatchObject({ type: 'ConsoleForbiddenOrigin' });
    const page = JSON.parse((await app.get('/api/watch?state=stopped')).text) as { total: number };
    expect(page.total).toBe(0);
  });

  it('validates the pair and knows only recorded ones', async () => {
    expect(
      (await app.request('POST', '/api/watch/acct1/Not_A_Domain/stop', SAME_ORIGIN)).status,
    ).toBe(400);
    const unknown = await app.request('POST', '/api/watch/acct1/never.com/stop', SAME_ORIGIN);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text)).toMatchObject({ type: 'ConsoleNotFound' });
    expect(
      (await app.request('POST', '/api/watch/acct1/pending.com/pause', SAME_ORIGIN)).status,
    ).toBe(404);
    expect((await app.get('/api/watch/acct1/pending.com/stop')).status).toBe(405);
  });
});
