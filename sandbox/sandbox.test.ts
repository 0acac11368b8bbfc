// @vitest-environment node
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxApp } from './app.ts';
import { createClock } from './clock.ts';
import { processFixtures } from './fixtures/processes.ts';
import { transferCatalogue } from './fixtures/transfers.ts';
import { escapeHtml, JSON_CONTENT_TYPE } from './http.ts';
import { DEV_OIDC_USERS } from './oidc-users.ts';
import { SANDBOX_HOSTWAY_AUTHORIZATION, SANDBOX_RTR_API_KEY, startSandbox } from './server.ts';
import { HOSTWAY_AUTH, RTR_AUTH, startTestSandbox, type TestSandbox } from './test-support.ts';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

describe('startSandbox', () => {
  it('listens on an ephemeral loopback port and derives the base URLs', () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.rtrUrl).toBe(`${sandbox.url}/rtr`);
    expect(sandbox.hostwayUrl).toBe(`${sandbox.url}/hostway`);
  });

  it('exports the default credentials', () => {
    expect(SANDBOX_RTR_API_KEY).toBe('sandbox-rtr-key');
    expect(SANDBOX_HOSTWAY_AUTHORIZATION).toBe('Bearer sandbox-hostway-token');
  });

  it('works with no options at all', async () => {
    const s = await startSandbox();
    try {
      const res = await fetch(`${s.rtrUrl}/v2/processes/1000004`, { headers: RTR_AUTH });
      expect(res.status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('close() is prompt with keep-alive and in-flight slow requests, and idempotent', async () => {
    const s = await startTestSandbox({ slowDelayMs: 20_000 });
    expect((await s.rtr('/v2/processes/1000004')).status).toBe(200); // leaves a keep-alive socket
    const pending = s.transfer('slow-registry.com');
    pending.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 30));
    const started = performance.now();
    await Promise.all([s.close(), s.close()]);
    expect(performance.now() - started).toBeLessThan(500);
    await expect(pending).rejects.toThrow();
    await expect(fetch(`${s.url}/`)).rejects.toThrow();
  });

  it('reports a port that is already taken', async () => {
    const port = Number(new URL(sandbox.url).port);
    await expect(startSandbox({ port })).rejects.toThrow(/EADDRINUSE/);
  });
});

describe('latency', () => {
  it('delays every API response by latencyMs, but not the index page', async () => {
    const slow = await startTestSandbox({ latencyMs: 60 });
    try {
      for (const call of [
        () => slow.rtr('/v2/processes/1000004'),
        () => slow.transfer('test.com'),
        () => fetch(`${slow.rtrUrl}/v2/processes/1`), // even a 401
      ]) {
        const started = performance.now();
        await (await call()).arrayBuffer();
        expect(performance.now() - started).toBeGreaterThanOrEqual(55);
      }
      const started = performance.now();
      await (await fetch(`${slow.url}/`)).text();
      expect(performance.now() - started).toBeLessThan(55);
    } finally {
      await slow.close();
    }
  });
});

describe('content type', () => {
  it('is application/json; charset=UTF-8 on API responses, absent on the bare 404', async () => {
    for (const res of [
      await sandbox.rtr('/v2/processes/1000001'),
      await sandbox.rtr('/v2/processes/500001'),
      await sandbox.rtr('/v2/processes?limit=1'),
      await sandbox.transfer('active.com'),
      await sandbox.transfer('registry-failure.com'),
      await sandbox.transfer('whatever.com'),
    ]) {
      expect(res.headers.get('content-type')).toBe(JSON_CONTENT_TYPE);
    }
    const bare = await sandbox.rtr('/v2/processes/404000');
    expect(bare.headers.get('content-type')).toBeNull();
  });
});

describe('index page', () => {
  let html = '';
  beforeAll(async () => {
    const res = await fetch(`${sandbox.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    html = await res.text();
  });

  it('lists every process id and every transfer domain with its summary', () => {
    for (const [id, fixture] of processFixtures) {
      expect(html).toContain(`<code>${id}</code>`);
      expect(html).toContain(escapeHtml(fixture.summary));
    }
    for (const t of transferCatalogue) {
      expect(html).toContain(`<code>${escapeHtml(t.domain)}</code>`);
      expect(html).toContain(escapeHtml(t.summary));
    }
  });

  it('lists how long each lifecycle step lasts and when it begins', () => {
    expect(html).toContain('<td>7 <code>CONFIRM_PEND</code></td><td>30 min</td><td>6 h</td>');
    expect(html).toContain('<td>14 <code>ACTIVE</code></td><td>22 h</td><td>for ever</td>');
  });

  it('escapes what it shows', () => {
    expect(html).toContain('moving-&lt;anything&gt;.com');
    expect(html).not.toContain('<anything>');
    expect(html).toContain('&quot;yesterday&quot;');
  });

  it('lists the development OpenID provider’s test users', () => {
    expect(html).toContain('development OpenID provider');
    for (const u of DEV_OIDC_USERS) {
      expect(html).toContain(`<code>${u.email}</code>`);
      expect(html).toContain(`<code>${u.password}</code>`);
    }
  });

  it('shows the base URLs and the default credentials', () => {
    expect(html).toContain(sandbox.rtrUrl);
    expect(html).toContain(sandbox.hostwayUrl);
    expect(html).toContain('ApiKey sandbox-rtr-key');
    expect(html).toContain('Bearer sandbox-hostway-token');
  });

  it('does not show custom credentials', async () => {
    const app = createSandboxApp({
      rtrApiKey: 'secret-key',
      hostwayAuthorization: 'Bearer secret-token',
      clock: createClock(),
    });
    const page = await (await app.request('http://sandbox.test/')).text();
    expect(page).not.toContain('secret-key');
    expect(page).not.toContain('secret-token');
  });

  it('is escaped with respect to a hostile Host header', async () => {
    const app = createSandboxApp({
      rtrApiKey: SANDBOX_RTR_API_KEY,
      hostwayAuthorization: SANDBOX_HOSTWAY_AUTHORIZATION,
      clock: createClock(),
    });
    const page = await (await app.request('http://a"b/')).text();
    expect(page).not.toContain('a"b');
  });

  it('has a JSON twin and a health check', async () => {
    const res = await fetch(`${sandbox.url}/catalogue.json`);
    expect(res.headers.get('content-type')).toBe(JSON_CONTENT_TYPE);
    const catalogue = (await res.json()) as { processes: { id: number }[]; transfers: unknown[] };
    expect(catalogue.processes.map((p) => p.id)).toEqual([...processFixtures.keys()]);
    expect(catalogue.transfers).toHaveLength(transferCatalogue.length);
    expect(await (await fetch(`${sandbox.url}/healthz`)).json()).toEqual({ ok: true });
  });
});

describe('README', () => {
  it('documents every fixture', async () => {
    const readme = await readFile(new URL('./README.md', import.meta.url), 'utf8');
    for (const id of processFixtures.keys()) expect(readme).toContain(`\`${id}\``);
    for (const t of transferCatalogue) {
      if (t.domain !== 'anything else') expect(readme).toContain(`\`${t.domain}\``);
    }
  });
});

describe('shared credentials', () => {
  it('do not cross APIs', async () => {
    const rtrWithHostwayAuth = await fetch(`${sandbox.rtrUrl}/v2/processes/1000004`, {
      headers: HOSTWAY_AUTH,
    });
    expect(rtrWithHostwayAuth.status).toBe(401);
    expect((await sandbox.transfer('test.com', { headers: RTR_AUTH })).status).toBe(401);
  });
});
