import { describe, expect, it } from 'vitest';
import { BILLABLE_ACTIONS, type Billable } from '../../../api/rtr-schemas.ts';
import { isKnownBillableAction, summariseBillables } from './billables.ts';

const billable = (overrides: Partial<Billable> = {}): Billable => ({
  product: '.nl',
  action: 'TRANSFER',
  quantity: 1,
  amount: 1,
  providerName: 'sidn',
  ...overrides,
});

describe('isKnownBillableAction', () => {
  it('knows every documented action, including the SDK-only UPDATE_ADMINISTRATION', () => {
    for (const action of BILLABLE_ACTIONS) expect(isKnownBillableAction(action)).toBe(true);
    expect(isKnownBillableAction('UPDATE_ADMINISTRATION')).toBe(true);
  });

  it.each(['transfer', 'TRADE', '', 'toString'])('does not know %j', (action) => {
    expect(isKnownBillableAction(action)).toBe(false);
  });
});

describe('summariseBillables', () => {
  it('summarises an empty list', () => {
    expect(summariseBillables([])).toEqual({
      rowCount: 0,
      totalQuantity: 0,
      totalAmount: 0,
      totalTotal: undefined,
      refundableCount: undefined,
      hasTotal: false,
      hasRefundable: false,
      actions: [],
      unknownActions: [],
    });
  });

  it('sums quantity and amount and counts actions', () => {
    const summary = summariseBillables([
      billable({ action: 'RENEW', quantity: 2, amount: 1500 }),
      billable({ action: 'CREATE', quantity: 1, amount: 1000 }),
      billable({ action: 'RENEW', quantity: 3, amount: 2250 }),
      billable({ action: 'NEGATIVE_MARKUP', quantity: 1, amount: -200 }),
    ]);
    expect(summary).toMatchObject({
      rowCount: 4,
      totalQuantity: 7,
      totalAmount: 4550,
      hasTotal: false,
      hasRefundable: false,
      unknownActions: [],
    });
    expect(summary.actions).toEqual([
      { action: 'RENEW', count: 2, known: true },
      { action: 'CREATE', count: 1, known: true },
      { action: 'NEGATIVE_MARKUP', count: 1, known: true },
    ]);
  });

  it('sums total and counts refundable only over rows that have them', () => {
    const summary = summariseBillables([
      billable({ total: 100, refundable: true }),
      billable({ total: 250, refundable: false }),
      billable(),
      billable({ refundable: true }),
    ]);
    expect(summary).toMatchObject({
      totalTotal: 350,
      refundableCount: 2,
      hasTotal: true,
      hasRefundable: true,
    });
  });

  it('reports a zero total and no refundable rows as present, not absent', () => {
    const summary = summariseBillables([billable({ total: 0, refundable: false })]);
    expect(summary).toMatchObject({ totalTotal: 0, refundableCount: 0, hasTotal: true });
  });

  it('flags unknown actions once each, sorted', () => {
    const summary = summariseBillables([
      billable({ action: 'TRADE' }),
      billable({ action: 'CREATE' }),
      billable({ action: 'TRADE' }),
      billable({ action: 'BONUS' }),
    ]);
    expect(summary.unknownActions).toEqual(['BONUS', 'TRADE']);
    expect(summary.actions).toEqual([
      { action: 'TRADE', count: 2, known: false },
      { action: 'BONUS', count: 1, known: false },
      { action: 'CREATE', count: 1, known: true },
    ]);
  });

  it('handles 2,000 rows', () => {
    const rows = Array.from({ length: 2000 }, (_, i) =>
      billable({ action: i % 2 ? 'RENEW' : 'CREATE', amount: i }),
    );
    const summary = summariseBillables(rows);
    expect(summary.rowCount).toBe(2000);
    expect(summary.totalAmount).toBe((1999 * 2000) / 2);
    expect(summary.actions.map((a) => a.count)).toEqual([1000, 1000]);
  });
});
