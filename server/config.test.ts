// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sandboxEnvSchema } from '../sandbox/config.ts';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config.ts';

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('reads the watch rules and STUCK_AFTER, and names a bad STUCK_AFTER', () => {
    const config = loadConfig({
      WATCH_FINAL_KEEP_H: '48',
      WATCH_MAX_NOT_FOUND: '5',
      STUCK_AFTER: 'approval=3d, registry=36h',
    });
    expect(config).toMatchObject({
      watchFinalKeepH: 48,
      watchMaxNotFound: 5,
      stuckAfter: {
        approval: 3 * 86_400_000,
        registry: 36 * 3_600_000,
        eligibility: 3 * 86_400_000,
      },
    });
    expect(() => loadConfig({ STUCK_AFTER: 'aproval=3d' })).toThrow(
      /STUCK_AFTER names the phase "aproval", which is not one of eligibility, approval, registry, unknown \(got "aproval=3d"\)/,
    );
    expect(() => loadConfig({ STUCK_AFTER: 'approval=3w' })).toThrow(
      /STUCK_AFTER has "approval=3w"/,
    );
    expect(() => loadConfig({ WATCH_MAX_NOT_FOUND: '0' })).toThrow(/WATCH_MAX_NOT_FOUND must be/);
  });

  it('has sensible defaults: everything from the sandbox', () => {
    expect(loadConfig({})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      allowedHosts: [],
      publicOrigin: undefined,
      rtr: undefined,
      hostway: undefined,
      dataDir: './data',
      upstreamTimeoutMs: 15000,
      transferWatchIntervalS: 900,
      transferConcurrency: 6,
      watchFinalKeepH: 24,
      watchMaxNotFound: 3,
      stuckAfter: {
        eligibility: 3 * 86_400_000,
        approval: 5 * 86_400_000,
        registry: 7 * 86_400_000,
        unknown: 7 * 86_400_000,
      },
      rtrConcurrency: 8,
      upstreamQueueMax: 100,
      upstreamMaxBytes: 5 * 1024 * 1024,
      staticDir: './dist',
      sandbox: { timeScale: 1, epoch: undefined, latencyMs: 0, slowDelayMs: 30000 },
      logFormat: undefined,
      metricsToken: undefined,
      trustProxy: false,
      auditRetentionDays: 400,
      auth: { mode: 'none' },
      webhooks: { urls: [], secret: undefined },
      warnings: [],
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '3000',
      HOST: '0.0.0.0',
      ALLOWED_HOSTS: 'console.internal',
      PUBLIC_URL: 'https://console.example.com/',
      RTR_API_URL: 'https://api.yoursrs-ote.com/',
      RTR_API_KEY: 'abc123==',
      HOSTWAY_API_URL: 'http://hostway.internal:8443/base//',
      HOSTWAY_AUTHORIZATION: 'Bearer some token',
      DATA_DIR: '/var/lib/console',
      UPSTREAM_TIMEOUT_MS: '5000',
      TRANSFER_WATCH_INTERVAL_S: '60',
      WATCH_FINAL_KEEP_H: '2',
      WATCH_MAX_NOT_FOUND: '4',
      STUCK_AFTER: 'eligibility=1d,approval=2d,registry=3d,unknown=4d',
      TRANSFER_CONCURRENCY: '8',
      RTR_CONCURRENCY: '16',
      UPSTREAM_QUEUE_MAX: '0',
      UPSTREAM_MAX_BYTES: '1048576',
      STATIC_DIR: '/srv/dist',
      SANDBOX_TIME_SCALE: '60.5',
      SANDBOX_EPOCH: '2024-05-01T12:00:00Z',
      SANDBOX_LATENCY_MS: '25',
      SANDBOX_SLOW_DELAY_MS: '0',
      LOG_FORMAT: 'pretty',
      METRICS_TOKEN: 'metrics-token-0123456789',
      TRUST_PROXY: '1',
      AUDIT_RETENTION_DAYS: '30',
      // HOST=0.0.0.0 needs sign-in; the OIDC variables are read in the tests of their own.
      AUTH_MODE: 'proxy',
      AUTH_PROXY_HEADER: 'X-Auth-Request-Email',
      TRUSTED_PROXIES: '10.0.0.5, 10.1.0.0/16,::1',
      AUTH_ALLOWED_EMAILS: 'Ann@Partner.example',
      AUTH_ALLOWED_DOMAINS: 'example.com,@example.org',
      AUTH_ADMINS: 'root@example.com',
      NOTIFY_WEBHOOK_URLS:
        'https://hooks.example.com/services/T0/B0/abc, http://127.0.0.1:9999/hook',
      NOTIFY_WEBHOOK_SECRET: 'webhook-secret-0123',
    });
    expect(config).toEqual({
      port: 3000,
      host: '0.0.0.0',
      allowedHosts: ['console.internal', 'console.example.com'],
      publicOrigin: 'https://console.example.com',
      rtr: { url: 'https://api.yoursrs-ote.com', apiKey: 'abc123==' },
      hostway: { url: 'http://hostway.internal:8443/base', authorization: 'Bearer some token' },
      dataDir: '/var/lib/console',
      upstreamTimeoutMs: 5000,
      transferWatchIntervalS: 60,
      transferConcurrency: 8,
      watchFinalKeepH: 2,
      watchMaxNotFound: 4,
      stuckAfter: {
        eligibility: 86_400_000,
        approval: 2 * 86_400_000,
        registry: 3 * 86_400_000,
        unknown: 4 * 86_400_000,
      },
      rtrConcurrency: 16,
      upstreamQueueMax: 0,
      upstreamMaxBytes: 1048576,
      staticDir: '/srv/dist',
      sandbox: {
        timeScale: 60.5,
        epoch: new Date('2024-05-01T12:00:00Z'),
        latencyMs: 25,
        slowDelayMs: 0,
      },
      logFormat: 'pretty',
      metricsToken: 'metrics-token-0123456789',
      trustProxy: true,
      auditRetentionDays: 30,
      auth: {
        mode: 'proxy',
        header: 'x-auth-request-email',
        trustedProxies: [
          { address: '10.0.0.5', family: 'ipv4', prefix: undefined },
          { address: '10.1.0.0', family: 'ipv4', prefix: 16 },
          { address: '::1', family: 'ipv6', prefix: undefined },
        ],
        access: {
          allowedEmails: ['ann@partner.example'],
          allowedDomains: ['example.com', 'example.org'],
          admins: ['root@example.com'],
        },
      },
      webhooks: {
        urls: ['https://hooks.example.com/services/T0/B0/abc', 'http://127.0.0.1:9999/hook'],
        secret: 'webhook-secret-0123',
      },
      warnings: [],
    });
  });

  it('logs JSON under NODE_ENV=production unless LOG_FORMAT says otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).logFormat).toBe('json');
    expect(loadConfig({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(loadConfig({ NODE_ENV: 'development' }).logFormat).toBeUndefined();
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
  });

  it.each([
    ['LOG_FORMAT', 'yaml', /LOG_FORMAT must be json or pretty \(got "yaml"\)/],
    ['TRUST_PROXY', 'yes', /TRUST_PROXY must be 1 \(behind one reverse proxy\) or 0 \(got "yes"\)/],
    ['METRICS_TOKEN', 'short-token', /METRICS_TOKEN must be at least 16 characters long$/m],
    ['METRICS_TOKEN', 'has a space in it here', /METRICS_TOKEN must be printable ASCII/],
  ])('refuses %s=%s, naming the variable (never echoing a token)', (key, value, message) => {
    expect(() => loadConfig({ [key]: value })).toThrow(message);
    if (key === 'METRICS_TOKEN') {
      expect(() => loadConfig({ [key]: value })).not.toThrow(value);
    }
  });

  it('reads ALLOWED_HOSTS as a list of names, with PUBLIC_URL’s host added', () => {
    expect(
      loadConfig({
        ALLOWED_HOSTS: ' Console.Example.com , alt.internal:9000,,console.example.com.,[::2]:81',
        PUBLIC_URL: 'http://pub.example.com:8443',
      }),
    ).toMatchObject({
      allowedHosts: [
        'console.example.com',
        'alt.internal:9000',
        '[::2]:81',
        'pub.example.com:8443',
      ],
      publicOrigin: 'http://pub.example.com:8443',
    });
  });

  it.each([
    ['ALLOWED_HOSTS', '*', /ALLOWED_HOSTS must be a comma-separated list of host names.*"\*"/],
    ['ALLOWED_HOSTS', 'a.example,https://b.example', /"https:\/\/b\.example" is not one/],
    ['ALLOWED_HOSTS', 'bad name', /ALLOWED_HOSTS must be/],
    ['PUBLIC_URL', 'console.example.com', /PUBLIC_URL must be an absolute/],
    ['PUBLIC_URL', 'ftp://console.example.com', /PUBLIC_URL must use http/],
    ['PUBLIC_URL', 'https://u:p@console.example.com', /PUBLIC_URL must not contain credentials/],
    [
      'PUBLIC_URL',
      'https://console.example.com/console',
      /PUBLIC_URL must be the console's origin/,
    ],
    ['PUBLIC_URL', 'https://console.example.com/?a=1', /PUBLIC_URL must be the console's origin/],
  ])('refuses %s=%s', (key, value, message) => {
    expect(problems({ [key]: value })).toMatch(message);
  });

  it('accepts a plain date as SANDBOX_EPOCH and an offset date-time', () => {
    expect(loadConfig({ SANDBOX_EPOCH: '2024-05-01' }).sandbox.epoch).toEqual(
      new Date('2024-05-01T00:00:00Z'),
    );
    expect(loadConfig({ SANDBOX_EPOCH: '2014-03-25T11:15:11-05:00' }).sandbox.epoch).toEqual(
      new Date('2014-03-25T16:15:11Z'),
    );
  });

  it('treats empty and blank strings as unset and trims values', () => {
    const config = loadConfig({
      PORT: '',
      RTR_API_URL: '   ',
      RTR_API_KEY: '',
      HOSTWAY_API_URL: ' https://api.hostway.com ',
      HOSTWAY_AUTHORIZATION: ' Bearer x-token-1 \n',
      SANDBOX_EPOCH: '',
    });
    expect(config.port).toBe(8080);
    expect(config.rtr).toBeUndefined();
    expect(config.hostway).toEqual({
      url: 'https://api.hostway.com',
      authorization: 'Bearer x-token-1',
    });
    expect(config.sandbox.epoch).toBeUndefined();
  });

  it('keeps the audit trail AUDIT_RETENTION_DAYS days: a whole number from 1 to 36500', () => {
    expect(loadConfig({ AUDIT_RETENTION_DAYS: '36500' }).auditRetentionDays).toBe(36500);
    for (const bad of ['0', '36501', '7.5', '-1', 'a year']) {
      expect(problems({ AUDIT_RETENTION_DAYS: bad })).toContain(
        `AUDIT_RETENTION_DAYS must be a whole number of days from 1 to 36500 (got ${JSON.stringify(bad)})`,
      );
    }
  });

  it('lists every bad variable in one error', () => {
    const message = problems({
      PORT: 'abc',
      HOST: 'bad host!',
      UPSTREAM_TIMEOUT_MS: '0',
      SANDBOX_TIME_SCALE: '0',
      SANDBOX_EPOCH: 'yesterday',
      SANDBOX_LATENCY_MS: '-5',
      SANDBOX_SLOW_DELAY_MS: '1.5',
      RTR_API_URL: 'ftp://example.com',
      RTR_API_KEY: 'rtr-key-12345',
      HOSTWAY_API_URL: 'not a url',
      HOSTWAY_AUTHORIZATION: 'Bearer x-token-1',
    });
    expect(message).toMatch(/^Invalid configuration:\n/);
    expect(message).toContain('PORT must be an integer between 0 and 65535 (got "abc")');
    expect(message).toContain('HOST must be a host name or IP address');
    expect(message).toContain('UPSTREAM_TIMEOUT_MS must be a positive integer');
    expect(message).toContain('SANDBOX_TIME_SCALE must be a positive number (got "0")');
    expect(message).toContain('SANDBOX_EPOCH must be an ISO-8601 date');
    expect(message).toContain('SANDBOX_LATENCY_MS must be a non-negative integer');
    expect(message).toContain('SANDBOX_SLOW_DELAY_MS must be a non-negative integer');
    expect(message).toContain('RTR_API_URL must use http:// or https://');
    expect(message).toContain('HOSTWAY_API_URL must be an absolute http:// or https:// URL');
    expect(message.split('\n')).toHaveLength(10);
  });

  describe('credentials too short to redact', () => {
    const secret = (value: string) => Buffer.from(value).toString('base64');
    it.each([
      ['RTR_API_KEY', 'k', 'RTR_API_KEY must be at least 8 characters long'],
      ['RTR_API_KEY', '1234567', 'RTR_API_KEY must be at least 8 characters long'],
      ['HOSTWAY_AUTHORIZATION', 'Zq', 'HOSTWAY_AUTHORIZATION has a credential (after the scheme)'],
      ['HOSTWAY_AUTHORIZATION', 'Bearer abc', 'HOSTWAY_AUTHORIZATION has a credential'],
      [
        'HOSTWAY_AUTHORIZATION',
        `Basic ${secret('reseller:short')}`,
        'HOSTWAY_AUTHORIZATION has a Basic password that must be at least 8',
      ],
      [
        'HOSTWAY_AUTHORIZATION',
        'Bearer tökenlänger',
        'HOSTWAY_AUTHORIZATION must be printable ASCII',
      ],
    ])('refuses %s=%s, without echoing it', (key, value, message) => {
      const text = problems({
        RTR_API_URL: 'https://a.example',
        HOSTWAY_API_URL: 'https://b.example',
        RTR_API_KEY: 'rtr-key-12345',
        HOSTWAY_AUTHORIZATION: 'Bearer hw-token-12345',
        [key]: value,
      });
      expect(text).toContain(message);
      expect(text).not.toContain(value);
    });

    it('accepts 8 characters, and a Basic credential with a short user name', () => {
      expect(loadConfig({ RTR_API_KEY: '12345678' }).warnings).toHaveLength(1);
      expect(
        loadConfig({ HOSTWAY_AUTHORIZATION: `Basic ${secret('api:long-enough')}` }).warnings,
      ).toHaveLength(1);
    });
  });

  it.each([
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['PORT', '0x50'],
    ['UPSTREAM_TIMEOUT_MS', '-1'],
    ['UPSTREAM_TIMEOUT_MS', '1e3'],
    ['SANDBOX_TIME_SCALE', 'fast'],
    ['RTR_CONCURRENCY', '0'],
    ['RTR_CONCURRENCY', '65'],
    ['UPSTREAM_QUEUE_MAX', '-1'],
    ['UPSTREAM_MAX_BYTES', '1023'],
    ['UPSTREAM_MAX_BYTES', '5MB'],
  ])('rejects %s=%s', (key, value) => {
    expect(problems({ [key]: value })).toContain(key);
  });

  describe('TRANSFER_WATCH_INTERVAL_S', () => {
    it('is 0 (off) or a whole number of seconds up to a week', () => {
      expect(loadConfig({ TRANSFER_WATCH_INTERVAL_S: '0' }).transferWatchIntervalS).toBe(0);
      expect(loadConfig({ TRANSFER_WATCH_INTERVAL_S: '1' }).transferWatchIntervalS).toBe(1);
      expect(loadConfig({ TRANSFER_WATCH_INTERVAL_S: ' 604800 ' }).transferWatchIntervalS).toBe(
        604800,
      );
      expect(loadConfig({ TRANSFER_WATCH_INTERVAL_S: '' }).transferWatchIntervalS).toBe(900);
    });

    it('defaults to 900 s of the Hostway API: shorter when the sandbox runs sped up', () => {
      const interval = (env: Record<string, string>) => loadConfig(env).transferWatchIntervalS;
      expect(interval({})).toBe(900);
      expect(interval({ SANDBOX_TIME_SCALE: '1' })).toBe(900);
      expect(interval({ SANDBOX_TIME_SCALE: '60' })).toBe(15);
      expect(interval({ SANDBOX_TIME_SCALE: '600' })).toBe(2); // 1.5 s, rounded
      expect(interval({ SANDBOX_TIME_SCALE: '100000' })).toBe(1);
      expect(interval({ SANDBOX_TIME_SCALE: '0.5' })).toBe(1800);
      expect(interval({ SANDBOX_TIME_SCALE: '0.0001' })).toBe(604800);
      // Set by hand, it is what it says.
      expect(interval({ SANDBOX_TIME_SCALE: '600', TRANSFER_WATCH_INTERVAL_S: '0' })).toBe(0);
      expect(interval({ SANDBOX_TIME_SCALE: '600', TRANSFER_WATCH_INTERVAL_S: '60' })).toBe(60);
      // A real Hostway API keeps real time, whatever the sandbox's clock does.
      expect(
        interval({
          SANDBOX_TIME_SCALE: '600',
          HOSTWAY_API_URL: 'https://api.hostway.example',
          HOSTWAY_AUTHORIZATION: 'Bearer hostway-token-0123',
        }),
      ).toBe(900);
    });

    it.each(['-1', '1.5', '15m', '604801', '1e3', 'off'])('rejects %s', (value) => {
      expect(problems({ TRANSFER_WATCH_INTERVAL_S: value })).toContain(
        `TRANSFER_WATCH_INTERVAL_S must be a whole number of seconds from 0 (off) to 604800 (got ${JSON.stringify(value)})`,
      );
    });
  });

  describe('TRANSFER_CONCURRENCY', () => {
    it.each([
      ['1', 1],
      ['6', 6],
      ['8', 8],
      [' 3 ', 3],
    ])('accepts %s', (value, expected) => {
      expect(loadConfig({ TRANSFER_CONCURRENCY: value }).transferConcurrency).toBe(expected);
    });

    it.each(['9', '64', '99999999999999999999'])('rejects %s: never above 8', (value) => {
      const message = problems({ TRANSFER_CONCURRENCY: value });
      expect(message).toContain(
        `TRANSFER_CONCURRENCY must not be above 8: the console never sends the Hostway API more than 8 requests at once (got ${JSON.stringify(value)})`,
      );
      expect(message.split('\n')).toHaveLength(2);
    });

    it.each([
      ['0', 'must be at least 1'],
      ['-1', 'must be a whole number from 1 to 8'],
      ['2.5', 'must be a whole number from 1 to 8'],
      ['six', 'must be a whole number from 1 to 8'],
    ])('rejects %s', (value, why) => {
      const message = problems({ TRANSFER_CONCURRENCY: value });
      expect(message).toContain(`TRANSFER_CONCURRENCY ${why} (got ${JSON.stringify(value)})`);
      expect(message.split('\n')).toHaveLength(2);
    });
  });

  it('refuses a URL without its credential', () => {
    expect(problems({ RTR_API_URL: 'https://api.yoursrs.com' })).toContain(
      'RTR_API_URL is set but RTR_API_KEY is not',
    );
    expect(problems({ HOSTWAY_API_URL: 'https://api.hostway.com' })).toContain(
      'HOSTWAY_API_URL is set but HOSTWAY_AUTHORIZATION is not',
    );
  });

  it('warns about a credential without its URL (the sandbox is used)', () => {
    const config = loadConfig({ RTR_API_KEY: 'abc-key-12345' });
    expect(config.rtr).toBeUndefined();
    expect(config.warnings).toEqual([
      'RTR_API_KEY is set but RTR_API_URL is not: the sandbox is used instead',
    ]);
  });

  it('never echoes secret values or URLs in its message', () => {
    const message = problems({
      RTR_API_URL: 'https://user:hunter2@api.yoursrs.com',
      RTR_API_KEY: 'secret key with spaces',
      HOSTWAY_API_URL: 'https://api.hostway.com?token=leaky',
      HOSTWAY_AUTHORIZATION: 'Bearer top\u0001secret',
    });
    expect(message).toContain('RTR_API_URL must not contain credentials');
    expect(message).toContain('RTR_API_KEY must be printable ASCII without spaces');
    expect(message).toContain('HOSTWAY_API_URL must not contain a query string');
    expect(message).toContain('HOSTWAY_AUTHORIZATION must not contain control characters');
    for (const secret of ['hunter2', 'secret key', 'leaky', 'top', 'user']) {
      expect(message).not.toContain(secret);
    }
  });

  it('reads process.env by default', () => {
    expect(loadConfig().port).toBeTypeOf('number');
  });
});

describe('the README', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

  it.each([...CONFIG_VARIABLES, ...Object.keys(sandboxEnvSchema.shape)])(
    'documents %s',
    (variable) => {
      expect(readme).toContain(`\`${variable}\``);
    },
  );
});

describe('NOTIFY_WEBHOOK_URLS and NOTIFY_WEBHOOK_SECRET', () => {
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.message;
      throw error;
    }
    return '';
  };

  it('takes a comma list of http(s) URLs, query strings included, without duplicates', () => {
    const config = loadConfig({
      NOTIFY_WEBHOOK_URLS: 'https://a.example/x?token=1,, https://a.example/x?token=1 ,http://b:81',
    });
    expect(config.webhooks.urls).toEqual(['https://a.example/x?token=1', 'http://b:81/']);
  });

  it.each([
    ['ftp://files.example/hook', 'entry 1 must use http:// or https://'],
    ['https://ok.example/a,not a url', 'entry 2 is not an absolute URL'],
    ['https://user:s3cret@hooks.example/x', 'entry 1 must not contain credentials'],
    ['https://hooks.example/x#frag', 'entry 1 must not contain a fragment'],
  ])('refuses %s, naming the variable and the entry, never quoting it', (value, why) => {
    const message = problems({ NOTIFY_WEBHOOK_URLS: value });
    expect(message).toContain(`NOTIFY_WEBHOOK_URLS must be a comma-separated list`);
    expect(message).toContain(why);
    expect(message).not.toContain('hooks.example');
    expect(message).not.toContain('s3cret');
  });

  it('refuses a secret too short to redact, without echoing it', () => {
    const message = problems({
      NOTIFY_WEBHOOK_URLS: 'http://127.0.0.1/',
      NOTIFY_WEBHOOK_SECRET: 'short',
    });
    expect(message).toContain('NOTIFY_WEBHOOK_SECRET must be at least');
    expect(message).not.toContain('short"');
  });

  it('warns about a secret without URLs', () => {
    expect(loadConfig({ NOTIFY_WEBHOOK_SECRET: 'webhook-secret-0123' }).warnings).toEqual([
      'NOTIFY_WEBHOOK_SECRET is set but NOTIFY_WEBHOOK_URLS is not: no webhooks are sent',
    ]);
  });
});
