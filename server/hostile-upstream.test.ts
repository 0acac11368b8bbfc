// @vitest-environment node
// A hostile (or broken) upstream, over real HTTP: whatever it answers, the browser gets JSON
// that can run as nothing, or a console error saying what was wrong; no secret, nothing recorded.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limitForward, makeForward } from './proxy.ts';
import {
  startRecordingUpstream,
  startTestApp,
  TEST_HOSTWAY_AUTH,
  TEST_RTR_KEY,
  type RecordingUpstream,
  type TestApp,
  type UpstreamHandler,
} from './test-support.ts';

const SECRETS = [TEST_RTR_KEY, TEST_HOSTWAY_AUTH.replace(/^Bearer /, '')];
const transfer = { status: 7, description: 'Pending', statusChangeDate: '2024-05-01T10:00:00Z' };

interface Case {
  name: string;
  handler: UpstreamHandler;
  status: number;
  type?: string;
  message?: RegExp;
  upstreamStatus?: number;
  /** The start of the refused answer quoted in the error body (none when not given). */
  excerpt?: string;
  /** Checks on the body of an answer that was relayed. */
  relayed?: (text: string) => void;
  /** The answer is larger than the process may hold: reading it must stop at the cap. */
  larger?: boolean;
}

const send =
  (status: number, headers: Record<string, string>, body: string | Buffer): UpstreamHandler =>
  (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };

/** The credential the upstream was sent, echoed in every form it can think of. */
const echo: UpstreamHandler = (req, res) => {
  const auth = req.headers.authorization ?? '';
  const credential = auth.replace(/^\S+\s+/, '');
  const forms = [
    auth,
    credential.toUpperCase(),
    [...credential].map((c) => `\\u00${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
    credential.replace(/-/g, '\\u002D'),
    encodeURIComponent(auth),
    [...credential].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join(''),
    Buffer.from(auth).toString('base64'),
    Buffer.from(credential).toString('base64url'),
    Buffer.from(`{"auth":"${auth}"}`).toString('base64'),
  ];
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Retry-After': auth,
    'X-Echo': encodeURIComponent(auth),
  });
  // JSON.stringify keeps the \u sequences as the literal text `\\u00..`: build the JSON by hand.
  res.end(
    `{"status":7,"description":"ok","echo":[${forms.map((f) => `"${f.replace(/"/g, '\\"')}"`).join(',')}]}`,
  );
};

const FIFTY_MB = 50 * 1024 * 1024;
const huge: UpstreamHandler = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  let written = 0;
  const chunk = Buffer.alloc(256 * 1024, 0x20);
  const pump = () => {
    while (written < FIFTY_MB && !res.destroyed) {
      written += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  res.write('{"pad":"');
  pump();
};

const cases: Case[] = [
  {
    name: 'text/html (a login page loading a script from the console)',
    handler: send(
      200,
      { 'Content-Type': 'text/html' },
      '<script src="/api/rtr/v2/processes/23"></script>',
    ),
    status: 502,
    type: 'UpstreamBadResponse',
    message: /answered text\/html, not JSON/,
    upstreamStatus: 200,
    excerpt: '<script src="/api/rtr/v2/processes/23"></script>',
  },
  {
    name: 'text/javascript',
    handler: send(200, { 'Content-Type': 'text/javascript' }, 'alert(document.cookie)'),
    status: 502,
    type: 'UpstreamBadResponse',
    message: /answered text\/javascript, not JSON/,
    upstreamStatus: 200,
    excerpt: 'alert(document.cookie)',
  },
  {
    name: 'JSON-labelled script',
    handler: send(200, { 'Content-Type': 'application/json' }, 'alert(1)//'),
    status: 502,
    type: 'UpstreamBadResponse',
    message: /answered invalid JSON/,
    upstreamStatus: 200,
    excerpt: 'alert(1)//',
  },
  {
    name: 'invalid JSON',
    handler: send(
      200,
      { 'Content-Type': 'application/json' },
      '{"status": 7, "description": "Auto',
    ),
    status: 502,
    type: 'UpstreamBadResponse',
    message: /answered invalid JSON/,
    upstreamStatus: 200,
    excerpt: '{"status": 7, "description": "Auto',
  },
  {
    name: 'invalid UTF-8',
    handler: send(
      200,
      { 'Content-Type': 'application/json' },
      Buffer.from([0x22, 0xc3, 0x28, 0x22]),
    ),
    status: 502,
    type: 'UpstreamBadResponse',
    message: /bytes that are not valid UTF-8/,
    upstreamStatus: 200,
    excerpt: '"\uFFFD("',
  },
  {
    name: 'an HTML page echoing the credential, in a 3 MB page',
    handler: (req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(`<p>${req.headers.authorization ?? ''}</p>${'x'.repeat(3_000_000)}`);
    },
    status: 502,
    type: 'UpstreamBadResponse',
    message: /answered text\/html, not JSON/,
    upstreamStatus: 200,
    excerpt: `<p>[redacted]</p>${'x'.repeat(2000 - '<p>[redacted]</p>'.length)}`,
  },
  {
    name: 'status 999',
    handler: send(999, { 'Content-Type': 'application/json' }, JSON.stringify(transfer)),
    status: 502,
    type: 'UpstreamBadResponse',
    message: /HTTP status 999/,
    upstreamStatus: 999,
    excerpt: JSON.stringify(transfer),
  },
  {
    name: 'a gzip body with Content-Encoding: gzip (hiding an echoed secret)',
    handler: (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      res.end(gzipSync(JSON.stringify({ ...transfer, echo: req.headers.authorization })));
    },
    status: 502,
    type: 'UpstreamBadResponse',
    message: /gzip-encoded/,
    upstreamStatus: 200,
  },
  {
    name: 'a 50 MB body',
    larger: true,
    handler: huge,
    status: 502,
    type: 'UpstreamBadResponse',
    message: /more than 5 MiB \(UPSTREAM_MAX_BYTES\)/,
    upstreamStatus: 200,
  },
  {
    name: 'echoed secrets in every encoding',
    handler: echo,
    status: 200,
    relayed: (text) => {
      const body = JSON.parse(text) as { echo: string[] };
      expect(body.echo).toHaveLength(9);
      for (const form of body.echo) expect(form).toContain('[redacted]');
    },
  },
  {
    name: 'a hung answer (headers, then nothing)',
    handler: (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"status":');
    },
    status: 504,
    type: 'UpstreamTimeout',
    message: /did not answer within 0\.5 s/,
  },
  {
    name: 'a hung answer (nothing at all)',
    handler: () => {},
    status: 504,
    type: 'UpstreamTimeout',
    message: /did not answer within 0\.5 s/,
  },
];

let upstream: RecordingUpstream;
let app: TestApp;
let current: UpstreamHandler = () => {};
beforeAll(async () => {
  upstream = await startRecordingUpstream();
  upstream.respond((req, res) => current(req, res));
  const capped = makeForward(); // the default UPSTREAM_MAX_BYTES: 5 MiB
  app = await startTestApp(upstream.url, {
    timeoutMs: 500,
    forward: { rtr: limitForward(4, capped), hostway: limitForward(4, capped) },
  });
});
afterAll(async () => {
  await app.close();
  await upstream.close();
});

describe.each(cases)('the upstream answers $name', (c) => {
  it.each([
    ['/api/rtr/v2/processes/46069000', undefined],
    ['/api/hostway/accounts/acct12345/domains/transfers/hostile.com', 'hostile.com'],
  ])('GET %s', async (path, domain) => {
    current = c.handler;
    const before = (await app.history.history('acct12345', 'hostile.com')).length;
    const rssBefore = process.memoryUsage().rss;
    const res = await app.get(path);
    expect(res.status).toBe(c.status);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['x-echo']).toBeUndefined();
    expect(res.headers['retry-after']).toBeUndefined();
    const seen = JSON.stringify(res.headers) + res.text + app.logs.join('\n');
    for (const secret of SECRETS) expect(seen.toLowerCase()).not.toContain(secret.toLowerCase());
    if (c.type) {
      expect(JSON.parse(res.text)).toEqual({
        requestId: res.headers['x-request-id'],
        type: c.type,
        message: expect.stringMatching(c.message ?? /./),
        source: 'console',
        ...(c.upstreamStatus === undefined ? {} : { upstreamStatus: c.upstreamStatus }),
        ...(c.excerpt === undefined ? {} : { upstreamExcerpt: c.excerpt }),
      });
      // Nothing the console refused went into the history.
      if (domain) expect(await app.history.history('acct12345', domain)).toHaveLength(before);
    } else {
      c.relayed?.(res.text);
    }
    // A 50 MB answer is not held in memory: RSS grows by far less than the body. Only for that
    // case: RSS also counts the garbage of redacting a 3 MB page, which is not kept.
    if (c.larger) expect(process.memoryUsage().rss - rssBefore).toBeLessThan(30 * 1024 * 1024);
  });
});
