// @vitest-environment node
// `npm start` with AUTH_MODE=oidc and no provider: startConsole mounts the development provider
// on the console's own origin. A browser that reaches the console only by PUBLIC_URL's name
// (which this machine cannot resolve: the console's calls to its provider must not need it)
// signs in and reads the sandbox.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { startBanner, startConsole, type RunningConsole } from '../main.ts';
import { closedPort } from '../test-support.ts';
import { INDEX_HTML, signIn, TestBrowser } from './test-support.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'console-sign-in-main-'));
  await writeFile(join(root, 'index.html'), INDEX_HTML);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('HOST=0.0.0.0 with PUBLIC_URL and the development provider', () => {
  let running: RunningConsole;
  let port: number;
  let publicUrl: string;
  let banner: string;

  beforeAll(async () => {
    port = await closedPort();
    publicUrl = `http://console.invalid:${port}`;
    const config = loadConfig({
      AUTH_MODE: 'oidc',
      HOST: '0.0.0.0',
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      SESSION_SECRET: 'main-test-SESSION-secret-0123456789abc',
      DATA_DIR: join(root, 'data-1'),
      STATIC_DIR: root,
      TRANSFER_WATCH_INTERVAL_S: '0',
    });
    running = await startConsole(config, { logger: () => {} });
    banner = startBanner(running, config);
  }, 30_000);
  afterAll(() => running.close());

  it('prints how to sign in', () => {
    expect(banner).toContain('the DEVELOPMENT OpenID provider');
    expect(banner).toContain(
      `open ${publicUrl}/ and sign in as one of: alice@example.com / alice, bob@example.com / bob, mallory@evil.example / mallory`,
    );
    expect(banner).toContain('admins (AUTH_ADMINS): alice@example.com');
    // Every link is PUBLIC_URL's, none the listening address's.
    // Bound to 0.0.0.0: every address, not only the loopback one running.url names.
    expect(banner).toContain(
      `Registrar Console: ${publicUrl} (listening on every address, port ${new URL(running.url).port})`,
    );
    expect(banner).toContain(`    ${publicUrl}/processes/46069000\n`);
    expect(banner).not.toContain(`${running.url}/`);
    expect(banner).not.toContain('SESSION_SECRET is not set');
    expect(banner).not.toContain('main-test-SESSION-secret');
  });

  it('a browser on another host signs in from a deep link and reads the sandbox', async () => {
    const browser = new TestBrowser({ connectTo: { host: '127.0.0.1', port } });
    try {
      const cold = await browser.request(`${publicUrl}/api/rtr/v2/processes/46069000`);
      expect(cold.status).toBe(401);
      const page = await signIn(
        browser,
        `${publicUrl}/processes/46069000`,
        'alice@example.com',
        'alice',
      );
      expect(page.url).toBe(`${publicUrl}/processes/46069000`);
      expect(page.text).toBe(INDEX_HTML);
      expect(page.visited.every((url) => url.startsWith(publicUrl))).toBe(true);
      const api = await browser.request(`${publicUrl}/api/rtr/v2/processes/46069000`);
      expect(api.status).toBe(200);
      expect(((await api.json()) as { id: number }).id).toBe(46069000);
    } finally {
      await browser.close();
    }
  }, 30_000);
});

describe('the development provider without PUBLIC_URL', () => {
  let running: RunningConsole;

  beforeAll(async () => {
    running = await startConsole(
      loadConfig({
        AUTH_MODE: 'oidc',
        PORT: '0',
        DATA_DIR: join(root, 'data-2'),
        STATIC_DIR: root,
        TRANSFER_WATCH_INTERVAL_S: '0',
      }),
      { logger: () => {} },
    );
  }, 30_000);
  afterAll(() => running.close());

  it('says sessions end at restart (SESSION_SECRET was made for this run)', () => {
    expect(running.signIn.join('\n')).toContain(
      'SESSION_SECRET is not set: a new one was made for this run, so sessions end when the console restarts',
    );
  });

  it('a sign-in started at localhost moves to the console’s URL first, and lands there', async () => {
    const { port } = new URL(running.url);
    const browser = new TestBrowser();
    const page = await signIn(
      browser,
      `http://localhost:${port}/processes/1000003`,
      'bob@example.com',
      'bob',
    );
    expect(page.status).toBe(200);
    expect(page.url).toBe(`${running.url}/processes/1000003`);
  }, 30_000);
});
