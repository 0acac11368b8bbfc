// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createLifecycleStarts,
  FAILING_PATH,
  FAILING_PATH_STEP_STARTS_MS,
  HAPPY_PATH,
  HAPPY_PATH_STEP_STARTS_MS,
  LIFECYCLE_STEP_DURATION_MS,
} from './fixtures/transfers.ts';
import { JSON_CONTENT_TYPE } from './http.ts';
import { manualClock, startTestSandbox, TEST_EPOCH, type TestSandbox } from './test-support.ts';

// The status document as the Hostway document describes it.
const transferStatus = z.strictObject({
  status: z.number().int(),
  description: z.string().min(1),
  emailAddress: z.email().optional(),
  statusChangeDate: z.iso.datetime({ offset: true }).optional(),
});
type TransferStatus = z.infer<typeof transferStatus>;

const fault = (name: string, code: number) =>
  z.strictObject({
    [name]: z.strictObject({
      guid: z.string(),
      message: z.string().min(1),
      code: z.literal(code),
      details: z.string(),
    }),
  });

let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox({ clock: manualClock().clock, slowDelayMs: 150 });
});
afterAll(() => sandbox.close());

async function status(domain: string, account?: string): Promise<TransferStatus> {
  const res = await sandbox.transfer(domain, { account });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(JSON_CONTENT_TYPE);
  return transferStatus.parse(await res.json());
}

describe('authentication', () => {
  it.each([
    ['no header', {}],
    ['a wrong value', { Authorization: 'Bearer nope' }],
    ['a differently cased value', { Authorization: 'bearer sandbox-hostway-token' }],
    ['the RTR key', { Authorization: 'ApiKey sandbox-rtr-key' }],
  ])('rejects %s with a 401 unauthorized fault', async (_label, headers) => {
    const res = await sandbox.transfer('test.com', { headers });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe(JSON_CONTENT_TYPE);
    const body = fault('unauthorized', 401).parse(await res.json());
    expect(body.unauthorized?.guid).not.toBe('');
  });

  it('accepts a custom Authorization value verbatim', async () => {
    const custom = await startTestSandbox({ hostwayAuthorization: 'Basic dXNlcjpwYXNz' });
    try {
      const res = await custom.transfer('test.com', {
        headers: { Authorization: 'Basic dXNlcjpwYXNz' },
      });
      expect(res.status).toBe(200);
      expect((await custom.transfer('test.com')).status).toBe(401);
    } finally {
      await custom.close();
    }
  });
});

describe('status fixtures', () => {
  it('test.com is the document example, verbatim', async () => {
    const res = await sandbox.transfer('test.com');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    expect(await res.text()).toBe(
      '{"status":7,"emailAddress":"joshbond@usa.net","description":"Auto verification of transfer request initiated","statusChangeDate":"2014-03-25T11:15:11-05:00"}',
    );
  });

  const codes: [string, number][] = [
    ['whois-pend.com', 1],
    ['whois-manual.com', 2],
    ['whois-cancel.com', 2],
    ['whois-ok.com', 3],
    ['confirm-timeout.com', 4],
    ['confirm-nack.com', 5],
    ['confirm-ack.com', 6],
    ['confirm-pend.com', 7],
    ['registry-ip.com', 8],
    ['registry-pend.com', 9],
    ['registry-complete.com', 10],
    ['registry-timeout.com', 11],
    ['registry-error.com', 12],
    ['registry-nack.com', 13],
    ['active.com', 14],
    ['tran-away.com', 15],
    ['transfer-none.com', 16],
    ['registrar-nack.com', 17],
    ['unknown-status.com', 42],
    ['xn--mnchen-3ya.de', 9],
    ['example.co.uk', 6],
  ];
  it.each(codes)('%s has status %i', async (domain, code) => {
    expect((await status(domain)).status).toBe(code);
  });

  it('tells WHOIS_MANUAL and WHOIS_CANCEL apart by description only', async () => {
    expect((await status('whois-manual.com')).description).toMatch(/manual review/i);
    expect((await status('whois-cancel.com')).description).toMatch(/cancelled/i);
  });

  it('has emailAddress where an FOA mail went out, and omits optional fields elsewhere', async () => {
    expect((await status('confirm-pend.com')).emailAddress).toBe('hostmaster@confirm-pend.com');
    const ok = await status('whois-ok.com');
    expect(ok).not.toHaveProperty('emailAddress');
    expect(ok).not.toHaveProperty('statusChangeDate');
  });

  it('uses varied UTC offsets', async () => {
    expect((await status('xn--mnchen-3ya.de')).statusChangeDate).toMatch(/\+01:00$/);
    expect((await status('example.co.uk')).statusChangeDate).toMatch(/\+00:00$/);
    expect((await status('active.com')).statusChangeDate).toMatch(/-06:00$/);
  });

  it('is case-insensitive and accepts the Unicode form of an IDN', async () => {
    expect(await status('TEST.Com')).toEqual(await status('test.com'));
    expect(await status('M%C3%BCnchen.de')).toEqual(await status('xn--mnchen-3ya.de'));
  });

  it('works for any valid account number', async () => {
    expect(await status('test.com', 'A_b-9')).toEqual(await status('test.com', 'x'.repeat(64)));
  });
});

describe('errors', () => {
  const notFound = {
    itemNotFound: {
      guid: '',
      message: 'No transfer order found for this domain and account number.',
      code: 404,
      details: '',
    },
  };

  it.each(['no-transfer.com', 'never-heard-of.com', 'bulk-100001.com', 'movingx.com'])(
    '%s is 404 itemNotFound',
    async (domain) => {
      const res = await sandbox.transfer(domain);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe(JSON_CONTENT_TYPE);
      expect(await res.json()).toEqual(notFound);
    },
  );

  it('account acct-empty has no transfers at all', async () => {
    for (const domain of [
      'test.com',
      'active.com',
      'moving-1.com',
      'bulk-1.com',
      'registry-failure.com',
    ]) {
      const res = await sandbox.transfer(domain, { account: 'acct-empty' });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual(notFound);
    }
  });

  it.each([
    'www.example.com',
    'http%3A%2F%2Fwww.example.com',
    'example.zz',
    'example',
    'co.uk',
    '1.2.3.4',
    'exa_mple.com',
    '-bad.com',
    'a..com',
    'example.com.',
    `${'a'.repeat(64)}.com`,
  ])('invalid domain %s is a 400 badRequest fault', async (domain) => {
    const res = await sandbox.transfer(domain);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe(JSON_CONTENT_TYPE);
    fault('badRequest', 400).parse(await res.json());
  });

  it.each(['acct!', 'x'.repeat(65), 'acct%20one'])('invalid account %s is 400', async (account) => {
    const res = await sandbox.transfer('test.com', { account });
    expect(res.status).toBe(400);
    fault('badRequest', 400).parse(await res.json());
  });

  it('registry-failure.com is a 500 internalServerError fault', async () => {
    const res = await sandbox.transfer('registry-failure.com');
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe(JSON_CONTENT_TYPE);
    fault('internalServerError', 500).parse(await res.json());
  });

  it('rate-limited.com is a 429 overLimit fault with Retry-After: 2', async () => {
    const res = await sandbox.transfer('rate-limited.com');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    fault('overLimit', 429).parse(await res.json());
  });

  it('malformed.com is a 200 with broken JSON', async () => {
    const res = await sandbox.transfer('malformed.com');
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow();
  });

  it('bad-shape.com is a 200 with JSON of the wrong shape', async () => {
    const res = await sandbox.transfer('bad-shape.com');
    expect(res.status).toBe(200);
    const body: unknown = await res.json();
    expect(body).toEqual({ status: 'seven', description: 5 });
    expect(transferStatus.safeParse(body).success).toBe(false);
  });

  it('gateway-page.com is a 200 HTML page', async () => {
    const res = await sandbox.transfer('gateway-page.com');
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('slow-registry.com answers only after slowDelayMs', async () => {
    const started = performance.now();
    expect((await status('slow-registry.com')).status).toBe(9);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    await expect(
      sandbox.transfer('slow-registry.com', { signal: AbortSignal.timeout(50) }),
    ).rejects.toThrow();
  });

  it('unknown paths under /hostway are itemNotFound faults', async () => {
    const res = await fetch(`${sandbox.hostwayUrl}/accounts/acct12345/domains`, {
      headers: { Authorization: 'Bearer sandbox-hostway-token' },
    });
    expect(res.status).toBe(404);
    fault('itemNotFound', 404).parse(await res.json());
  });
});

describe('lifecycles over simulated time', () => {
  const MINUTE = 60_000;
  const HOUR = 60 * MINUTE;
  const last = <T>(path: readonly T[]) => path[path.length - 1] as T;

  /** A sandbox of its own on a clock at scale 1 that the test moves (simulated = real ms). */
  async function sandboxOnOwnClock() {
    const own = manualClock(1);
    const s = await startTestSandbox({ clock: own.clock });
    let at = 0;
    return {
      s,
      /** Simulated ms since TEST_EPOCH. */
      get at() {
        return at;
      },
      moveTo(ms: number) {
        own.advance(ms - at);
        at = ms;
      },
      async status(domain: string, account?: string) {
        const res = await s.transfer(domain, { account });
        expect(res.status).toBe(200);
        return transferStatus.parse(await res.json());
      },
    };
  }
  const epochPlus = (ms: number) => TEST_EPOCH.getTime() + ms;

  it('has realistic steps that a sped-up sandbox (600) walks in a few real minutes', () => {
    expect(HAPPY_PATH_STEP_STARTS_MS).toHaveLength(HAPPY_PATH.length);
    expect(HAPPY_PATH_STEP_STARTS_MS[0]).toBe(0);
    expect(FAILING_PATH_STEP_STARTS_MS.slice(0, -1)).toEqual(HAPPY_PATH_STEP_STARTS_MS.slice(0, 6));
    for (const code of [...HAPPY_PATH.slice(0, -1), ...FAILING_PATH.slice(0, -1)]) {
      const ms = LIFECYCLE_STEP_DURATION_MS[code] as number;
      expect(ms, `status ${code}`).toBeGreaterThanOrEqual(10 * MINUTE);
      expect(ms, `status ${code}`).toBeLessThanOrEqual(24 * HOUR);
      expect(ms / 600, `status ${code}, real ms at 600`).toBeGreaterThanOrEqual(1000);
    }
    const realMinutesAt600 = (last(HAPPY_PATH_STEP_STARTS_MS) / 600 / MINUTE) * 1;
    expect(realMinutesAt600).toBeGreaterThanOrEqual(1);
    expect(realMinutesAt600).toBeLessThanOrEqual(5);
    expect(last(FAILING_PATH)).toBe(13);
  });

  it('moving-*.com walks the happy path from its first ask, failing-*.com ends in REGISTRY_NACK', async () => {
    const t = await sandboxOnOwnClock();
    try {
      // Long after the sandbox started: the lifecycles start now, not at the clock's epoch.
      const first = 3 * HOUR;
      t.moveTo(first);
      const seen: { moving: number[]; failing: number[]; other: number[] } = {
        moving: [],
        failing: [],
        other: [],
      };
      for (let step = 0; step < HAPPY_PATH.length + 1; step++) {
        const begins = HAPPY_PATH_STEP_STARTS_MS[Math.min(step, HAPPY_PATH.length - 1)] as number;
        // At the step's start, then a moment before the next one: the same step.
        const moments =
          step < HAPPY_PATH.length - 1
            ? [begins, (HAPPY_PATH_STEP_STARTS_MS[step + 1] as number) - 1]
            : [begins + step * 24 * HOUR];
        for (const offset of moments) {
          t.moveTo(first + offset);
          const moving = await t.status('moving-1.com');
          expect(moving.status, `moving-1.com at +${offset} ms`).toBe(
            HAPPY_PATH[Math.min(step, HAPPY_PATH.length - 1)],
          );
          expect(Date.parse(moving.statusChangeDate ?? '')).toBe(epochPlus(first + begins));
          expect(moving.statusChangeDate).toMatch(/-05:00$/);
          expect(moving.emailAddress === undefined).toBe(step < 2);
        }
        seen.moving.push((await t.status('moving-1.com')).status);
        seen.failing.push((await t.status('failing-alpha.com')).status);
        seen.other.push((await t.status('MOVING-Alpha.com')).status);
      }
      expect(seen.moving).toEqual([...HAPPY_PATH, last(HAPPY_PATH)]);
      expect(seen.other).toEqual(seen.moving);
      // failing-*.com: the same times, one step fewer.
      expect(seen.failing).toEqual([...FAILING_PATH.slice(0, 6), 13, 13, 13]);
      expect(FAILING_PATH_STEP_STARTS_MS[6]).toBe(HAPPY_PATH_STEP_STARTS_MS[6]);
    } finally {
      await t.s.close();
    }
  });

  it('starts each (account, domain) at its own first ask', async () => {
    const t = await sandboxOnOwnClock();
    try {
      expect((await t.status('moving-early.com')).status).toBe(HAPPY_PATH[0]);
      // Later, a second domain is asked for the first time: it starts at the beginning.
      const later = HAPPY_PATH_STEP_STARTS_MS[2] as number;
      t.moveTo(later);
      const early = await t.status('moving-early.com');
      const fresh = await t.status('moving-late.com');
      expect(early.status).toBe(HAPPY_PATH[2]);
      expect(fresh.status).toBe(HAPPY_PATH[0]);
      expect(Date.parse(fresh.statusChangeDate ?? '')).toBe(epochPlus(later));
      // The same domain for another account is a pair of its own.
      expect((await t.status('moving-early.com', 'acct-other')).status).toBe(HAPPY_PATH[0]);
      // Each keeps its own schedule.
      t.moveTo(later + (HAPPY_PATH_STEP_STARTS_MS[1] as number));
      expect((await t.status('moving-late.com')).status).toBe(HAPPY_PATH[1]);
      expect((await t.status('moving-early.com', 'acct-other')).status).toBe(HAPPY_PATH[1]);
      expect((await t.status('moving-early.com')).status).toBe(HAPPY_PATH[2]);
      // A domain asked for by an account without transfers does not start a lifecycle.
      expect((await t.s.transfer('moving-none.com', { account: 'acct-empty' })).status).toBe(404);
      t.moveTo(later + 2 * HOUR);
      expect((await t.status('moving-none.com')).status).toBe(HAPPY_PATH[0]);
    } finally {
      await t.s.close();
    }
  });

  it('keeps the first asks per sandbox instance: another or a restarted one starts again', async () => {
    const shared = manualClock(1);
    const one = await startTestSandbox({ clock: shared.clock });
    const two = await startTestSandbox({ clock: shared.clock });
    const code = async (s: TestSandbox) =>
      transferStatus.parse(await (await s.transfer('moving-shared.com')).json()).status;
    try {
      expect(await code(one)).toBe(HAPPY_PATH[0]);
      shared.advance(HAPPY_PATH_STEP_STARTS_MS[4] as number);
      expect(await code(one)).toBe(HAPPY_PATH[4]);
      expect(await code(two)).toBe(HAPPY_PATH[0]);
      await one.close();
      const restarted = await startTestSandbox({ clock: shared.clock });
      try {
        expect(await code(restarted)).toBe(HAPPY_PATH[0]);
        shared.advance(HAPPY_PATH_STEP_STARTS_MS[1] as number);
        expect(await code(restarted)).toBe(HAPPY_PATH[1]);
        expect(await code(two)).toBe(HAPPY_PATH[1]);
      } finally {
        await restarted.close();
      }
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('is exact at step boundaries', async () => {
    const t = await sandboxOnOwnClock();
    try {
      const second = HAPPY_PATH_STEP_STARTS_MS[1] as number;
      expect((await t.status('moving-x.com')).status).toBe(1);
      t.moveTo(second - 1);
      expect((await t.status('moving-x.com')).status).toBe(1);
      t.moveTo(second);
      const answer = await t.status('moving-x.com');
      expect(answer.status).toBe(3);
      expect(answer.statusChangeDate).toBe('2026-11-01T07:10:00-05:00');
    } finally {
      await t.s.close();
    }
  });

  it('forgets the oldest first ask beyond its bound', () => {
    const starts = createLifecycleStarts(2);
    const at = (ms: number) => new Date(epochPlus(ms));
    expect(starts.startOf('a', 'moving-1.com', at(0))).toEqual(at(0));
    expect(starts.startOf('a', 'moving-2.com', at(5))).toEqual(at(5));
    expect(starts.startOf('a', 'moving-1.com', at(9))).toEqual(at(0));
    expect(starts.startOf('a', 'moving-3.com', at(10))).toEqual(at(10));
    expect(starts.size).toBe(2);
    expect(starts.startOf('a', 'moving-2.com', at(20))).toEqual(at(5));
    expect(starts.startOf('a', 'moving-1.com', at(30))).toEqual(at(30));
  });
});

describe('bulk', () => {
  const domains = Array.from({ length: 500 }, (_, i) => `bulk-${i + 1}.com`);

  // A few connections reused, like a client with a connection pool (500 sockets at once is slow).
  async function snapshot(s: TestSandbox, names: readonly string[]) {
    const out: { status: number; body: unknown }[] = new Array(names.length);
    let next = 0;
    const worker = async () => {
      while (next < names.length) {
        const i = next++;
        const res = await s.transfer(names[i] as string);
        out[i] = { status: res.status, body: (await res.json()) as unknown };
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    return out;
  }

  it('is deterministic and gives a realistic mix', async () => {
    const first = await snapshot(sandbox, domains);
    // Same answers from another instance with another clock.
    const other = await startTestSandbox();
    try {
      expect(await snapshot(other, domains.slice(0, 100))).toEqual(first.slice(0, 100));
    } finally {
      await other.close();
    }

    first.forEach((r, i) => {
      const n = i + 1;
      if (n % 25 === 0) expect(r.status).toBe(404);
      else expect(transferStatus.safeParse(r.body).success).toBe(true);
    });
    const codes = first.flatMap((r) =>
      r.status === 200 ? [(r.body as TransferStatus).status] : [],
    );
    expect(new Set(codes).size).toBe(17);
    const active = codes.filter((c) => c === 14).length;
    expect(active).toBeGreaterThan(codes.length / 6);
    expect(active).toBeLessThan(codes.length / 2);
  });

  it('bulk-0 and leading zeros are not bulk domains', async () => {
    expect((await sandbox.transfer('bulk-0.com')).status).toBe(404);
    expect((await sandbox.transfer('bulk-01.com')).status).toBe(404);
    expect((await sandbox.transfer('bulk-100000.com')).status).toBe(404); // every 25th
    expect((await sandbox.transfer('bulk-99999.com')).status).toBe(200);
  });
});
