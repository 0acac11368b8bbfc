import { describe, expect, it } from 'vitest';
import { processSchema, rtrErrorSchema } from './rtr-schemas.ts';
import { hostwayFaultSchema } from './hostway-schemas.ts';
import { transferStatusNames, transferStatusSchema } from '../contract/transfer-status.ts';

// The examples from shared/api/README.md §3, verbatim.
const sdkProcess = {
  id: 46069000,
  user: 'johndoe/died',
  customer: 'johndoe',
  status: 'FAILED',
  statusDetail: 'Contact validation failed',
  resumeTypes: ['MANUAL', 'TIMER'],
  createdDate: '2021-08-11T06:17:15Z',
  updatedDate: '2021-08-25T06:17:15Z',
  startedDate: '2021-08-11T06:17:15Z',
  action: 'update',
  type: 'contact',
  identifier: 'rtr-handle123',
  reservation: { USD: 1000000 },
  transaction: { USD: 1000000 },
  refund: { USD: 1000000 },
  command: {
    brand: 'default',
    name: 'department',
    organization: 'Realtime Register',
    addressLine: ['streetname 1'],
    postalCode: '0000AA',
    city: 'someplace',
    country: 'NL',
    email: 'fake@example.com',
    voice: '+31.101234567',
  },
  billables: [{ product: '.nl', action: 'TRANSFER', quantity: 1, amount: 1, providerName: 'sidn' }],
};

const hostwayExample = {
  status: 7,
  emailAddress: 'joshbond@usa.net',
  description: 'Auto verification of transfer request initiated',
  statusChangeDate: '2014-03-25T11:15:11-05:00',
};

describe('processSchema', () => {
  it('parses the official SDK example unchanged', () => {
    expect(processSchema.parse(sdkProcess)).toEqual(sdkProcess);
  });

  it('lets unknown statuses, billable actions and extra fields through', () => {
    const odd = {
      ...sdkProcess,
      status: 'PAUSED_BY_REGISTRY',
      brandNew: { x: 1 },
      billables: [{ product: '.com', action: 'TELEPORT', quantity: 1, amount: 5 }],
    };
    const parsed = processSchema.parse(odd);
    expect(parsed.status).toBe('PAUSED_BY_REGISTRY');
    expect(parsed.billables?.[0]?.action).toBe('TELEPORT');
    expect(parsed).toHaveProperty('brandNew', { x: 1 });
  });

  it('accepts a process with only the fields it cannot do without', () => {
    const minimal = { id: 1, status: 'NEW', createdDate: '2026-11-01T10:00:00.123+01:00' };
    expect(processSchema.parse(minimal)).toEqual(minimal);
  });

  it.each([
    ['status is a number', { status: 3 }, 'status'],
    ['createdDate is not a timestamp', { createdDate: 'yesterday' }, 'createdDate'],
    ['money is fractional', { reservation: { USD: 1.5 } }, 'reservation'],
    ['id is missing', { id: undefined }, 'id'],
  ])('rejects a process where %s', (_name, change, field) => {
    const result = processSchema.safeParse({ ...sdkProcess, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path[0])).toContain(field);
  });

  it('parses the RTR error body with its extra fields', () => {
    const body = {
      type: 'ObjectDoesNotExist',
      message: 'Process not found',
      objectType: 'Process',
      identifier: '1',
    };
    expect(rtrErrorSchema.parse(body)).toEqual(body);
  });
});

describe('transferStatusSchema', () => {
  it('parses the Hostway document example unchanged', () => {
    expect(transferStatusSchema.parse(hostwayExample)).toEqual(hostwayExample);
  });

  it('accepts every documented code and unknown ones', () => {
    for (const status of [...Array.from({ length: 17 }, (_, i) => i + 1), 42]) {
      expect(transferStatusSchema.parse({ status, description: 'x' }).status).toBe(status);
    }
  });

  it('rejects a status that is not an integer', () => {
    expect(transferStatusSchema.safeParse({ status: 'seven', description: 'x' }).success).toBe(
      false,
    );
  });

  it('knows that code 2 has two names', () => {
    expect(transferStatusNames(2)).toEqual(['WHOIS_MANUAL', 'WHOIS_CANCEL']);
    expect(transferStatusNames(14)).toEqual(['ACTIVE']);
    expect(transferStatusNames(42)).toEqual([]);
  });

  it('parses the Hostway fault wrapper', () => {
    const fault = {
      itemNotFound: { guid: '', message: 'Resource not found', code: 404, details: '' },
    };
    expect(hostwayFaultSchema.parse(fault)).toEqual(fault);
  });
});
