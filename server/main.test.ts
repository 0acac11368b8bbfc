// @vitest-environment node
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { startConsole, type RunningConsole } from './main.ts';
import { startRecordingUpstream, type RecordingUpstream } from './test-support.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

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
      RTR_API_KEY: 'k',
      HOSTWAY_API_URL: upstream.url,
      HOSTWAY_AUTHORIZATION: 'a',
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
      RTR_API_KEY: 'k',
      HOSTWAY_API_URL: upstream.url,
      HOSTWAY_AUTHORIZATION: 'a',
    });
    await expect(startConsole(config, { logger: () => {} })).rejects.toThrow(
      `Cannot listen on 127.0.0.1:${port}: EADDRINUSE`,
    );
  });
});

describe('startConsole with the embedded sandbox', () => {
  let running: RunningConsole;

  beforeAll(async () => {
    running = await startConsole(loadConfig({ PORT: '0', SANDBOX_SLOW_DELAY_MS: '1000' }), {
      logger: () => {},
    });
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
});
