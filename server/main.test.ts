// @vitest-environment node
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { loadConfig } from './config.ts';
import { startBanner, startConsole, type RunningConsole } from './main.ts';
import { startRecordingUpstream, type RecordingUpstream } from './test-support.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

// Every console in this file keeps its history in a temporary DATA_DIR.
let dataRoot: string;
let dataDirs = 0;
const freshDataDir = () => join(dataRoot, `data-${++dataDirs}`);
beforeAll(async () => {
  dataRoot = await mkdtemp(join(tmpdir(), 'console-main-data-'));
});
afterAll(async () => {
  await rm(dataRoot, { recursive: true, force: true });
});

describe('startConsole with configured upstreams', () => {
  let upstream: RecordingUpstream;
  let staticDir: string;
  let running: RunningConsole;
  const logs: string[] = [];

  beforeAll(async () => {
    upstream = await startRecordingUpstream();
    staticDir = await mkdtemp(join(tmpdir(), 'console-main-'));
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Console</title>');
    const config = loadConfig({
      PORT: '0',
      RTR_API_URL: `${upstream.url}/rtr/`,
      RTR_API_KEY: 'main-test-key',
      HOSTWAY_API_URL: `${upstream.url}/hostway`,
      HOSTWAY_AUTHORIZATION: 'Bearer main-test-token',
      STATIC_DIR: staticDir,
      DATA_DIR: freshDataDir(),
    });
    running = await startConsole(config, { logger: (line) => logs.push(line) });
  });
  afterAll(async () => {
    await running.close();
    await upstream.close();
    await rm(staticDir, { recursive: true, force: true });
  });

  it('listens on a free port and reports its upstreams without credentials', () => {
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running.upstreams).toEqual({
      rtr: `${upstream.url}/rtr`,
      hostway: `${upstream.url}/hostway`,
    });
    expect(running.sandboxUrl).toBeUndefined();
  });

  it('forwards to the configured upstreams with their credentials', async () => {
    const a = await fetch(`${running.url}/api/rtr/v2/processes/46069000`);
    const b = await fetch(
      `${running.url}/api/hostway/accounts/acct12345/domains/transfers/test.com`,
    );
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(upstream.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/rtr/v2/processes/46069000', 'ApiKey main-test-key'],
      ['/hostway/accounts/acct12345/domains/transfers/test.com', 'Bearer main-test-token'],
    ]);
  });

  it('serves the SPA for deep links', async () => {
    const res = await fetch(`${running.url}/transfers/acct12345/test.com`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Console</title>');
    expect(logs.at(-1)).toMatch(/^GET \/transfers\/acct12345\/test\.com 200 \d+ms$/);
  });

  it('close() can be called twice', async () => {
    const config = loadConfig({
      PORT: '0',
      RTR_API_URL: upstream.url,
      RTR_API_KEY: 'rtr-key-12345',
      HOSTWAY_API_URL: upstream.url,
      HOSTWAY_AUTHORIZATION: 'Bearer hw-token-12345',
      DATA_DIR: freshDataDir(),
    });
    const other = await startConsole(config, { logger: () => {} });
    await Promise.all([other.close(), other.close()]);
    await expect(fetch(`${other.url}/`)).rejects.toThrow();
  });

  it('fails clearly when the port is taken', async () => {
    const port = new URL(running.url).port;
    const config = loadConfig({
      PORT: port,
      RTR_API_URL: upstream.url,
      RTR_API_KEY: 'rtr-key-12345',
      HOSTWAY_API_URL: upstream.url,
      HOSTWAY_AUTHORIZATION: 'Bearer hw-token-12345',
      DATA_DIR: freshDataDir(),
    });
    await expect(startConsole(config, { logger: () => {} })).rejects.toThrow(
      `Cannot listen on 127.0.0.1:${port}: EADDRINUSE`,
    );
  });
});

describe('startConsole with the embedded sandbox', () => {
  let running: RunningConsole;

  beforeAll(async () => {
    running = await startConsole(
      loadConfig({ PORT: '0', SANDBOX_SLOW_DELAY_MS: '1000', DATA_DIR: freshDataDir() }),
      { logger: () => {} },
    );
  });
  afterAll(async () => {
    await running?.close();
  });

  it('uses the sandbox for both APIs', async () => {
    expect(running.upstreams).toEqual({ rtr: 'sandbox', hostway: 'sandbox' });
    expect(running.sandboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
    const process = await fetch(`${running.url}/api/rtr/v2/processes/46069000`);
    expect(process.status).toBe(200);
    expect(await process.json()).toMatchObject({ id: 46069000 });
    const transfer = await fetch(
      `${running.url}/api/hostway/accounts/acct12345/domains/transfers/test.com`,
    );
    expect(transfer.status).toBe(200);
    expect(await transfer.json()).toMatchObject({ status: expect.any(Number) });
  });
});

describe('the transfer history across restarts', () => {
  const pending = {
    status: 9,
    description: 'Pending at the registry',
    statusChangeDate: '2024-05-01T10:00:00Z',
  };
  const active = { status: 14, description: 'Active', statusChangeDate: '2024-05-06T10:00:00Z' };
  let upstream: RecordingUpstream;
  let answer: unknown;

  beforeAll(async () => {
    upstream = await startRecordingUpstream();
    upstream.respond((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  afterAll(async () => {
    await upstream.close();
  });

  const start = (dataDir: string, extra: Record<string, string> = {}) =>
    startConsole(
      loadConfig({
        PORT: '0',
        RTR_API_URL: upstream.url,
        RTR_API_KEY: 'rtr-key-12345',
        HOSTWAY_API_URL: `${upstream.url}/hw`,
        HOSTWAY_AUTHORIZATION: 'Bearer restart-token',
        DATA_DIR: dataDir,
        ...extra,
      }),
      { logger: () => {} },
    );
  const history = async (running: RunningConsole) => {
    const res = await fetch(`${running.url}/api/transfers/acct12345/test.com/history`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { observations: { status: number; source: string }[] })
      .observations;
  };

  it('keeps what it saw in DATA_DIR/console.sqlite (WAL) and the watcher adds to it', async () => {
    const dataDir = join(freshDataDir(), 'nested'); // created on start
    answer = pending;
    const first = await start(dataDir);
    try {
      expect(first.historyFile).toBe(join(dataDir, 'console.sqlite'));
      expect(first.watcher.intervalS).toBe(900);
      for (let i = 0; i < 2; i++) {
        const res = await fetch(
          `${first.url}/api/hostway/accounts/acct12345/domains/transfers/test.com`,
        );
        expect(await res.json()).toEqual(pending);
      }
      expect(await history(first)).toMatchObject([{ status: 9, seenCount: 2, source: 'lookup' }]);
      const db = new Database(first.historyFile, { readonly: true });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
    } finally {
      await first.close();
    }

    // A new console on the same DATA_DIR: the history is still there; its watcher (off here)
    // can still be run by hand and records the change.
    answer = active;
    const second = await start(dataDir, { TRANSFER_WATCH_INTERVAL_S: '0' });
    try {
      expect(await history(second)).toMatchObject([{ status: 9, seenCount: 2 }]);
      upstream.requests.length = 0;
      expect(await second.watcher.runOnce()).toMatchObject({ checked: 1, changed: 1 });
      expect(upstream.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
        ['/hw/accounts/acct12345/domains/transfers/test.com', 'Bearer restart-token'],
      ]);
      expect(await history(second)).toMatchObject([
        { status: 9, source: 'lookup' },
        { status: 14, source: 'watcher' },
      ]);
    } finally {
      await second.close();
    }

    // Final now: re-checked no longer once WATCH_FINAL_KEEP_H has passed (0 here).
    const third = await start(dataDir, { WATCH_FINAL_KEEP_H: '0' });
    try {
      expect((await history(third)).map((o) => o.status)).toEqual([9, 14]);
      expect(await third.watcher.runOnce()).toMatchObject({ checked: 0 });
    } finally {
      await third.close();
    }
  });

  it('fails clearly when DATA_DIR cannot be used', async () => {
    const file = join(dataRoot, 'a-file');
    await writeFile(file, 'not a directory');
    await expect(start(join(file, 'data'))).rejects.toThrow(
      /^Cannot open the transfer history database .*a-file.*console\.sqlite: /,
    );
  });
});

describe('startBanner', () => {
  const running = {
    url: 'http://127.0.0.1:8080',
    upstreams: { rtr: 'sandbox', hostway: 'https://api.hostway.com' },
    sandboxUrl: 'http://127.0.0.1:9999',
    historyFile: '/var/lib/console/console.sqlite',
    signIn: ['  Sign-in:               none (AUTH_MODE=none; loopback only)'],
  } as RunningConsole;

  it('names the history database, the watcher interval and the concurrency limit', () => {
    const banner = startBanner(running, { transferWatchIntervalS: 900, transferConcurrency: 6 });
    expect(banner).toContain('Registrar Console: http://127.0.0.1:8080');
    expect(banner).toContain('Realtime Register API: built-in sandbox (http://127.0.0.1:9999)');
    expect(banner).toContain('https://api.hostway.com, at most 6 request(s) at once');
    expect(banner).toContain('Transfer history:      /var/lib/console/console.sqlite');
    expect(banner).toContain(
      'Transfer watcher:      re-checks unfinished transfers every 900 s (15 min)',
    );
    expect(banner).toContain('Sign-in:               none (AUTH_MODE=none; loopback only)');
  });

  it('links to PUBLIC_URL when it is set, and says where it listens', () => {
    const banner = startBanner(running, {
      transferWatchIntervalS: 900,
      transferConcurrency: 6,
      publicOrigin: 'https://console.example.com',
    });
    expect(banner).toContain(
      'Registrar Console: https://console.example.com (listening on http://127.0.0.1:8080)',
    );
    const everywhere = startBanner(running, {
      transferWatchIntervalS: 900,
      transferConcurrency: 6,
      publicOrigin: 'https://console.example.com',
      host: '0.0.0.0',
    });
    expect(everywhere).toContain(
      'Registrar Console: https://console.example.com (listening on every address, port 8080)',
    );
    const links = banner.match(/https?:\/\/[^\s)]+\/(?:processes|transfers)\/\S+/g);
    expect(links).toEqual([
      'https://console.example.com/processes/46069000',
      'https://console.example.com/processes/1000003',
      'https://console.example.com/transfers/acct12345/test.com',
      'https://console.example.com/transfers/acct12345/moving-1.com',
    ]);
  });

  it('links to the listening address without PUBLIC_URL', () => {
    const banner = startBanner(running, { transferWatchIntervalS: 900, transferConcurrency: 6 });
    expect(banner).toContain('Registrar Console: http://127.0.0.1:8080\n');
    expect(banner).toContain('    http://127.0.0.1:8080/processes/46069000\n');
  });

  it('names the webhook addresses without their paths, and whether they are signed', () => {
    const config = { transferWatchIntervalS: 0, transferConcurrency: 1 };
    const urls = ['https://hooks.slack.com/services/T0/B0/XyZ', 'http://127.0.0.1:9999/hook'];
    const banner = startBanner(running, {
      ...config,
      webhooks: { urls, secret: 'webhook-secret-0123' },
    });
    expect(banner).toContain(
      'Webhooks:              every status change to https://hooks.slack.com/…, http://127.0.0.1:9999/…, signed (X-Console-Signature)',
    );
    expect(banner).not.toContain('XyZ');
    expect(banner).not.toContain('webhook-secret');
    expect(
      startBanner(running, { ...config, webhooks: { urls: [], secret: undefined } }),
    ).toContain('Webhooks:              off (NOTIFY_WEBHOOK_URLS is not set)');
  });

  it.each([
    [0, 'Transfer watcher:      off (TRANSFER_WATCH_INTERVAL_S=0)'],
    [30, 'every 30 s\n'],
    [3725, 'every 3725 s (1 h 2 min 5 s)'],
  ])('describes an interval of %i s', (interval, text) => {
    expect(
      startBanner(running, { transferWatchIntervalS: interval, transferConcurrency: 1 }),
    ).toContain(text);
  });
});

describe('main.ts as a program', () => {
  it('prints every configuration problem to stderr and exits 1', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'main.ts')], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        PORT: 'abc',
        RTR_API_URL: 'https://api.yoursrs.com',
        HOSTWAY_AUTHORIZATION: 'Bearer must-not-be-printed',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration:');
    expect(stderr).toContain('PORT must be an integer');
    expect(stderr).toContain('RTR_API_URL is set but RTR_API_KEY is not');
    expect(stderr + stdout).not.toContain('must-not-be-printed');
  }, 20_000);

  it('stops with exit 1 when DATABASE_URL cannot be used, showing the URL without its password', async () => {
    const run = async (databaseUrl: string) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'main.ts')], {
        cwd: root,
        env: { PATH: process.env.PATH, PORT: '0', DATABASE_URL: databaseUrl },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      return { code, output };
    };
    // Nothing listens on port 1.
    const unreachable = await run(
      'postgres://console:pa55-must-not-be-printed@127.0.0.1:1/console',
    );
    expect(unreachable.code).toBe(1);
    expect(unreachable.output).toContain(
      'Cannot open the database postgres://console@127.0.0.1:1/console: nothing listens there',
    );
    expect(unreachable.output).not.toContain('pa55-must-not-be-printed');
    const malformed = await run('mysql://console:pa55-must-not-be-printed@db/console');
    expect(malformed.code).toBe(1);
    expect(malformed.output).toContain('DATABASE_URL must be a postgres:// (or postgresql://) URL');
    expect(malformed.output).not.toContain('pa55-must-not-be-printed');
  }, 30_000);
});
