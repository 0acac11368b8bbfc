// @vitest-environment node
// AUTH_MODE and its variables (server/config.ts): every bad or missing setting stops the start
// with a message naming the variable, and never echoes a secret.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, isLoopbackHost, loadConfig } from './config.ts';
import { closedPort, startRecordingUpstream } from './test-support.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

const SECRET = 'x'.repeat(32);
const OIDC = {
  AUTH_MODE: 'oidc',
  OIDC_ISSUER_URL: 'https://id.example.com/realms/ops',
  OIDC_CLIENT_ID: 'registrar-console',
  OIDC_CLIENT_SECRET: 'client-SECRET-value-789',
  PUBLIC_URL: 'https://console.example.com',
  SESSION_SECRET: 'session-SECRET-value-0123456789abcdef',
};

describe('AUTH_MODE=none (the default)', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST'])(
    'listens on the loopback address %s',
    (host) => {
      expect(loadConfig({ HOST: host }).auth).toEqual({ mode: 'none' });
    },
  );

  it.each(['0.0.0.0', '::', '192.168.1.5', '10.0.0.1', 'console.example.com', '128.0.0.1', '::2'])(
    'refuses to listen on %s, naming AUTH_MODE',
    (host) => {
      const message = problems({ HOST: host });
      expect(message).toContain('AUTH_MODE is none');
      expect(message).toContain(`HOST is ${JSON.stringify(host)}`);
      expect(message).toContain('AUTH_MODE=oidc or AUTH_MODE=proxy');
    },
  );

  it('says which sign-in settings it ignores', () => {
    expect(
      loadConfig({ OIDC_ISSUER_URL: 'https://id.example.com', TRUSTED_PROXIES: '10.0.0.1' })
        .warnings,
    ).toEqual([
      'OIDC_ISSUER_URL is set but AUTH_MODE is none: ignored',
      'TRUSTED_PROXIES is set but AUTH_MODE is none: ignored',
    ]);
  });

  it('refuses an unknown AUTH_MODE', () => {
    expect(problems({ AUTH_MODE: 'open' })).toContain(
      'AUTH_MODE must be none, oidc or proxy (got "open")',
    );
  });

  it('knows loopback when it sees it', () => {
    expect(isLoopbackHost('127.255.255.254')).toBe(true);
    expect(isLoopbackHost('0:0:0:0:0:0:0:1')).toBe(true);
    expect(isLoopbackHost('localhost.example.com')).toBe(false);
    expect(isLoopbackHost('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackHost('::ffff:10.0.0.1')).toBe(false);
  });
});

describe('AUTH_MODE=oidc with a provider', () => {
  it('reads the provider, the session and the lists', () => {
    const config = loadConfig({
      ...OIDC,
      HOST: '0.0.0.0',
      SESSION_MAX_AGE_H: '8',
      AUTH_ALLOWED_EMAILS: 'Partner@Else.example',
      AUTH_ALLOWED_DOMAINS: 'Example.com',
      AUTH_ADMINS: 'Alice@Example.com, bob@example.com',
    });
    expect(config.publicOrigin).toBe('https://console.example.com');
    expect(config.auth).toEqual({
      mode: 'oidc',
      issuer: {
        kind: 'external',
        url: 'https://id.example.com/realms/ops',
        clientId: 'registrar-console',
        clientSecret: 'client-SECRET-value-789',
      },
      sessionSecret: 'session-SECRET-value-0123456789abcdef',
      sessionMaxAgeH: 8,
      access: {
        allowedEmails: ['partner@else.example'],
        allowedDomains: ['example.com'],
        admins: ['alice@example.com', 'bob@example.com'],
      },
    });
    expect(config.warnings).toEqual([]);
  });

  it('defaults SESSION_MAX_AGE_H to 12 and the lists to empty', () => {
    expect(loadConfig(OIDC).auth).toMatchObject({
      sessionMaxAgeH: 12,
      access: { allowedEmails: [], allowedDomains: [], admins: [] },
    });
  });

  it.each(['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'PUBLIC_URL', 'SESSION_SECRET'])(
    'needs %s',
    (key) => {
      const env: Record<string, string> = { ...OIDC };
      delete env[key];
      expect(problems(env)).toContain(`${key} is required with AUTH_MODE=oidc and OIDC_ISSUER_URL`);
    },
  );

  it.each([
    ['SESSION_SECRET', 'x'.repeat(31), /SESSION_SECRET must be at least 32 characters long/],
    [
      'SESSION_MAX_AGE_H',
      '0',
      /SESSION_MAX_AGE_H must be a whole number of hours from 1 to 720 \(got "0"\)/,
    ],
    ['SESSION_MAX_AGE_H', '1.5', /SESSION_MAX_AGE_H must be a whole number/],
    ['SESSION_MAX_AGE_H', '721', /SESSION_MAX_AGE_H must be/],
    ['OIDC_ISSUER_URL', 'id.example.com', /OIDC_ISSUER_URL must be an absolute/],
    ['OIDC_ISSUER_URL', 'https://id.example.com/?x=1', /OIDC_ISSUER_URL must not contain a query/],
    ['OIDC_CLIENT_SECRET', 'short', /OIDC_CLIENT_SECRET must be at least 8 characters/],
    [
      'AUTH_ALLOWED_EMAILS',
      'alice',
      /AUTH_ALLOWED_EMAILS must be a comma-separated list of e-mail addresses.*"alice"/,
    ],
    [
      'AUTH_ALLOWED_DOMAINS',
      '*.example.com',
      /AUTH_ALLOWED_DOMAINS must be a comma-separated list of domain names.*"\*\.example\.com"/,
    ],
    ['AUTH_ALLOWED_DOMAINS', 'localhost', /AUTH_ALLOWED_DOMAINS must be/],
    [
      'AUTH_ADMINS',
      'alice@example.com;bob@example.com',
      /AUTH_ADMINS must be a comma-separated list/,
    ],
  ])('refuses %s=%j', (key, value, expected) => {
    expect(problems({ ...OIDC, [key]: value })).toMatch(expected);
  });

  it('never echoes a secret', () => {
    const message = problems({
      ...OIDC,
      OIDC_CLIENT_SECRET: 'has spaces hunter2',
      SESSION_SECRET: 'short-hunter3',
    });
    expect(message).toContain('OIDC_CLIENT_SECRET must be printable ASCII');
    expect(message).toContain('SESSION_SECRET must be at least 32');
    expect(message).not.toContain('hunter');
  });

  it('warns about an http:// provider elsewhere', () => {
    expect(loadConfig({ ...OIDC, OIDC_ISSUER_URL: 'http://id.example.com' }).warnings).toContain(
      'OIDC_ISSUER_URL uses http://: tokens travel unencrypted; use https://',
    );
    expect(loadConfig({ ...OIDC, OIDC_ISSUER_URL: 'http://127.0.0.1:9000' }).warnings).toEqual([]);
  });
});

describe('AUTH_MODE=oidc without a provider: the development provider', () => {
  it('runs when both APIs are the sandbox, with alice as the admin', () => {
    const config = loadConfig({ AUTH_MODE: 'oidc', RTR_API_KEY: 'ignored-key-123' });
    expect(config.auth).toEqual({
      mode: 'oidc',
      issuer: { kind: 'development' },
      sessionSecret: undefined,
      sessionMaxAgeH: 12,
      access: { allowedEmails: [], allowedDomains: [], admins: ['alice@example.com'] },
    });
  });

  it('takes AUTH_ADMINS, the allow-lists and SESSION_SECRET as given', () => {
    expect(
      loadConfig({
        AUTH_MODE: 'oidc',
        AUTH_ADMINS: 'bob@example.com',
        AUTH_ALLOWED_DOMAINS: 'example.com',
        SESSION_SECRET: SECRET,
      }).auth,
    ).toMatchObject({
      sessionSecret: SECRET,
      access: { allowedEmails: [], allowedDomains: ['example.com'], admins: ['bob@example.com'] },
    });
  });

  it.each([
    [{ RTR_API_URL: 'https://api.yoursrs.com', RTR_API_KEY: 'rtr-key-12345' }, 'RTR_API_URL'],
    [
      { HOSTWAY_API_URL: 'https://api.hostway.com', HOSTWAY_AUTHORIZATION: 'Bearer hw-12345678' },
      'HOSTWAY_API_URL',
    ],
  ])('never guards a real upstream (%o)', (env, key) => {
    const message = problems({ AUTH_MODE: 'oidc', ...env });
    expect(message).toContain(`OIDC_ISSUER_URL is required with AUTH_MODE=oidc when ${key} is set`);
  });

  it('needs PUBLIC_URL to listen beyond loopback', () => {
    expect(problems({ AUTH_MODE: 'oidc', HOST: '0.0.0.0' })).toContain(
      'PUBLIC_URL is required with AUTH_MODE=oidc when HOST is not loopback (HOST is "0.0.0.0")',
    );
    expect(
      loadConfig({
        AUTH_MODE: 'oidc',
        HOST: '0.0.0.0',
        PUBLIC_URL: 'http://console.lan:8080',
        SESSION_SECRET: SECRET,
      }).auth.mode,
    ).toBe('oidc');
  });

  it('refuses client credentials without their provider', () => {
    const message = problems({
      AUTH_MODE: 'oidc',
      OIDC_CLIENT_ID: 'c',
      OIDC_CLIENT_SECRET: 'abcdefgh',
    });
    expect(message).toContain('OIDC_CLIENT_ID is set but OIDC_ISSUER_URL is not');
    expect(message).toContain('OIDC_CLIENT_SECRET is set but OIDC_ISSUER_URL is not');
  });
});

describe('AUTH_MODE=proxy', () => {
  it('defaults the header to X-Forwarded-Email and listens anywhere', () => {
    expect(
      loadConfig({ AUTH_MODE: 'proxy', HOST: '0.0.0.0', TRUSTED_PROXIES: '10.0.0.1' }).auth,
    ).toEqual({
      mode: 'proxy',
      header: 'x-forwarded-email',
      trustedProxies: [{ address: '10.0.0.1', family: 'ipv4', prefix: undefined }],
      access: { allowedEmails: [], allowedDomains: [], admins: [] },
    });
  });

  it('needs TRUSTED_PROXIES', () => {
    expect(problems({ AUTH_MODE: 'proxy' })).toContain(
      'TRUSTED_PROXIES is required with AUTH_MODE=proxy',
    );
    expect(problems({ AUTH_MODE: 'proxy', TRUSTED_PROXIES: ' , ' })).toContain(
      'TRUSTED_PROXIES is required with AUTH_MODE=proxy',
    );
  });

  it.each([
    ['example.com', /"example\.com" is not an IP address or CIDR block/],
    [
      '10.0.0.0/33',
      /"10\.0\.0\.0\/33" has a prefix length that is not a whole number from 0 to 32/,
    ],
    ['::1/129', /from 0 to 128/],
    ['10.0.0.0/8/8', /is not an IP address or CIDR block/],
    ['10.0.0.0/', /has a prefix length/],
    ['*', /"\*" is not an IP address/],
    ['10.0.0.01', /is not an IP address/],
  ])('refuses TRUSTED_PROXIES=%j', (value, expected) => {
    const message = problems({ AUTH_MODE: 'proxy', TRUSTED_PROXIES: `127.0.0.1,${value}` });
    expect(message).toContain('TRUSTED_PROXIES must list IP addresses or CIDR blocks');
    expect(message).toMatch(expected);
  });

  it.each([
    ['0.0.0.0/0', 'trusts every address'],
    ['::/0', 'trusts every address'],
    ['10.0.0.0/0', 'trusts every address'],
    ['::ffff:0:0/96', 'trusts every IPv4 address'],
    ['::/64', 'trusts every IPv4 address'],
  ])('refuses TRUSTED_PROXIES=%j, which trusts everyone, at start', (value, why) => {
    const message = problems({
      AUTH_MODE: 'proxy',
      HOST: '0.0.0.0',
      TRUSTED_PROXIES: `127.0.0.1,${value}`,
    });
    expect(message).toContain(
      `TRUSTED_PROXIES must list only the reverse proxy's own addresses: ${JSON.stringify(value)} ${why}, so any client could name itself in the user header`,
    );
  });

  it.each(['0.0.0.0/1', '10.0.0.0/8', '::1/128', 'fd00::/8', '::ffff:10.0.0.0/104'])(
    'accepts TRUSTED_PROXIES=%j (a block, not everyone)',
    (value) => {
      expect(loadConfig({ AUTH_MODE: 'proxy', TRUSTED_PROXIES: value }).auth.mode).toBe('proxy');
    },
  );

  it('refuses a header name that is not one', () => {
    expect(
      problems({ AUTH_MODE: 'proxy', TRUSTED_PROXIES: '::1', AUTH_PROXY_HEADER: 'X Email' }),
    ).toContain('AUTH_PROXY_HEADER must be an HTTP header name');
  });
});

describe('npm start with a bad auth setting', () => {
  it.each(['0.0.0.0', '::'])(
    'exits 1 naming AUTH_MODE when HOST=%s without sign-in, and nothing reaches the upstream',
    async (host) => {
      // Both APIs at a recording upstream (not the sandbox): whatever the console would forward
      // ends up there. While the program runs, a client keeps asking its port for an API path.
      const upstream = await startRecordingUpstream();
      const port = await closedPort();
      const dataDir = await mkdtemp(join(tmpdir(), 'console-refusal-'));
      try {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', join(root, 'server', 'main.ts')],
          {
            cwd: root,
            env: {
              PATH: process.env.PATH,
              HOST: host,
              PORT: String(port),
              RTR_API_URL: `${upstream.url}/rtr`,
              RTR_API_KEY: 'refusal-test-rtr-key-123',
              HOSTWAY_API_URL: `${upstream.url}/hw`,
              HOSTWAY_AUTHORIZATION: 'Bearer refusal-test-hostway-token',
              DATA_DIR: dataDir,
            },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let stderr = '';
        let stdout = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        let exited = false;
        const closed = new Promise<number | null>((resolve) =>
          child.on('close', (code) => {
            exited = true;
            resolve(code);
          }),
        );
        // A console that did start is stopped after a while, and the assertions below say why.
        const deadline = Date.now() + 10_000;
        const answered: number[] = [];
        while (!exited && Date.now() < deadline) {
          const res = await fetch(`http://127.0.0.1:${port}/api/rtr/v2/processes/46069000`).catch(
            () => undefined,
          );
          if (res) answered.push(res.status);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        if (!exited) child.kill();
        const code = await closed;
        // Nothing it was asked reached either API, and it never answered (never listened).
        expect(upstream.requests).toEqual([]);
        expect(answered).toEqual([]);
        expect(code).toBe(1);
        expect(stderr).toContain('Invalid configuration:');
        expect(stderr).toContain('AUTH_MODE is none');
        expect(stderr).toContain(`HOST is ${JSON.stringify(host)}`);
        expect(stdout).not.toContain('Registrar Console:');
      } finally {
        await upstream.close();
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    20_000,
  );
});
