// @vitest-environment node
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditPageSchema, type AuditEntry } from '../src/contract/audit.ts';
import type { ConsoleUser } from '../src/contract/session.ts';
import type { ConsoleEnv } from './access-log.ts';
import { auditLookups } from './audit-recorder.ts';
import { auditStore, type AuditStore } from './audit-trail.ts';
import { loadConfig } from './config.ts';
import { consoleErrors } from './console-error.ts';
import { openDatabase, type ConsoleDatabase } from './database.ts';
import { startConsole, type RunningConsole } from './main.ts';
import { createMetrics } from './metrics.ts';
import { makeRedactor } from './redact.ts';
import { serveFetch } from './test-support.ts';

const PROCESS = '/api/rtr/v2/processes/46069000';
const TRANSFER = '/api/hostway/accounts/acct12345/domains/transfers/test.com';

describe('every lookup through the console and its sandbox is in the audit trail', () => {
  let running: RunningConsole;
  let dataDir: string;
  const answers: { path: string; requestId: string | null }[] = [];

  const lookup = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${running.url}${path}`, { headers });
    await res.arrayBuffer();
    answers.push({ path, requestId: res.headers.get('x-request-id') });
    return res;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'console-audit-e2e-'));
    running = await startConsole(
      loadConfig({ PORT: '0', DATA_DIR: dataDir, TRANSFER_WATCH_INTERVAL_S: '0' }),
      { logger: () => {} },
    );
  });
  afterAll(async () => {
    await running?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('records user, kind, object, upstream status, answer status and request id', async () => {
    expect((await lookup(PROCESS)).status).toBe(200);
    expect((await lookup(TRANSFER)).status).toBe(200);
    expect((await lookup(TRANSFER, { 'X-Console-Lookup': 'bulk' })).status).toBe(200);
    expect((await lookup('/api/transfers/acct12345/test.com/history')).status).toBe(200);
    // A bare 404 from the RTR API: refused by the console (not JSON), its status kept.
    expect((await lookup('/api/rtr/v2/processes/404000')).status).toBe(502);
    // Refused before anything is forwarded.
    expect((await lookup('/api/rtr/v2/processes/12ab')).status).toBe(400);
    expect((await lookup(TRANSFER, { 'X-Console-Lookup': 'many' })).status).toBe(400);
    // Not lookups: not recorded.
    expect((await fetch(`${running.url}${PROCESS}`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${running.url}/api/nothing`)).status).toBe(404);

    const res = await fetch(`${running.url}/api/audit`);
    expect(res.status).toBe(200);
    const page = auditPageSchema.parse(await res.json());
    expect(page.total).toBe(7);
    const local = { user: 'local' };
    const expected: Omit<AuditEntry, 'at' | 'requestId'>[] = [
      {
        ...local,
        kind: 'transfer',
        object: 'acct12345/test.com',
        errorType: 'ConsoleInvalidInput',
        status: 400,
      },
      { ...local, kind: 'process', object: '12ab', errorType: 'ConsoleInvalidInput', status: 400 },
      {
        ...local,
        kind: 'process',
        object: '404000',
        upstreamStatus: 404,
        errorType: 'UpstreamBadResponse',
        status: 502,
      },
      { ...local, kind: 'history', object: 'acct12345/test.com', status: 200 },
      { ...local, kind: 'bulk', object: 'acct12345/test.com', upstreamStatus: 200, status: 200 },
      {
        ...local,
        kind: 'transfer',
        object: 'acct12345/test.com',
        upstreamStatus: 200,
        status: 200,
      },
      { ...local, kind: 'process', object: '46069000', upstreamStatus: 200, status: 200 },
    ];
    expect(page.entries.map(({ at: _at, requestId: _id, ...rest }) => rest)).toEqual(expected);
    // Newest first, each at the time of its answer.
    const times = page.entries.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(Date.now() - Date.parse(times[0] ?? '')).toBeLessThan(60_000);
    // The id the browser was given (X-Request-Id), where the console gives one.
    const given = answers
      .slice(0, 7)
      .map((a) => a.requestId ?? undefined)
      .reverse();
    expect(page.entries.map((e) => e.requestId)).toEqual(given);
  });
});

describe('the recording middleware', () => {
  let dir: string;
  let database: ConsoleDatabase;
  let audit: AuditStore;
  let close: (() => Promise<void>) | undefined;

  afterEach(async () => {
    await close?.();
    await database?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function serveWith(options: { user?: ConsoleUser; store?: Pick<AuditStore, 'record'> }) {
    dir = await mkdtemp(join(tmpdir(), 'console-audit-mw-'));
    database = await openDatabase(dir);
    audit = auditStore(database);
    const logs: string[] = [];
    const metrics = createMetrics();
    const app = new Hono<ConsoleEnv>();
    app.use(async (c, next) => {
      c.set('requestId', 'req-from-middleware');
      if (options.user) c.set('user', options.user);
      await next();
    });
    app.use(
      auditLookups({
        audit: options.store ?? audit,
        consoleError: consoleErrors(makeRedactor([])),
        metrics,
        log: (line) => logs.push(line),
        now: () => new Date('2026-12-02T10:00:00.000Z'),
      }),
    );
    app.get('/api/rtr/v2/processes/:id', (c) => {
      c.set('upstreamStatus', 201);
      return c.json({ id: 1 }, 200);
    });
    const server = await serveFetch(app.fetch);
    close = server.close;
    return { url: server.url, logs, metrics };
  }

  it('reads the request id and the upstream status the other middleware set', async () => {
    const { url } = await serveWith({ user: { email: 'alice@example.com', admin: false } });
    expect((await fetch(`${url}/api/rtr/v2/processes/7`)).status).toBe(200);
    expect((await audit.query({ limit: 10, offset: 0 })).entries).toEqual([
      {
        at: '2026-12-02T10:00:00.000Z',
        user: 'alice@example.com',
        kind: 'process',
        object: '7',
        upstreamStatus: 201,
        status: 200,
        requestId: 'req-from-middleware',
      },
    ]);
  });

  it('records nothing for a request without a user', async () => {
    const { url } = await serveWith({});
    expect((await fetch(`${url}/api/rtr/v2/processes/7`)).status).toBe(200);
    expect((await audit.query({ limit: 10, offset: 0 })).total).toBe(0);
  });

  it('keeps a very long object short', async () => {
    const { url } = await serveWith({ user: { email: 'a@b.c', admin: false } });
    await fetch(`${url}/api/rtr/v2/processes/${'9'.repeat(1000)}`);
    const [entry] = (await audit.query({ limit: 10, offset: 0 })).entries;
    expect(entry?.object).toBe(`${'9'.repeat(256)}…`);
  });

  it('a failed write is logged and counted, and the lookup is still answered', async () => {
    const { url, logs, metrics } = await serveWith({
      user: { email: 'alice@example.com', admin: false },
      store: {
        // As the store fails: the promise rejects.
        record: () =>
          Promise.reject(
            Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }),
          ),
      },
    });
    const res = await fetch(`${url}/api/rtr/v2/processes/7`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: 1 });
    expect(metrics.auditWritesFailed.value).toBe(1);
    expect(logs).toEqual([
      'audit entry not recorded (alice@example.com process 7 200): database or disk is full (SQLITE_FULL)',
    ]);
  });
});
