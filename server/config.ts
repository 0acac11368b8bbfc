import { BlockList, isIP } from 'node:net';
import { z } from 'zod';
import type { AccessPolicy } from './auth/access-policy.ts';
import { parseProxyEntry, trustsEveryone, type ProxyEntry } from './auth/trusted-proxies.ts';
import { DEFAULT_MAX_BYTES } from './proxy.ts';
import {
  DEFAULT_STUCK_AFTER,
  parseStuckAfter,
  type StuckLimits,
} from '../src/contract/stuck-rules.ts';
import { decodeBasic, MIN_SECRET_LENGTH } from './redact.ts';

/**
 * Configuration from the environment. Every variable is optional; empty (or whitespace-only)
 * strings count as unset. An API whose URL is unset is served by the built-in sandbox.
 */
export interface ConsoleConfig {
  port: number;
  host: string;
  /**
   * Host names (optionally `name:port`) the console answers to besides loopback, lower-case;
   * includes PUBLIC_URL's host.
   */
  allowedHosts: string[];
  /** The console's external origin (PUBLIC_URL), e.g. https://console.example.com. */
  publicOrigin: string | undefined;
  /** Realtime Register API; undefined → the sandbox. */
  rtr: { url: string; apiKey: string } | undefined;
  /** Hostway API; undefined → the sandbox. `authorization` is sent verbatim. */
  hostway: { url: string; authorization: string } | undefined;
  /** The transfer history database lives here (console.sqlite). */
  dataDir: string;
  /** DATABASE_URL: PostgreSQL instead of the SQLite file in dataDir. */
  databaseUrl: string | undefined;
  upstreamTimeoutMs: number;
  /** Seconds between the transfer watcher's runs; 0 = the watcher is off. */
  transferWatchIntervalS: number;
  /** At most this many requests to the Hostway API at once (1..8). */
  transferConcurrency: number;
  /** WATCH_FINAL_KEEP_H: a final status is still re-checked this many hours after it was seen. */
  watchFinalKeepH: number;
  /** WATCH_MAX_NOT_FOUND: the watcher stops after this many 404 answers in a row. */
  watchMaxNotFound: number;
  /** STUCK_AFTER (or the defaults): per phase, how long a status may stay before it is stuck. */
  stuckAfter: StuckLimits;
  /** At most this many requests to the Realtime Register API at once. */
  rtrConcurrency: number;
  /** Per upstream: at most this many requests wait for a free slot; more get 503. */
  upstreamQueueMax: number;
  /** An upstream answer longer than this is cut off and answered 502. */
  upstreamMaxBytes: number;
  staticDir: string;
  sandbox: {
    timeScale: number;
    epoch: Date | undefined;
    latencyMs: number;
    slowDelayMs: number;
  };
  /** LOG_FORMAT, or JSON under NODE_ENV=production; undefined: decided by stdout (log.ts). */
  logFormat: 'json' | 'pretty' | undefined;
  /** METRICS_TOKEN: when set, GET /metrics needs `Authorization: Bearer <token>`. A secret. */
  metricsToken: string | undefined;
  /** TRUST_PROXY=1: the client address and scheme come from X-Forwarded-For / -Proto. */
  trustProxy: boolean;
  /** Audit trail entries older than this many days are deleted (at start, then daily). */
  auditRetentionDays: number;
  /** Who may use the console (AUTH_MODE and its variables). */
  auth: AuthConfig;
  /**
   * NOTIFY_WEBHOOK_URLS (each address receives every transfer status change) and
   * NOTIFY_WEBHOOK_SECRET (a secret: the key of each delivery's X-Console-Signature).
   */
  webhooks: { urls: string[]; secret: string | undefined };
  /** Things that are not errors but deserve a line at start-up. */
  warnings: string[];
}

/**
 * AUTH_MODE=none: loopback only, the one local operator. oidc: sign-in with an OpenID provider,
 * the development one when `issuer` is 'development'. proxy: a trusted reverse proxy names the
 * user in a header.
 */
export type AuthConfig =
  | { mode: 'none' }
  | {
      mode: 'oidc';
      issuer: OidcIssuerConfig;
      /** SESSION_SECRET; undefined only with the development provider (one is made at start). */
      sessionSecret: string | undefined;
      sessionMaxAgeH: number;
      access: AccessPolicy;
    }
  | {
      mode: 'proxy';
      /** AUTH_PROXY_HEADER, lower-case. */
      header: string;
      trustedProxies: ProxyEntry[];
      access: AccessPolicy;
    };

export type OidcIssuerConfig =
  | { kind: 'external'; url: string; clientId: string; clientSecret: string }
  /** The sandbox's OpenID provider, with its test users: both APIs are the sandbox. */
  | { kind: 'development' };

/** AUTH_ADMINS when the development provider runs and none is set: its test admin. */
export const DEV_PROVIDER_ADMIN = 'alice@example.com';

/** Thrown by loadConfig; the message lists every bad variable and never contains a secret value. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

// Variables whose values may be echoed in an error message. URLs are left out on purpose:
// a URL may carry credentials in its user-info part.
const ECHOABLE = new Set([
  'PORT',
  'HOST',
  'ALLOWED_HOSTS',
  'UPSTREAM_TIMEOUT_MS',
  'TRANSFER_WATCH_INTERVAL_S',
  'WATCH_FINAL_KEEP_H',
  'WATCH_MAX_NOT_FOUND',
  'STUCK_AFTER',
  'TRANSFER_CONCURRENCY',
  'RTR_CONCURRENCY',
  'UPSTREAM_QUEUE_MAX',
  'UPSTREAM_MAX_BYTES',
  'SANDBOX_TIME_SCALE',
  'SANDBOX_EPOCH',
  'SANDBOX_LATENCY_MS',
  'SANDBOX_SLOW_DELAY_MS',
  'LOG_FORMAT',
  'TRUST_PROXY',
  'AUDIT_RETENTION_DAYS',
  'AUTH_MODE',
  'SESSION_MAX_AGE_H',
  'AUTH_PROXY_HEADER',
  'TRUSTED_PROXIES',
]);

const integer = (min: number, max: number, what: string) =>
  z
    .string()
    .regex(/^\d+$/, `must be ${what}`)
    .transform(Number)
    .refine((n) => Number.isSafeInteger(n) && n >= min && n <= max, `must be ${what}`);

/**
 * An absolute http:// or https:// URL without user-info; `rule` adds what the variable itself
 * requires, as a message, or undefined when the URL is fine.
 */
const httpUrl = (credentialsHint: string, rule: (url: URL, value: string) => string | undefined) =>
  z.string().superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be an absolute http:// or https:// URL' });
      return;
    }
    const problem =
      url.protocol !== 'http:' && url.protocol !== 'https:'
        ? 'must use http:// or https://'
        : url.username || url.password
          ? `must not contain credentials${credentialsHint}`
          : rule(url, value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const upstreamUrl = httpUrl(' (use the matching key/authorization variable)', (url, value) =>
  url.search || url.hash || value.includes('?') || value.includes('#')
    ? 'must not contain a query string or fragment'
    : undefined,
).transform((value) => new URL(value).href.replace(/\/+$/, ''));

/** A host name or IP literal as it appears in a Host header, with an optional port. */
export const HOST_ENTRY = /^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::\d{1,5})?$/;

const allowedHosts = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((entry) =>
        entry
          .trim()
          .toLowerCase()
          .replace(/\.(?=:|$)/, ''),
      )
      .filter(Boolean),
  )
  .superRefine((entries, ctx) => {
    for (const entry of entries) {
      if (!HOST_ENTRY.test(entry)) {
        ctx.addIssue({
          code: 'custom',
          message: `must be a comma-separated list of host names, each optionally with :port, e.g. console.example.com,console:8080 (${JSON.stringify(entry)} is not one)`,
        });
      }
    }
  });

const publicUrl = httpUrl('', (url, value) =>
  url.pathname !== '/' || url.search || url.hash || /[?#]/.test(value)
    ? "must be the console's origin only, e.g. https://console.example.com (no path, query or fragment)"
    : undefined,
).transform((value) => new URL(value).origin);

/**
 * NOTIFY_WEBHOOK_URLS: a comma-separated list of http(s) URLs, kept as written (a hook URL's
 * path is often its secret). The messages never quote an entry: they say which one (1st, 2nd …).
 */
const webhookUrls = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  )
  .superRefine((entries, ctx) => {
    entries.forEach((entry, index) => {
      let url: URL | undefined;
      try {
        url = new URL(entry);
      } catch {
        url = undefined;
      }
      const problem = !url
        ? 'is not an absolute URL'
        : url.protocol !== 'http:' && url.protocol !== 'https:'
          ? 'must use http:// or https://'
          : url.username || url.password
            ? 'must not contain credentials (user:password@)'
            : url.hash || entry.includes('#')
              ? 'must not contain a fragment (#…)'
              : undefined;
      if (problem) {
        ctx.addIssue({
          code: 'custom',
          message: `must be a comma-separated list of http:// or https:// URLs: entry ${index + 1} ${problem}`,
        });
      }
    });
  })
  .transform((entries) => [...new Set(entries.map((entry) => new URL(entry).href))]);

/** The most requests the console may have open at the Hostway API at once. */
export const MAX_TRANSFER_CONCURRENCY = 8;
/** A hundred years: beyond that a date computation is not worth trusting. */
const MAX_AUDIT_RETENTION_DAYS = 36_500;
/** setInterval's limit is about 24.8 days; a week is plenty. */
const MAX_WATCH_INTERVAL_S = 7 * 24 * 3600;

/** TRANSFER_WATCH_INTERVAL_S when it is unset and the Hostway API's clock is real time. */
export const DEFAULT_WATCH_INTERVAL_S = 900;

/**
 * TRANSFER_WATCH_INTERVAL_S when it is unset: 900 s of the Hostway API's time. With the sandbox
 * on a sped-up clock (SANDBOX_TIME_SCALE, `timeScale` simulated seconds per real second) that is
 * 900 ÷ timeScale real seconds, rounded, at least 1 (and at most the variable's maximum), so the
 * watcher sees a sped-up lifecycle's steps as it would a real one's (600: every 2 s). Pass 1 when
 * the Hostway API is real.
 */
export function defaultWatchIntervalS(timeScale: number): number {
  const seconds = Math.round(DEFAULT_WATCH_INTERVAL_S / timeScale);
  return Math.min(MAX_WATCH_INTERVAL_S, Math.max(1, seconds));
}

// Header values: no control characters (CR/LF would allow header injection).
// eslint-disable-next-line no-control-regex
const headerSafe = /^[^\x00-\x1f\x7f]+$/;

/** SESSION_SECRET: the key material of every session; HKDF stretches it, length must be there. */
export const MIN_SESSION_SECRET_LENGTH = 32;

const SHORT_SECRET = `must be at least ${MIN_SECRET_LENGTH} characters long: a shorter secret cannot be told apart from ordinary text when the console redacts it`;

/** The credential after the scheme (and a Basic password) must be long enough to redact. */
function hostwayCredentialProblem(value: string): string | undefined {
  const match = /^([A-Za-z][A-Za-z0-9_-]*)\s+(\S.*)$/.exec(value);
  const credential = match?.[2] ?? value;
  if (credential.length < MIN_SECRET_LENGTH) {
    return `has a credential (after the scheme) that ${SHORT_SECRET}`;
  }
  const pair = match?.[1]?.toLowerCase() === 'basic' ? decodeBasic(credential) : undefined;
  if (pair && pair.password.length < MIN_SECRET_LENGTH) {
    return `has a Basic password that ${SHORT_SECRET}`;
  }
  return undefined;
}

const commaList = (item: RegExp, what: string, normalise = (entry: string) => entry) =>
  z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((entry) => normalise(entry.trim().toLowerCase()))
        .filter(Boolean),
    )
    .superRefine((entries, ctx) => {
      const bad = entries.find((entry) => !item.test(entry));
      if (bad !== undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `must be a comma-separated list of ${what} (${JSON.stringify(bad)} is not one)`,
        });
      }
    });

const EMAIL = /^[^\s@,;"<>]+@[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/;
const DOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;
const emails = commaList(EMAIL, 'e-mail addresses, e.g. alice@example.com,bob@example.com');

/** RFC 9110 token: a header name. */
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

const schema = z.object({
  AUTH_MODE: z
    .enum(['none', 'oidc', 'proxy'], { error: 'must be none, oidc or proxy' })
    .default('none'),
  OIDC_ISSUER_URL: httpUrl('', (url, value) =>
    url.search || url.hash || /[?#]/.test(value)
      ? 'must not contain a query string or fragment'
      : undefined,
  ).optional(),
  OIDC_CLIENT_ID: z
    .string()
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .optional(),
  OIDC_CLIENT_SECRET: z
    .string()
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .min(MIN_SECRET_LENGTH, SHORT_SECRET)
    .optional(),
  SESSION_SECRET: z
    .string()
    .min(
      MIN_SESSION_SECRET_LENGTH,
      `must be at least ${MIN_SESSION_SECRET_LENGTH} characters long (e.g. the output of \`openssl rand -base64 32\`)`,
    )
    .optional(),
  SESSION_MAX_AGE_H: integer(1, 720, 'a whole number of hours from 1 to 720').default(12),
  AUTH_ALLOWED_EMAILS: emails.optional(),
  AUTH_ALLOWED_DOMAINS: commaList(DOMAIN, 'domain names, e.g. example.com,example.org', (entry) =>
    entry.replace(/^@/, ''),
  ).optional(),
  AUTH_ADMINS: emails.optional(),
  AUTH_PROXY_HEADER: z
    .string()
    .regex(HEADER_NAME, 'must be an HTTP header name, e.g. X-Forwarded-Email')
    .transform((name) => name.toLowerCase())
    .default('x-forwarded-email'),
  TRUSTED_PROXIES: z
    .string()
    .transform((value, ctx) => {
      const entries: ProxyEntry[] = [];
      for (const entry of value
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean)) {
        const parsed = parseProxyEntry(entry);
        if (typeof parsed === 'string') {
          ctx.addIssue({
            code: 'custom',
            message: `must list IP addresses or CIDR blocks: ${parsed}`,
          });
          return z.NEVER;
        }
        const everyone = trustsEveryone(parsed);
        if (everyone) {
          ctx.addIssue({
            code: 'custom',
            message: `must list only the reverse proxy's own addresses: ${JSON.stringify(entry)} ${everyone}, so any client could name itself in the user header (e.g. 10.0.0.5 or 10.0.0.0/24)`,
          });
          return z.NEVER;
        }
        entries.push(parsed);
      }
      return entries;
    })
    .optional(),
  PORT: integer(0, 65535, 'an integer between 0 and 65535').default(8080),
  HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:[\]-]+$/, 'must be a host name or IP address')
    .default('127.0.0.1'),
  ALLOWED_HOSTS: allowedHosts.optional(),
  PUBLIC_URL: publicUrl.optional(),
  RTR_API_URL: upstreamUrl.optional(),
  RTR_API_KEY: z
    .string()
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .min(MIN_SECRET_LENGTH, SHORT_SECRET)
    .optional(),
  HOSTWAY_API_URL: upstreamUrl.optional(),
  HOSTWAY_AUTHORIZATION: z
    .string()
    .superRefine((value, ctx) => {
      const problem = !headerSafe.test(value)
        ? 'must not contain control characters or line breaks'
        : !/^[\x20-\x7e]+$/.test(value)
          ? 'must be printable ASCII'
          : hostwayCredentialProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  DATA_DIR: z.string().default('./data'),
  // The value is never repeated in a message: it may hold a password.
  DATABASE_URL: z
    .string()
    .refine((value) => /^postgres(ql)?:\/\/[^/]/.test(value) && URL.canParse(value), {
      message:
        'must be a postgres:// (or postgresql://) URL, for example postgres://console:…@db.example:5432/console',
    })
    .optional(),
  UPSTREAM_TIMEOUT_MS: integer(
    1,
    600_000,
    'a positive integer (milliseconds, at most 600000)',
  ).default(15_000),
  TRANSFER_WATCH_INTERVAL_S: integer(
    0,
    MAX_WATCH_INTERVAL_S,
    `a whole number of seconds from 0 (off) to ${MAX_WATCH_INTERVAL_S}`,
  ).optional(),
  WATCH_FINAL_KEEP_H: integer(0, 8760, 'a whole number of hours from 0 to 8760').default(24),
  WATCH_MAX_NOT_FOUND: integer(1, 1000, 'a whole number from 1 to 1000').default(3),
  STUCK_AFTER: z
    .string()
    .transform((value, ctx) => {
      const parsed = parseStuckAfter(value);
      if (parsed.ok) return parsed.limits;
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    })
    .optional(),
  TRANSFER_CONCURRENCY: z
    .string()
    .regex(/^\d+$/, `must be a whole number from 1 to ${MAX_TRANSFER_CONCURRENCY}`)
    .transform(Number)
    .refine((n) => n >= 1, 'must be at least 1')
    .refine(
      (n) => n <= MAX_TRANSFER_CONCURRENCY,
      `must not be above ${MAX_TRANSFER_CONCURRENCY}: the console never sends the Hostway API more than ${MAX_TRANSFER_CONCURRENCY} requests at once`,
    )
    .default(6),
  RTR_CONCURRENCY: integer(1, 64, 'a whole number from 1 to 64').default(8),
  UPSTREAM_QUEUE_MAX: integer(0, 10_000, 'a whole number from 0 to 10000').default(100),
  UPSTREAM_MAX_BYTES: integer(
    1024,
    1024 * 1024 * 1024,
    'a whole number of bytes from 1024 to 1073741824',
  ).default(DEFAULT_MAX_BYTES),
  STATIC_DIR: z.string().default('./dist'),
  SANDBOX_TIME_SCALE: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a positive number')
    .transform(Number)
    .refine((n) => n > 0 && Number.isFinite(n), 'must be a positive number')
    .default(1),
  SANDBOX_EPOCH: z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], {
      error: 'must be an ISO-8601 date or date-time, e.g. 2024-05-01 or 2024-05-01T12:00:00Z',
    })
    .transform((s) => new Date(s))
    .optional(),
  SANDBOX_LATENCY_MS: integer(0, 600_000, 'a non-negative integer (milliseconds)').default(0),
  SANDBOX_SLOW_DELAY_MS: integer(0, 3_600_000, 'a non-negative integer (milliseconds)').default(
    30_000,
  ),
  // Operations: logs, metrics, the proxy in front.
  NODE_ENV: z.string().optional(),
  LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'must be json or pretty' }).optional(),
  METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .min(16, 'must be at least 16 characters long')
    .optional(),
  TRUST_PROXY: z
    .enum(['0', '1'], { error: 'must be 1 (behind one reverse proxy) or 0' })
    .transform((v) => v === '1')
    .default(false),
  AUDIT_RETENTION_DAYS: integer(
    1,
    MAX_AUDIT_RETENTION_DAYS,
    `a whole number of days from 1 to ${MAX_AUDIT_RETENTION_DAYS}`,
  ).default(400),
  // Notifications.
  NOTIFY_WEBHOOK_URLS: webhookUrls.optional(),
  NOTIFY_WEBHOOK_SECRET: z
    .string()
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .min(MIN_SECRET_LENGTH, SHORT_SECRET)
    .optional(),
});

/** Every environment variable the console server reads. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);

/** Reads and validates the configuration. Throws ConfigError listing every problem. */
export function loadConfig(env: Env = process.env): ConsoleConfig {
  const input: Record<string, string> = {};
  for (const key of CONFIG_VARIABLES) {
    const value = env[key]?.trim();
    if (value) input[key] = value;
  }

  const problems: string[] = [];
  const result = schema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0]);
      const got = ECHOABLE.has(key) ? ` (got ${JSON.stringify(input[key])})` : '';
      problems.push(`${key} ${issue.message}${got}`);
    }
  }
  const pairs = [
    ['RTR_API_URL', 'RTR_API_KEY'],
    ['HOSTWAY_API_URL', 'HOSTWAY_AUTHORIZATION'],
  ] as const;
  const warnings: string[] = [];
  for (const [urlKey, secretKey] of pairs) {
    if (input[urlKey] && !input[secretKey]) {
      problems.push(`${urlKey} is set but ${secretKey} is not`);
    } else if (!input[urlKey] && input[secretKey]) {
      warnings.push(`${secretKey} is set but ${urlKey} is not: the sandbox is used instead`);
    }
  }
  if (input.NOTIFY_WEBHOOK_SECRET && !input.NOTIFY_WEBHOOK_URLS) {
    warnings.push(
      'NOTIFY_WEBHOOK_SECRET is set but NOTIFY_WEBHOOK_URLS is not: no webhooks are sent',
    );
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);

  const v = result.data;
  const auth = authConfig(v, problems, warnings);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: v.PORT,
    host: v.HOST,
    allowedHosts: [
      ...new Set([
        ...(v.ALLOWED_HOSTS ?? []),
        ...(v.PUBLIC_URL ? [new URL(v.PUBLIC_URL).host] : []),
      ]),
    ],
    publicOrigin: v.PUBLIC_URL,
    rtr: v.RTR_API_URL && v.RTR_API_KEY ? { url: v.RTR_API_URL, apiKey: v.RTR_API_KEY } : undefined,
    hostway:
      v.HOSTWAY_API_URL && v.HOSTWAY_AUTHORIZATION
        ? { url: v.HOSTWAY_API_URL, authorization: v.HOSTWAY_AUTHORIZATION }
        : undefined,
    dataDir: v.DATA_DIR,
    databaseUrl: v.DATABASE_URL,
    upstreamTimeoutMs: v.UPSTREAM_TIMEOUT_MS,
    transferWatchIntervalS:
      v.TRANSFER_WATCH_INTERVAL_S ??
      defaultWatchIntervalS(v.HOSTWAY_API_URL ? 1 : v.SANDBOX_TIME_SCALE),
    transferConcurrency: v.TRANSFER_CONCURRENCY,
    watchFinalKeepH: v.WATCH_FINAL_KEEP_H,
    watchMaxNotFound: v.WATCH_MAX_NOT_FOUND,
    stuckAfter: v.STUCK_AFTER ?? DEFAULT_STUCK_AFTER,
    rtrConcurrency: v.RTR_CONCURRENCY,
    upstreamQueueMax: v.UPSTREAM_QUEUE_MAX,
    upstreamMaxBytes: v.UPSTREAM_MAX_BYTES,
    staticDir: v.STATIC_DIR,
    sandbox: {
      timeScale: v.SANDBOX_TIME_SCALE,
      epoch: v.SANDBOX_EPOCH,
      latencyMs: v.SANDBOX_LATENCY_MS,
      slowDelayMs: v.SANDBOX_SLOW_DELAY_MS,
    },
    logFormat: v.LOG_FORMAT ?? (v.NODE_ENV === 'production' ? 'json' : undefined),
    metricsToken: v.METRICS_TOKEN,
    trustProxy: v.TRUST_PROXY,
    auditRetentionDays: v.AUDIT_RETENTION_DAYS,
    auth,
    webhooks: { urls: v.NOTIFY_WEBHOOK_URLS ?? [], secret: v.NOTIFY_WEBHOOK_SECRET },
    warnings,
  };
}

/** HOST values that only this machine can reach: 127.0.0.0/8, ::1, localhost. */
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost') return true;
  const version = isIP(bare);
  return version !== 0 && LOOPBACK.check(bare, version === 4 ? 'ipv4' : 'ipv6');
}

const OIDC_ONLY = ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'SESSION_SECRET'];
const PROXY_ONLY = ['TRUSTED_PROXIES'];
const ACCESS = ['AUTH_ALLOWED_EMAILS', 'AUTH_ALLOWED_DOMAINS', 'AUTH_ADMINS'];

/**
 * AUTH_MODE and the variables it needs. Fails closed: a setting the mode needs and lacks, or a
 * listener others can reach without sign-in, is a problem that stops the start.
 */
function authConfig(v: z.infer<typeof schema>, problems: string[], warnings: string[]): AuthConfig {
  const ignored = (keys: string[], why: string) => {
    for (const key of keys) {
      if (v[key as keyof typeof v] !== undefined)
        warnings.push(`${key} is set but ${why}: ignored`);
    }
  };
  const access = (admins: string[] = []): AccessPolicy => ({
    allowedEmails: v.AUTH_ALLOWED_EMAILS ?? [],
    allowedDomains: v.AUTH_ALLOWED_DOMAINS ?? [],
    admins: v.AUTH_ADMINS ?? admins,
  });

  if (v.AUTH_MODE === 'none') {
    if (!isLoopbackHost(v.HOST)) {
      problems.push(
        `AUTH_MODE is none (the default), so HOST must be a loopback address (127.0.0.1, ::1 or localhost), but HOST is ${JSON.stringify(v.HOST)}: anyone who reaches it would read every process and transfer with the console's credentials. Set AUTH_MODE=oidc or AUTH_MODE=proxy (see docs/deploy.md), or listen on HOST=127.0.0.1.`,
      );
    }
    ignored([...OIDC_ONLY, ...PROXY_ONLY, ...ACCESS], 'AUTH_MODE is none');
    return { mode: 'none' };
  }

  if (v.AUTH_MODE === 'proxy') {
    if (!v.TRUSTED_PROXIES || v.TRUSTED_PROXIES.length === 0) {
      problems.push(
        'TRUSTED_PROXIES is required with AUTH_MODE=proxy: the addresses (or CIDR blocks) of the reverse proxies whose user header the console may believe, e.g. 127.0.0.1 or 10.0.0.0/24',
      );
    }
    ignored(OIDC_ONLY, 'AUTH_MODE is proxy');
    return {
      mode: 'proxy',
      header: v.AUTH_PROXY_HEADER,
      trustedProxies: v.TRUSTED_PROXIES ?? [],
      access: access(),
    };
  }

  ignored(PROXY_ONLY, 'AUTH_MODE is oidc');
  if (v.PUBLIC_URL?.startsWith('http:') && !isLoopbackHost(new URL(v.PUBLIC_URL).hostname)) {
    warnings.push(
      'PUBLIC_URL uses http://: the session cookie travels unencrypted (and is not marked Secure); serve the console over https (docs/deploy.md)',
    );
  }
  if (!v.OIDC_ISSUER_URL) {
    const real = (['RTR_API_URL', 'HOSTWAY_API_URL'] as const).filter((key) => v[key]);
    if (real.length > 0) {
      problems.push(
        `OIDC_ISSUER_URL is required with AUTH_MODE=oidc when ${real.join(' or ')} is set: the development provider, whose test passwords are public, runs only when both APIs are the built-in sandbox`,
      );
    }
    for (const key of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const) {
      if (v[key]) problems.push(`${key} is set but OIDC_ISSUER_URL is not`);
    }
    if (!v.PUBLIC_URL && !isLoopbackHost(v.HOST)) {
      problems.push(
        `PUBLIC_URL is required with AUTH_MODE=oidc when HOST is not loopback (HOST is ${JSON.stringify(v.HOST)}): it is the address browsers are sent back to after signing in, e.g. http://console.example.com:8080`,
      );
    }
    return {
      mode: 'oidc',
      issuer: { kind: 'development' },
      sessionSecret: v.SESSION_SECRET,
      sessionMaxAgeH: v.SESSION_MAX_AGE_H,
      access: access([DEV_PROVIDER_ADMIN]),
    };
  }

  for (const key of [
    'OIDC_CLIENT_ID',
    'OIDC_CLIENT_SECRET',
    'PUBLIC_URL',
    'SESSION_SECRET',
  ] as const) {
    if (!v[key]) {
      problems.push(
        `${key} is required with AUTH_MODE=oidc and OIDC_ISSUER_URL${key === 'PUBLIC_URL' ? ": the console's external origin, e.g. https://console.example.com (the provider sends browsers back to PUBLIC_URL/auth/callback)" : ''}`,
      );
    }
  }
  if (
    v.OIDC_ISSUER_URL.startsWith('http:') &&
    !isLoopbackHost(new URL(v.OIDC_ISSUER_URL).hostname)
  ) {
    warnings.push('OIDC_ISSUER_URL uses http://: tokens travel unencrypted; use https://');
  }
  return {
    mode: 'oidc',
    issuer: {
      kind: 'external',
      url: v.OIDC_ISSUER_URL,
      clientId: v.OIDC_CLIENT_ID ?? '',
      clientSecret: v.OIDC_CLIENT_SECRET ?? '',
    },
    sessionSecret: v.SESSION_SECRET,
    sessionMaxAgeH: v.SESSION_MAX_AGE_H,
    access: access(),
  };
}
