// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DOCUMENTED_BILLABLE_ACTIONS,
  PROCESS_STATUSES,
  RESUME_TYPES,
} from '../src/api/rtr-schemas.ts';
import { JSON_CONTENT_TYPE } from './http.ts';
import { manualClock, startTestSandbox, TEST_EPOCH, type TestSandbox } from './test-support.ts';

const SDK_EXAMPLE =
  '{"id":46069000,"user":"johndoe/died","customer":"johndoe","status":"FAILED","statusDetail":"Contact validation failed","resumeTypes":["MANUAL","TIMER"],"createdDate":"2021-08-11T06:17:15Z","updatedDate":"2021-08-25T06:17:15Z","startedDate":"2021-08-11T06:17:15Z","action":"update","type":"contact","identifier":"rtr-handle123","reservation":{"USD":1000000},"transaction":{"USD":1000000},"refund":{"USD":1000000},"command":{"brand":"default","name":"department","organization":"Realtime Register","addressLine":["streetname 1"],"postalCode":"0000AA","city":"someplace","country":"NL","email":"fake@example.com","voice":"+31.101234567"},"billables":[{"product":".nl","action":"TRANSFER","quantity":1,"amount":1,"providerName":"sidn"}]}';

// The process as the API documentation describes it (strict enums: the deliberately off-spec
// fixtures are expected to fail this).
const timestamp = z.iso.datetime();
const money = z.record(z.string().regex(/^[A-Z]{3}$/), z.number().int());
const documentedProcess = z.strictObject({
  id: z.number().int(),
  user: z.string().regex(/^[^/]+\/[^/]+$/),
  customer: z.string(),
  status: z.enum(PROCESS_STATUSES),
  statusDetail: z.string().optional(),
  createdDate: timestamp,
  updatedDate: timestamp.optional(),
  startedDate: timestamp.optional(),
  type: z.string(),
  identifier: z.string(),
  action: z.string(),
  reservation: money.optional(),
  transaction: money.optional(),
  refund: money.optional(),
  command: z.record(z.string(), z.unknown()),
  resumeTypes: z.array(z.enum(RESUME_TYPES)).optional(),
  error: z.looseObject({ type: z.string(), message: z.string() }).optional(),
  billables: z
    .array(
      z.strictObject({
        product: z.string(),
        action: z.enum(DOCUMENTED_BILLABLE_ACTIONS),
        quantity: z.number().int(),
        amount: z.number().int(),
        providerName: z.string(),
        refundable: z.boolean().optional(),
        total: z.number().int().optional(),
      }),
    )
    .optional(),
});
type DocumentedProcess = z.infer<typeof documentedProcess>;

const apiError = z.looseObject({ type: z.string(), message: z.string() });

let sandbox: TestSandbox;
const time = manualClock(1);

beforeAll(async () => {
  sandbox = await startTestSandbox({ clock: time.clock, slowDelayMs: 150 });
});
afterAll(() => sandbox.close());

async function getProcess(id: number | string, query = ''): Promise<DocumentedProcess> {
  const res = await sandbox.rtr(`/v2/processes/${id}${query}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(JSON_CONTENT_TYPE);
  return (await res.json()) as DocumentedProcess;
}

describe('authentication', () => {
  it.each([
    ['no header', {}],
    ['a wrong key', { Authorization: 'ApiKey wrong' }],
    ['the wrong scheme', { Authorization: 'Bearer sandbox-rtr-key' }],
    ['the bare key', { Authorization: 'sandbox-rtr-key' }],
  ])('rejects %s with 401 AuthenticationError', async (_label, headers) => {
    const res = await fetch(`${sandbox.rtrUrl}/v2/processes/1000004`, { headers });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe(JSON_CONTENT_TYPE);
    const body = apiError.parse(await res.json());
    expect(body.type).toBe('AuthenticationError');
  });

  it('accepts the configured key', async () => {
    expect((await sandbox.rtr('/v2/processes/1000004')).status).toBe(200);
  });

  it('honours custom credentials', async () => {
    const custom = await startTestSandbox({ rtrApiKey: 'k-123' });
    try {
      const ok = await fetch(`${custom.rtrUrl}/v2/processes/1000004`, {
        headers: { Authorization: 'ApiKey k-123' },
      });
      expect(ok.status).toBe(200);
      expect((await custom.rtr('/v2/processes/1000004')).status).toBe(401);
    } finally {
      await custom.close();
    }
  });
});

describe('process fixtures', () => {
  it('serves the official SDK example verbatim', async () => {
    const res = await sandbox.rtr('/v2/processes/46069000');
    expect(await res.text()).toBe(SDK_EXAMPLE);
  });

  const statuses: [number, string][] = [
    [1000001, 'NEW'],
    [1000002, 'VALIDATED'],
    [1000003, 'RUNNING'],
    [1000004, 'COMPLETED'],
    [1000005, 'INVALID'],
    [1000006, 'CANCELLED'],
    [1000007, 'FAILED'],
    [1000008, 'IN_DOUBT'],
    [1000009, 'SCHEDULED'],
    [1000010, 'SUSPENDED'],
  ];
  it.each(statuses)('%i is a documented %s process with a statusDetail', async (id, status) => {
    const p = documentedProcess.parse(await getProcess(id));
    expect(p.id).toBe(id);
    expect(p.status).toBe(status);
    expect(p.statusDetail).toEqual(expect.any(String));
  });

  it.each([46069000, 1000011, 1000012, 1000013, 1000015, 1000016, 1000017])(
    '%i matches the documented shape',
    async (id) => {
      const result = documentedProcess.safeParse(await getProcess(id));
      expect(result.error?.issues ?? []).toEqual([]);
    },
  );

  it('waiting statuses say what they wait for', async () => {
    expect((await getProcess(1000010)).resumeTypes).toEqual(['RESEND', 'CANCEL', 'PROVIDER']);
    const suspended = await getProcess(1000010);
    expect([suspended.type, suspended.action, suspended.identifier]).toEqual([
      'domain',
      'incomingTransfer',
      'example.com',
    ]);
    expect((await getProcess(1000009)).resumeTypes).toContain('TIMER');
    expect((await getProcess(1000008)).resumeTypes).toEqual(['MANUAL']);
  });

  it('COMPLETED create charged exactly what it reserved', async () => {
    const p = await getProcess(1000004);
    expect(p.action).toBe('create');
    expect(p.transaction).toEqual(p.reservation);
  });

  it('FAILED carries an error object with nested detail', async () => {
    const p = await getProcess(1000007);
    expect(p.error).toMatchObject({ type: expect.any(String), message: expect.any(String) });
    expect(p.error?.providerResponse).toMatchObject({ code: 2302 });
  });

  it('1000011 has only the required fields', async () => {
    const p = await getProcess(1000011);
    expect(Object.keys(p).sort()).toEqual(
      [
        'id',
        'user',
        'customer',
        'status',
        'createdDate',
        'type',
        'identifier',
        'action',
        'command',
      ].sort(),
    );
  });

  it('1000012 has money in EUR, USD, JPY and BHD with the documented oddities', async () => {
    const p = await getProcess(1000012);
    expect(Object.keys(p.reservation ?? {}).sort()).toEqual(['BHD', 'EUR', 'JPY', 'USD']);
    expect(p.transaction?.BHD).toBeUndefined(); // reserved, never charged
    expect(p.refund?.JPY).toBeGreaterThan(p.transaction?.JPY ?? Infinity); // refund > charge
    expect(p.status).toBe('COMPLETED');
  });

  it('1000013 has 2,000 deterministic, varied billables; 1000017 has 10', async () => {
    const a = await getProcess(1000013);
    const b = await getProcess(1000013);
    expect(a).toEqual(b);
    const billables = a.billables ?? [];
    expect(billables).toHaveLength(2000);
    expect(new Set(billables.map((x) => x.product)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(billables.map((x) => x.action)).size).toBe(DOCUMENTED_BILLABLE_ACTIONS.length);
    expect(billables.some((x) => x.amount < 0)).toBe(true);
    expect(new Set(billables.map((x) => x.quantity)).size).toBeGreaterThan(1);
    expect(billables.some((x) => x.refundable === true)).toBe(true);
    expect(billables.some((x) => x.total !== undefined)).toBe(true);
    expect(billables.some((x) => x.refundable === undefined && x.total === undefined)).toBe(true);
    expect((await getProcess(1000017)).billables).toHaveLength(10);
  });

  it('1000014 deviates from the documentation but is valid JSON', async () => {
    const p = (await getProcess(1000014)) as DocumentedProcess & Record<string, unknown>;
    expect(p.status).toBe('PAUSED_BY_REGISTRY');
    expect(p.billables?.map((x) => x.action)).toContain('COMPLIANCE_REVIEW');
    expect(p.registryTicket).toEqual(expect.any(String));
    expect(documentedProcess.safeParse(p).success).toBe(false);
  });

  it('1000015 has an EPP authcode and a deeply nested registrant in its command', async () => {
    const p = await getProcess(1000015);
    expect(p.status).toBe('RUNNING');
    expect(p.action).toBe('incomingTransfer');
    expect(p.command.authcode).toEqual(expect.any(String));
    const depth = (v: unknown): number =>
      v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depth)) : 0;
    expect(depth(p.command)).toBeGreaterThanOrEqual(5);
    expect(p.command).toMatchObject({
      contacts: { registrant: { address: { geo: { coordinates: { lat: expect.any(Number) } } } } },
    });
  });

  it('1000016 runs for 60 simulated seconds after the epoch, then completes', async () => {
    const running = await getProcess(1000016);
    expect(running.status).toBe('RUNNING');
    expect(running.createdDate).toBe(TEST_EPOCH.toISOString().replace('.000Z', 'Z'));
    expect(running.resumeTypes).toEqual(['PROVIDER']);
    time.advance(59_999);
    expect((await getProcess(1000016)).status).toBe('RUNNING');
    time.advance(1);
    const done = await getProcess(1000016);
    expect(done.status).toBe('COMPLETED');
    expect(done.statusDetail).not.toBe(running.statusDetail);
    expect(done.updatedDate).toBe('2026-11-01T12:01:00Z');
    expect(done.transaction).toEqual(done.reservation);
    expect(done.resumeTypes).toBeUndefined();
  });
});

describe('fields', () => {
  it('returns only the requested fields plus id', async () => {
    const p = await getProcess(1000004, '?fields=status,createdDate');
    expect(p).toEqual({ id: 1000004, status: 'COMPLETED', createdDate: expect.any(String) });
  });

  it('accepts spaces, empty items and repeated parameters', async () => {
    const p = await getProcess(1000007, '?fields=status,%20error,&fields=identifier');
    expect(Object.keys(p)).toEqual(['id', 'status', 'identifier', 'error']);
  });

  it('omits requested fields the process does not have', async () => {
    expect(await getProcess(1000011, '?fields=error,billables')).toEqual({ id: 1000011 });
  });

  it('treats an empty selection as "all fields"', async () => {
    expect(Object.keys(await getProcess(1000004, '?fields='))).toContain('billables');
  });

  it('rejects an unknown field with 400 ValidationError', async () => {
    const res = await sandbox.rtr('/v2/processes/1000004?fields=status,foo');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe(JSON_CONTENT_TYPE);
    expect(await res.json()).toMatchObject({
      type: 'ValidationError',
      message: 'Unknown field: foo',
    });
  });
});

describe('errors', () => {
  async function expectError(id: number, status: number, type: string) {
    const res = await sandbox.rtr(`/v2/processes/${id}`);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe(JSON_CONTENT_TYPE);
    const body = apiError.parse(await res.json());
    expect(body.type).toBe(type);
    return { res, body };
  }

  it('404000 is a bare 404 with an empty body', async () => {
    const res = await sandbox.rtr('/v2/processes/404000');
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('');
  });

  it.each(['1234', '0', '-1', '00042'])('unknown id %s is 400 ObjectDoesNotExist', async (raw) => {
    const res = await sandbox.rtr(`/v2/processes/${raw}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      type: 'ObjectDoesNotExist',
      message: 'Process not found',
      objectType: 'Process',
      identifier: String(BigInt(raw)),
    });
  });

  it.each(['abc', '1.5', '1e3', '0x10', '99999999999999999999', '%20'])(
    'non-integer id %s is 400 ValidationError',
    async (raw) => {
      const res = await sandbox.rtr(`/v2/processes/${raw}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ type: 'ValidationError' });
    },
  );

  it('401001 is refused even with the right key', () =>
    expectError(401001, 401, 'AuthenticationError'));
  it('403001 is AuthorizationError', () => expectError(403001, 403, 'AuthorizationError'));
  it('429001 is TooManyRequests with Retry-After: 2', async () => {
    const { res } = await expectError(429001, 429, 'TooManyRequests');
    expect(res.headers.get('retry-after')).toBe('2');
  });
  it('500001 is InternalSRSError', () => expectError(500001, 500, 'InternalSRSError'));
  it('502001 is ProviderConnectionError', () =>
    expectError(502001, 502, 'ProviderConnectionError'));
  it('503001 is ProviderUnavailable with a maintenance window around now', async () => {
    const { body } = await expectError(503001, 503, 'ProviderUnavailable');
    const now = time.clock.now().getTime();
    expect(Date.parse(String(body.startDate))).toBeLessThanOrEqual(now);
    expect(Date.parse(String(body.endDate))).toBeGreaterThan(now);
  });

  it('520001 is a 200 with malformed JSON', async () => {
    const res = await sandbox.rtr('/v2/processes/520001');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toBe('{"id": 520001, "status": "RUN');
    expect(() => JSON.parse(text)).toThrow();
  });

  it('520002 is a 200 with JSON that breaks the schema', async () => {
    const res = await sandbox.rtr('/v2/processes/520002');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ id: 520002, status: 3, createdDate: 'yesterday' });
    expect(body).not.toHaveProperty('customer');
    expect(documentedProcess.safeParse(body).success).toBe(false);
  });

  it('520003 is a 200 HTML page', async () => {
    const res = await sandbox.rtr('/v2/processes/520003');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('504001 answers only after slowDelayMs', async () => {
    const started = performance.now();
    const p = await getProcess(504001);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(documentedProcess.parse(p).status).toBe('COMPLETED');
    await expect(
      sandbox.rtr('/v2/processes/504001', { signal: AbortSignal.timeout(50) }),
    ).rejects.toThrow();
  });

  it('unknown endpoints under /rtr are JSON 404s', async () => {
    const res = await sandbox.rtr('/v2/domains');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe(JSON_CONTENT_TYPE);
  });
});
